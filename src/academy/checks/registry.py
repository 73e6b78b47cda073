"""A course's modules as its instructors wrote them, read from the course folder.

Each module is written once, in the course folder:

- ``source/<id>/<id>.ipynb``: the nbgrader source notebook, which holds the
  question text, the set-up and worked examples, and each solution (between
  nbgrader's solution markers);
- ``modules/<id>/checks.py``: what only the grader may know: each exercise's
  check, hints, typical mistakes and reference function, as a ``MODULE`` spec;
- ``modules/<id>/answers.py``: collections of right and wrong answers
  (``RIGHT`` and ``WRONG``: exercise -> list of answer-cell code), which
  ``academy validate`` judges.

Nothing is written twice: the spec's solutions and set-up code are read from
the notebook here. The files are loaded by path, never installed, so the
package a learner's kernel can import holds no answer; a changed file is
read again on the next use, so an edit reaches the hub without reinstalling.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
import threading
import time
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..course import Course, CourseError
from ..course import find as find_course
from ..exercises.core import ModuleSpec

SOLUTION = re.compile(r"^[ \t]*#+[ \t]*BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*#+[ \t]*END SOLUTION[^\n]*$", re.S | re.M)
CHECK_CALL = re.compile(r"^\s*\w+\.\w+\.check\(")


class ModuleSourceError(CourseError):
    """A module's files in the course folder are missing or do not fit together."""


@dataclass(frozen=True)
class CourseModule:
    """One module as loaded from the course folder."""

    spec: ModuleSpec
    #: ``checks.py`` as a Python module (its ``TYPICAL_MISTAKES`` and helpers).
    checks: types.ModuleType
    folder: Path
    notebook: Path
    #: The notebook as a learner runs it, with the published solutions (see :func:`steps`).
    steps: tuple[tuple[str | None, str], ...]
    #: exercise -> answer-cell code that must pass / must fail.
    right: Mapping[str, list[str]]
    wrong: Mapping[str, list[str]]
    #: The exercises whose first wrong answer generated submissions use (``SUBMISSION_MISTAKES`` in
    #: answers.py; default all): a mistake that later questions build on would make their expected scores wrong.
    submission_mistakes: tuple[str, ...] | None = None

    @property
    def typical_mistakes(self) -> dict[str, str]:
        """Answer cell (``q1_answer``) -> the first wrong answer: what generated submissions get wrong."""
        chosen = self.submission_mistakes
        return {f"{name}_answer": codes[0] for name, codes in self.wrong.items()
                if codes and (chosen is None or name in chosen)}


def _cells(notebook: Path) -> list:
    try:
        return list(nbformat.read(str(notebook), as_version=4).cells)
    except FileNotFoundError:
        raise ModuleSourceError(f"{notebook} is missing: every module needs its source notebook") from None
    except Exception as exc:
        raise ModuleSourceError(f"{notebook} cannot be read as a notebook: {exc}") from None


def _grade_id(cell) -> str:
    return str(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", ""))


PLACEHOLDER = re.compile(r"^\w+ = None\s*(#.*)?$")


def solution_of(source: str) -> str | None:
    """An answer cell's solution as nbgrader's solution would run: markers and placeholders dropped."""
    if not SOLUTION.search(source):
        return None
    lines, inside = [], False
    for line in source.splitlines():
        if "BEGIN SOLUTION" in line:
            inside = True
        elif "END SOLUTION" in line:
            inside = False
        elif inside or not PLACEHOLDER.match(line):
            lines.append(line)
    return "\n".join(lines).rstrip() + "\n"


def steps(cells: list) -> list[tuple[str | None, str]]:
    """The notebook as a learner runs it: (exercise or None, code) for every set-up, example and answer cell.

    Test cells and instant-check cells are left out; an answer cell's code is its solution.
    """
    found: list[tuple[str | None, str]] = []
    for cell in cells:
        if cell.cell_type != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = _grade_id(cell)
        if gid.endswith("_answer"):
            code = solution_of(cell.source)
            if code is not None:
                found.append((gid[: -len("_answer")], code))
        elif not meta.get("grade") and not meta.get("solution") and not CHECK_CALL.match(cell.source):
            found.append((None, cell.source))
    return found


def _load_python(path: Path, name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ModuleSourceError(f"{path} cannot be loaded as Python")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        sys.modules.pop(name, None)
        raise ModuleSourceError(f"{path} has an error: {type(exc).__name__}: {exc}") from exc
    return module


def _collection(answers: types.ModuleType | None, name: str, path: Path) -> dict[str, list[str]]:
    value = getattr(answers, name, {}) if answers is not None else {}
    if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, (list, tuple)) and all(isinstance(c, str) for c in v)
            for k, v in value.items()):
        raise ModuleSourceError(f"{path}: {name} must map each exercise to a list of code strings")
    return {k: list(v) for k, v in value.items()}


def load(course: Course, module_id: str) -> CourseModule:
    """Read one module from the course folder (uncached: see :func:`module`)."""
    folder = course.modules_folder / module_id
    checks_file = folder / "checks.py"
    if not checks_file.is_file():
        raise ModuleSourceError(f"{checks_file} is missing: a module's checks live there "
                                f"(`academy module new {module_id}` starts one)")
    stem = f"academy_course_{re.sub(r'[^0-9a-zA-Z_]', '_', course.id)}_{module_id}"
    checks = _load_python(checks_file, f"{stem}_checks")
    spec = getattr(checks, "MODULE", None)
    if not isinstance(spec, ModuleSpec):
        raise ModuleSourceError(f"{checks_file} must define MODULE = ModuleSpec(...)")
    if spec.id != module_id:
        raise ModuleSourceError(f"{checks_file} defines module {spec.id!r}, but its folder is {module_id!r}")
    notebook = course.source / module_id / f"{module_id}.ipynb"
    cells = _cells(notebook)
    ran = steps(cells)
    written = {name: code for name, code in ran if name}
    missing = [e.name for e in spec.exercises if e.name not in written and not e.solution]
    if missing:
        raise ModuleSourceError(f"{notebook} has no solution cell for {', '.join(missing)} "
                                f"(an answer cell with grade_id '<exercise>_answer' and solution markers)")
    exercises = tuple(dataclasses.replace(e, solution=written.get(e.name, e.solution)) for e in spec.exercises)
    given = "\n\n".join(code for name, code in ran if name is None) + "\n"
    spec = dataclasses.replace(spec, exercises=exercises, given_code=given)
    answers_file = folder / "answers.py"
    answers = _load_python(answers_file, f"{stem}_answers") if answers_file.is_file() else None
    chosen = getattr(answers, "SUBMISSION_MISTAKES", None)
    return CourseModule(spec, checks, folder, notebook, tuple(ran), _collection(answers, "RIGHT", answers_file),
                        _collection(answers, "WRONG", answers_file), tuple(chosen) if chosen is not None else None)


def _stamp(course: Course, module_id: str) -> tuple:
    """What changes when an instructor edits the module: the files' modification times and sizes."""
    paths = [course.modules_folder / module_id / "checks.py", course.modules_folder / module_id / "answers.py",
             course.source / module_id / f"{module_id}.ipynb"]
    stamp = []
    for p in paths:
        try:
            info = p.stat()
            stamp.append((info.st_mtime_ns, info.st_size))
        except OSError:
            stamp.append(None)
    return tuple(stamp)


#: Seconds a module read from the course folder is used before its files are looked at again: an instructor's
#: edit reaches learners within this, and a class checking at once does not stat three files per answer.
FRESH_FOR_S = 1.0

_cache: dict[tuple[Path, str], tuple[tuple, CourseModule, float]] = {}
_lock = threading.Lock()


def module(module_id: str, course: Course | None = None) -> CourseModule:
    """One module, read again only when one of its files changed."""
    course = course or find_course()
    key = (course.root, module_id)
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key)
        if cached and now - cached[2] < FRESH_FOR_S:
            return cached[1]
    stamp = _stamp(course, module_id)
    with _lock:
        cached = _cache.get(key)
        if cached and cached[0] == stamp:
            _cache[key] = (stamp, cached[1], now)
            return cached[1]
        loaded = load(course, module_id)
        _cache[key] = (stamp, loaded, now)
        return loaded


def is_module(module_id: str, course: Course) -> bool:
    """Whether the course has this module (answered from the cache while it is fresh)."""
    cached = _cache.get((course.root, module_id))
    if cached and time.monotonic() - cached[2] < FRESH_FOR_S:
        return True
    return (course.modules_folder / module_id / "checks.py").is_file()


def module_ids(course: Course | None = None) -> list[str]:
    """The modules with checks in the course folder, in order."""
    course = course or find_course()
    folder = course.modules_folder
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "checks.py").is_file())


class Modules(Mapping[str, ModuleSpec]):
    """Module id -> spec for one course (the default course unless given), each read when first asked for."""

    def __init__(self, course: Course | None = None) -> None:
        self._course = course

    @property
    def course(self) -> Course:
        return self._course or find_course()

    def __getitem__(self, module_id: str) -> ModuleSpec:
        if module_id not in self:
            raise KeyError(module_id)
        return module(module_id, self.course).spec

    def __contains__(self, module_id: object) -> bool:
        return isinstance(module_id, str) and is_module(module_id, self.course)

    def __iter__(self) -> Iterator[str]:
        return iter(module_ids(self.course))

    def __len__(self) -> int:
        return len(module_ids(self.course))


#: The default course's modules (``--course``/``ACADEMY_COURSE``, the folder you stand in, or the project's).
MODULES = Modules()
