"""The grader's own second look at each answer, outside the learner's kernel.

A test cell that calls ``verify("m02", "q3", answer_q3)`` would judge the
answer in the learner's kernel, where earlier cells may have replaced
``verify``. Under ``academy grade`` the call only records the answer; here the
grader reads the record and judges it in its own process, with the course
folder's checks and words. A test cell keeps its marks only if its visible
asserts pass in the kernel and the recorded answer passes here. Before the
kernel starts, the grader leaves it the learner's own tables (the kernel
cannot rebuild them: they are seeded with the course's secret) and, for
function exercises, the unseen data, keeping the reference results to itself.

Which exercises a test cell checks is the cell's declaration in the course's
source notebook (``notebooks.declared_exercises``), never the cell's text, so
any spelling of the call is rechecked, and a declared exercise with no record
scores zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..checks.judge import Judge
from ..checks.registry import Modules
from ..checks.unseen import function_spec, unseen_problem, unseen_tables
from ..course import Course
from ..exercises import capture
from ..notebook.client import GRADING_DATA

NO_RECORD = "The grader found no usable record of your answer"
#: Where ``capture.save_inputs`` and the learner's data go: not records.
_NOT_RECORDS = ("inputs", GRADING_DATA)


@lru_cache(maxsize=8)
def judge_for(course_root: Path) -> Judge:
    """One judge per course and grading process, so a batch builds each learner's data once."""
    return Judge(Course.at(course_root), cache_size=4)


@dataclass(frozen=True)
class Unseen:
    """What the reference function gave on a learner's unseen variant, and the secret that variant was seeded
    with (the grader's, or the one ``academy validate`` makes up for its run)."""

    output: Any
    secret: str


@dataclass(frozen=True)
class Claim:
    """One exercise a test cell declares it checks."""

    module: str
    exercise: str
    #: Answered with a function (the grader runs it on unseen data), as the exercise's spec says.
    function: bool

    @property
    def key(self) -> str:
        return f"{self.module}.{self.exercise}"


def unknown(judge: Judge, key: str) -> str | None:
    """Why ``key`` names no exercise the grader can check, or None if it does."""
    module, _, exercise = key.partition(".")
    modules = Modules(judge.course)
    if module not in modules:
        return f"'{key}' names no module the grader knows (it knows {', '.join(sorted(modules))})"
    spec = modules[module]
    if not any(e.name == exercise for e in spec.exercises):
        known = ", ".join(e.name for e in spec.exercises)
        return f"'{key}' names no exercise of {module} (it has {known})"
    return None


def claim(judge: Judge, key: str) -> Claim:
    """The claim a declared key makes; ValueError if the key names no known exercise."""
    problem = unknown(judge, key)
    if problem:
        raise ValueError(problem)
    module, _, exercise = key.partition(".")
    spec = Modules(judge.course)[module].exercise(exercise)
    return Claim(module, exercise, spec.reference is not None and bool(spec.inputs))


def recorded(root: Path) -> set[str]:
    """The keys the kernel left records under (whatever code wrote them)."""
    if not root.is_dir():
        return set()
    return {p.name for p in root.iterdir() if p.name not in _NOT_RECORDS and p.is_dir() and not p.is_symlink()}


def undeclared(root: Path, declared: Iterable[str]) -> list[str]:
    """Records no test cell declares: a course whose cells forgot to say what they check, or stray calls."""
    return sorted(recorded(root) - set(declared))


def leave_data(judge: Judge, module_id: str, learner: str, root: Path) -> None:
    """The learner's own tables, givens and files, where their notebook's ``module(...)`` reads them under the
    grader."""
    bundle = judge.bundle(module_id, learner)
    folder = root / GRADING_DATA
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{module_id}.zip").write_bytes(bundle)


def prepare(judge: Judge, all_claims: list[Claim], learner: str, secret: str, root: Path,
            modules: Iterable[str] = ()) -> dict[str, Unseen]:
    """Leave the learner's data for ``modules`` and the claims' modules, and unseen data for each function
    exercise, in ``root``; return the reference results."""
    known = Modules(judge.course)
    for module_id in dict.fromkeys([*modules, *(c.module for c in all_claims)]):
        if module_id in known:
            leave_data(judge, module_id, learner, root)
    references: dict[str, Unseen] = {}
    for c in all_claims:
        if c.function and c.key not in references:
            spec = known[c.module]
            tables = unseen_tables(spec, c.exercise, judge.course.id, learner, secret)
            inputs = function_spec(spec, c.exercise).inputs
            capture.save_inputs(c.key, dict(zip(inputs, tables)), root)
            reference = function_spec(spec, c.exercise).reference
            assert reference is not None
            references[c.key] = Unseen(reference(*[t.copy() for t in tables]), secret)
    return references


def recheck(judge: Judge, c: Claim, learner: str, root: Path, references: dict[str, Unseen]) -> str | None:
    """None if the recorded answer is right; otherwise why the grader disagrees."""
    try:
        answer = capture.load(c.key, root)
    except capture.CaptureError as exc:
        return (f"{NO_RECORD} ({exc}). "
                "Was the checking code changed in your notebook?")
    if c.function:
        if c.key not in references:
            return "The grader had no unseen data ready for this function."
        spec, unseen = Modules(judge.course)[c.module], references[c.key]
        return unseen_problem(spec, c.exercise, judge.course.id, learner, unseen.secret, answer, unseen.output)
    problems = judge.check(c.module, c.exercise, learner, answer, earlier_records(judge, c, root)).problems
    return " ".join(problems) if problems else None


def earlier_records(judge: Judge, c: Claim, root: Path) -> dict[str, Any]:
    """The learner's recorded answers to the exercises ``c`` builds on, so one slip is marked once."""
    builds_on = Modules(judge.course)[c.module].exercise(c.exercise).builds_on
    found = {}
    for name in builds_on:
        try:
            found[name] = capture.load(f"{c.module}.{name}", root)
        except capture.CaptureError:
            continue
    return found
