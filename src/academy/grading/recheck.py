"""The grader's own second look at each answer, outside the learner's kernel.

A test cell that calls ``verify("m02", "q3", answer_q3)`` would judge the
answer in the learner's kernel, where earlier cells may have replaced
``verify``. Under ``academy grade`` the call only records the answer; here the
grader reads the record and judges it in its own process, with the same
checks and words. A test cell keeps its marks only if its visible asserts
pass in the kernel and the recorded answer passes here. For function exercises the grader prepares the unseen data
beforehand and keeps the reference result to itself.

Which exercises a test cell checks is the cell's declaration in the course's
source notebook (``notebooks.declared_exercises``), never the cell's text, so
any spelling of the call is rechecked, and a declared exercise with no record
scores zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exercises import capture
from ..exercises.modules import MODULES
from ..notebook.hidden_tests import function_output_problem, function_spec, problems_with, unseen_tables

NO_RECORD = "The grader found no usable record of your answer"
#: Where ``capture.save_inputs`` leaves unseen data: not a record.
_INPUTS = "inputs"


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


def unknown(key: str) -> str | None:
    """Why ``key`` names no exercise the grader can check, or None if it does."""
    module, _, exercise = key.partition(".")
    if module not in MODULES:
        return f"'{key}' names no module the grader knows (it knows {', '.join(sorted(MODULES))})"
    if not any(e.name == exercise for e in MODULES[module].exercises):
        known = ", ".join(e.name for e in MODULES[module].exercises)
        return f"'{key}' names no exercise of {module} (it has {known})"
    return None


def claim(key: str) -> Claim:
    """The claim a declared key makes; ValueError if the key names no known exercise."""
    problem = unknown(key)
    if problem:
        raise ValueError(problem)
    module, _, exercise = key.partition(".")
    spec = MODULES[module].exercise(exercise)
    return Claim(module, exercise, spec.reference is not None and bool(spec.inputs))


def recorded(root: Path) -> set[str]:
    """The keys the kernel left records under (whatever code wrote them)."""
    if not root.is_dir():
        return set()
    return {p.name for p in root.iterdir() if p.name != _INPUTS and p.is_dir() and not p.is_symlink()}


def undeclared(root: Path, declared: Iterable[str]) -> list[str]:
    """Records no test cell declares: a course whose cells forgot to say what they check, or stray calls."""
    return sorted(recorded(root) - set(declared))


def prepare(all_claims: list[Claim], learner: str, secret: str, root: Path) -> dict[str, Any]:
    """Leave unseen data for each function exercise in ``root``; return the reference results."""
    references = {}
    for c in all_claims:
        if c.function and c.key not in references:
            tables = unseen_tables(c.module, c.exercise, learner, secret)
            spec = function_spec(c.module, c.exercise)
            capture.save_inputs(c.key, dict(zip(spec.inputs, tables)), root)
            references[c.key] = spec.reference(*tables)
    return references


def recheck(c: Claim, learner: str, root: Path, references: dict[str, Any]) -> str | None:
    """None if the recorded answer is right; otherwise why the grader disagrees."""
    try:
        answer = capture.load(c.key, root)
    except capture.CaptureError as exc:
        return (f"{NO_RECORD} ({exc}). "
                "Was the checking code changed in your notebook?")
    if c.function:
        if c.key not in references:
            return "The grader had no unseen data ready for this function."
        return function_output_problem(answer, references[c.key])
    problems = problems_with(c.module, c.exercise, answer, learner=learner)
    return " ".join(problems) if problems else None
