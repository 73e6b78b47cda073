"""The course: one nbgrader course folder, found one way and described once.

Everything that works on a course (the command line, the hub, the grader,
the progress service) takes a :class:`Course` built by :func:`find`, so "which
course" has one answer: the folder given, else ``ACADEMY_COURSE``, else the
course folder you are standing in (as nbgrader users expect), else the
project's ``courses/accelerator``. The course id is the one nbgrader itself
reads from ``nbgrader_config.py`` (through traitlets, nbgrader's config
system), falling back to the folder's name as nbgrader does.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import settings
from .errors import AcademyError

if TYPE_CHECKING:
    from .curriculum import Curriculum

CONFIG = "nbgrader_config.py"
DEFAULT = Path("courses") / "accelerator"
#: The course's own secret, kept in its folder (so grader-owned in production, hidden by the sandbox).
SECRET_FILE = ".academy_grader_secret"
#: The learner's plain-English feedback on a graded module, beside nbgrader's HTML in feedback/<learner>/<module>/.
SUMMARY_FILE = "summary.txt"


class CourseError(AcademyError):
    """A folder that is not a course, or a course that cannot be read."""


def nbgrader_config(root: Path):
    """The course's ``nbgrader_config.py`` as nbgrader loads it (a traitlets ``Config``; empty when absent)."""
    from traitlets.config import Config
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    try:
        return PyFileConfigLoader(CONFIG, path=str(root)).load_config()
    except ConfigFileNotFound:
        return Config()
    except Exception as exc:  # a syntax error in the instructor's config
        raise CourseError(f"{Path(root) / CONFIG} cannot be read: {exc}") from None


def course_id(root: Path) -> str:
    """The course id nbgrader uses: the one its config sets, else the folder name."""
    found = nbgrader_config(root).CourseDirectory.get("course_id")
    return str(found) if found else Path(root).name


@dataclass(frozen=True)
class Course:
    """An nbgrader course folder: ``nbgrader_config.py``, ``curriculum.toml``, ``source/<module>/``."""

    root: Path
    _id: str = field(default="", compare=False, repr=False)

    @classmethod
    def at(cls, folder: Path | str) -> Course:
        root = Path(folder).expanduser().resolve()
        if not root.is_dir():
            raise CourseError(f"{folder} is not a folder (give --course the path of a course folder, such as "
                              f"{settings.PROJECT_ROOT / DEFAULT})")
        return cls(root)

    @cached_property
    def id(self) -> str:
        return self._id or course_id(self.root)

    def nbgrader_config(self):
        """A fresh copy of the course's nbgrader config (callers may add to it)."""
        return nbgrader_config(self.root)

    @cached_property
    def curriculum(self) -> Curriculum:
        from .curriculum import load

        return load(self.root)

    @property
    def source(self) -> Path:
        return self.root / "source"

    def module_ids(self) -> list[str]:
        """The modules with a source folder, in order."""
        if not self.source.is_dir():
            return []
        return sorted(p.name for p in self.source.iterdir() if p.is_dir() and not p.name.startswith("."))

    @property
    def gradebook(self) -> Path:
        return self.root / "gradebook.db"

    def summary(self, student: str, module: str) -> str:
        """The grader's plain-English feedback to a learner on a module; '' before it is written, or where it
        cannot be read (shown in the formgrader's dialogue and on the learner's progress page)."""
        try:
            return (self.root / "feedback" / student / module / SUMMARY_FILE).read_text(encoding="utf-8")
        except OSError:
            return ""

    def ungraded(self) -> dict[str, list[str]]:
        """Module -> learners whose collected submission (``submitted/``) has not been autograded yet."""
        waiting: dict[str, list[str]] = {}
        submitted = self.root / "submitted"
        for folder in sorted(submitted.glob("*/*")) if submitted.is_dir() else []:
            student, module = folder.parent.name, folder.name
            if folder.is_dir() and not (self.root / "autograded" / student / module).is_dir():
                waiting.setdefault(module, []).append(student)
        return waiting

    @property
    def modules_folder(self) -> Path:
        """Where the instructor's checks, hints and answer collections live (never released to learners)."""
        return self.root / "modules"

    def secret(self) -> str:
        """The secret that seeds every learner's variant and the grader's unseen data.

        Without it the public data generators cannot rebuild a learner's numbers, so nothing a learner can
        import or read tells them their answers. ``ACADEMY_GRADER_SECRET`` (or the file
        ``ACADEMY_GRADER_SECRET_FILE`` names) wins; else one is made once and kept in the course folder.
        """
        given = settings.raw("ACADEMY_GRADER_SECRET")
        if given:
            return given
        named = settings.raw("ACADEMY_GRADER_SECRET_FILE")
        if named and Path(named).is_file():
            text = Path(named).read_text().strip()
            if text:
                return text
        path = self.root / SECRET_FILE
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        except OSError as exc:
            raise CourseError(f"cannot keep the course's secret in {path}: {exc.strerror}") from None
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
        try:
            return path.read_text().strip()
        except OSError as exc:
            raise CourseError(f"cannot read the course's secret {path}: {exc.strerror} "
                              "(only the grader's account may read it)") from None


def default_folder(cwd: Path | None = None) -> Path:
    """``ACADEMY_COURSE``, else the course folder around ``cwd``, else the project's accelerator course."""
    chosen = settings.get("ACADEMY_COURSE")
    if chosen:
        return Path(chosen).expanduser()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return folder
    return settings.PROJECT_ROOT / DEFAULT


def find(folder: Path | str | None = None) -> Course:
    """The course named by ``folder`` (an option), or the default one."""
    return Course.at(folder if folder is not None else default_folder())


def nbgrader_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: this process's) with this Python's ``bin`` first on ``PATH``.

    nbgrader runs ``alembic`` by name when it makes a gradebook, and the hub starts ``jupyterhub-singleuser``
    by name, so whatever runs them must find this environment's scripts first.
    """
    base = dict(os.environ if env is None else env)
    bin_dir = str(Path(sys.executable).parent)
    rest = base.get("PATH", "/usr/local/bin:/usr/bin:/bin")
    base["PATH"] = rest if rest.split(os.pathsep)[0] == bin_dir else f"{bin_dir}{os.pathsep}{rest}"
    return base


def learner_names(login: str) -> dict[str, str]:
    """A first and last name for nbgrader's gradebook, read from a login name, for a learner nobody named.

    The formgrader lists people as "last, first" and shows "None, None" where both are empty; a login such
    as ``jane.smith`` gives Jane Smith, a single word is kept whole as the last name.
    """
    parts = [p for p in re.split(r"[._\s-]+", login.split("@")[0]) if p]
    if len(parts) < 2:
        return {"first_name": "", "last_name": login}
    return {"first_name": parts[0].title(), "last_name": " ".join(parts[1:]).title()}


def add_named_student(gb, login: str, names: dict[str, str] | None = None) -> None:
    """``login`` in nbgrader's gradebook ``gb`` with ``names`` (else :func:`learner_names`), unless someone has
    already named them there: an instructor's entry in Manage Students is never overwritten."""
    from nbgrader.api import MissingEntry

    try:
        known = gb.find_student(login)
        if known.first_name or known.last_name:
            return
    except MissingEntry:
        pass
    gb.update_or_create_student(login, **(names or learner_names(login)))
