"""An nbgrader course folder as the grader sees it: folders, gradebook, notebooks, learners, secret.

Read with the course's own ``nbgrader_config.py`` through nbgrader's loader,
so a folder, database or id set there is honoured exactly as stock nbgrader
honours it.
"""

from __future__ import annotations

import fcntl
import fnmatch
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import settings
from ..course import SECRET_FILE, Course
from .notebooks import declarations, is_test_cell, nbgrader_meta, read_notebook, release_version
from .results import GradeError

__all__ = ["SECRET_FILE", "GradingCourse", "SourceNotebook", "one_writer", "open_course", "write_atomically"]


def write_atomically(path: Path, data: bytes) -> None:
    """Readers (nbgrader, the formgrader, a resumed batch) see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass(frozen=True)
class SourceNotebook:
    """What the grader needs from a source notebook, read once per batch (plain data, so a job can carry it)."""

    #: grade_id -> the test cell as learners received it (hidden tests removed), to tell an edit from a release.
    released_tests: dict[str, str]
    #: grade_id -> the exercises the test cell declares it checks (the hidden-test contract).
    declared: dict[str, tuple[str, ...]]

    @classmethod
    def read(cls, path: Path) -> SourceNotebook:
        """GradeError if unreadable: without it the grader would not know which answers to recheck."""
        try:
            nb = read_notebook(path)
        except ValueError as exc:
            raise GradeError(f"the source notebook cannot be read, and it says what each test cell checks "
                             f"({exc}); nothing was graded") from None
        try:
            released = release_version(nb)
            tests = {nbgrader_meta(c)["grade_id"]: c.source for c in released.cells if is_test_cell(c)}
        except Exception:
            tests = {}
        return cls(tests, declarations(nb))


class GradingCourse:
    """The course (:class:`academy.course.Course`) with nbgrader's folders and gradebook, as the grader uses it."""

    def __init__(self, root: Path, db_url: str | None = None) -> None:
        from nbgrader.coursedir import CourseDirectory

        course = Course.at(root)
        self.root = course.root
        self.config = course.nbgrader_config()
        if db_url:
            self.config.CourseDirectory.db_url = db_url
        self.coursedir = CourseDirectory(config=self.config)
        self.coursedir.root = str(self.root)
        self.db_url = self.coursedir.db_url
        self.course_id = self.coursedir.course_id

    def folder(self, step: str, student: str, assignment: str) -> Path:
        directory = getattr(self.coursedir, f"{step}_directory")
        return Path(self.coursedir.format_path(directory, student, assignment))

    def source_notebook(self, assignment: str, name: str) -> Path:
        return self.root / "source" / assignment / f"{name}.ipynb"

    def gradebook(self):
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id)

    def notebooks(self, assignment: str) -> list[str]:
        """The assignment's notebooks, generating the assignment first if the gradebook lacks it."""
        from nbgrader.api import MissingEntry

        def known() -> list[str]:
            with self.gradebook() as gb:
                try:
                    return sorted(n.name for n in gb.find_assignment(assignment).notebooks)
                except MissingEntry:
                    return []

        names = known()
        if names:
            return names
        source = self.root / "source" / assignment
        if not source.is_dir():
            found = sorted(p.name for p in (self.root / "source").glob("*") if p.is_dir())
            raise GradeError(f"no assignment '{assignment}' in {self.root / 'source'} "
                             f"(found: {', '.join(found) or 'none'})")
        from nbgrader.apps import NbGraderAPI

        result = NbGraderAPI(coursedir=self.coursedir, config=self.config).generate_assignment(assignment)
        if not result.get("success"):
            raise GradeError(f"nbgrader could not generate '{assignment}':\n{result.get('log', '')[-2000:]}")
        return known()

    def students(self, assignment: str) -> list[str]:
        found = []
        submitted = self.root / self.coursedir.submitted_directory
        for folder in sorted(submitted.glob("*")) if submitted.is_dir() else []:
            if (self.folder("submitted", folder.name, assignment)).is_dir():
                found.append(folder.name)
        return found

    def secret(self) -> str:
        return Course.at(self.root).secret()

    @property
    def exchange_root(self) -> Path:
        """The nbgrader exchange this course's config names (nbgrader's own default when it names none)."""
        return Path(str(self.config.get("Exchange", {}).get("root", "/srv/nbgrader/exchange")))

    def waiting_in_exchange(self, assignment: str, exchanges: tuple[Path, ...] = ()) -> dict[Path, list[str]]:
        """Learners whose submissions of ``assignment`` are in an exchange, not yet collected into submitted/.

        nbgrader names each ``<exchange>/<course>/inbound/<student>+<assignment>+<time>...``.
        """
        found = {}
        for exchange in dict.fromkeys((self.exchange_root, *exchanges)):
            try:
                names = [p.name.split("+") for p in (exchange / self.course_id / "inbound").iterdir()]
            except OSError:
                continue
            students = sorted({parts[0] for parts in names if len(parts) >= 3 and parts[1] == assignment})
            if students:
                found[exchange] = students
        return found

    def waiting_in_service(self, assignment: str, folder: Path, db_url: str) -> list[str]:
        """Learners with a submission of ``assignment`` in the hub's exchange service (``folder``, its records at
        ``db_url``); [] when there is no such exchange here or it cannot be read."""
        if not (folder / "blobs").is_dir():
            return []
        from ..exchange.store import ExchangeStore

        try:
            store = ExchangeStore(folder, db_url)
            return sorted({s.student for s in store.submissions(self.course_id, assignment)})
        except Exception:  # another account's folder, a database that is away: say nothing rather than fail
            return []

    def hidden_paths(self) -> tuple[str, ...]:
        """What a learner's kernel must not see: the course, the exchange, the gradebook, the secret.

        Also the courses of the checkout the package runs from (an editable install, as in the demo): the
        same solutions and checks sit there, whichever copy of the course is being graded.
        """
        paths = [str(self.root)]
        checkout_courses = settings.PROJECT_ROOT / "courses" if settings.PROJECT_ROOT else None
        if checkout_courses is not None and checkout_courses.is_dir():
            paths.append(str(checkout_courses.resolve()))
        if self.exchange_root.is_dir():
            paths.append(str(self.exchange_root))
        if self.db_url.startswith("sqlite:///"):
            paths.append(os.path.dirname(os.path.abspath(self.db_url[len("sqlite:///"):])))
        secret_file = (settings.raw("ACADEMY_GRADER_SECRET_FILE") or "").strip()
        if secret_file and os.path.exists(secret_file):
            paths.append(os.path.abspath(secret_file))
        return tuple(dict.fromkeys(paths))

    def shared_files(self, assignment: str) -> list[Path]:
        """Data files beside the source notebooks (nbgrader copies these into every learner's folder)."""
        source = self.root / "source" / assignment
        found = []
        for path in sorted(source.rglob("*")) if source.is_dir() else []:
            rel = path.relative_to(source)
            if path.is_file() and path.suffix != ".ipynb" and not any(
                    fnmatch.fnmatch(part, pattern) for part in rel.parts for pattern in self.coursedir.ignore):
                found.append(path)
        return found


@lru_cache(maxsize=8)
def open_course(root: Path, db_url: str | None = None) -> GradingCourse:
    """One ``GradingCourse`` per process and folder: a worker grading many notebooks reads the config once."""
    return GradingCourse(root, db_url)


@contextmanager
def one_writer(lock_file: Path) -> Iterator[None]:
    """Hold the gradebook for writing: one writer at a time across processes, so SQLite never says "locked".

    A lock file, not a lock object, so that a job naming it can be handed to any process.
    """
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
