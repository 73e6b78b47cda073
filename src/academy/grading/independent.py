"""The grader's own second look at each answer, outside the learner's kernel.

A test cell that calls ``verify("m02", "q3", answer_q3)`` would judge the
answer in the learner's kernel, where earlier cells may have replaced
``verify``. Under ``academy grade`` the call only records the answer; here the
grader reads the record and judges it in its own process, with the same
checks and words. A test cell keeps its marks only if its visible asserts
pass in the kernel and the recorded answer passes here. For function exercises the grader prepares the unseen data
beforehand and keeps the reference result to itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exercises import capture
from ..exercises.grading import function_output_problem, function_spec, problems_with, unseen_tables
from ..exercises.modules import MODULES

NO_RECORD = "The grader found no usable record of your answer"
_CALL = re.compile(r"\bverify(?P<function>_function)?\(\s*['\"](?P<module>\w+)['\"]\s*,\s*['\"](?P<exercise>\w+)['\"]")


@dataclass(frozen=True)
class Claim:
    module: str
    exercise: str
    function: bool

    @property
    def key(self) -> str:
        return f"{self.module}.{self.exercise}"


def claims(test_source: str) -> list[Claim]:
    """The exercises a test cell checks through our hidden tests (none for other courses' cells)."""
    found = []
    for m in _CALL.finditer(test_source):
        module, exercise = m["module"], m["exercise"]
        if module in MODULES and any(e.name == exercise for e in MODULES[module].exercises):
            found.append(Claim(module, exercise, bool(m["function"])))
    return found


def prepare(all_claims: list[Claim], learner: str, secret: str, root: Path) -> dict[str, Any]:
    """Leave unseen data for each function exercise in ``root``; return the reference results."""
    references = {}
    for claim in all_claims:
        if claim.function and claim.key not in references:
            tables = unseen_tables(claim.module, claim.exercise, learner, secret)
            spec = function_spec(claim.module, claim.exercise)
            capture.save_inputs(claim.key, dict(zip(spec.inputs, tables)), root)
            references[claim.key] = spec.reference(*tables)
    return references


def recheck(claim: Claim, learner: str, root: Path, references: dict[str, Any]) -> str | None:
    """None if the recorded answer is right; otherwise why the grader disagrees."""
    try:
        answer = capture.load(claim.key, root)
    except capture.CaptureError as exc:
        return (f"{NO_RECORD} ({exc}). "
                "Was the checking code changed in your notebook?")
    if claim.function:
        if claim.key not in references:
            return "The grader had no unseen data ready for this function."
        return function_output_problem(answer, references[claim.key])
    problems = problems_with(claim.module, claim.exercise, answer, learner=learner)
    return " ".join(problems) if problems else None
