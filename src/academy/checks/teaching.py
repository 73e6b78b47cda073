"""Two habits of a module that teaches before it tests, held by ``academy validate``.

- **Shown before asked.** Every question's answer cell comes after at least one code cell of teaching since
  the question before it (a worked example or a "try it" cell on the learner's data), so nothing new appears
  first in a hint or a solution. The set-up cell does not count: loading data teaches nothing.
- **Hints that leave the learner something to do.** A hint ladder ends in a skeleton with blanks; if every
  line of the published solution can be read in the hints, the last hint is the answer, and the question
  tests copying.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..exercises.core import ModuleSpec
from .registry import CHECK_CALL, solution_of

SET_UP = "setup"


def _grade_id(cell) -> str:
    return str(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", ""))


def _teaches(cell) -> bool:
    """A code cell a learner runs to see an idea at work: not set-up, an answer, a test or an instant check."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return (cell.cell_type == "code" and _grade_id(cell) != SET_UP and not meta.get("grade")
            and not meta.get("solution") and not CHECK_CALL.match(cell.source) and bool(cell.source.strip()))


def untaught(cells: Sequence) -> list[str]:
    """The questions asked with no worked example or "try it" cell since the one before."""
    problems, taught = [], False
    for cell in cells:
        gid = _grade_id(cell)
        if _teaches(cell):
            taught = True
        elif cell.cell_type == "code" and gid.endswith("_answer") and solution_of(cell.source) is not None:
            if not taught:
                problems.append(f"question {gid[: -len('_answer')]} is asked with no worked example or 'try it' "
                                "cell before it (since the question before): show the new idea on the learner's "
                                "data first, on another question than the one asked")
            taught = False
    return problems


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text).replace('"', "'")


def _meaningful(solution: str) -> list[str]:
    return [_squashed(line) for line in solution.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def hints_hand_over(spec: ModuleSpec) -> list[str]:
    """The exercises whose hints, read together, hold every line of the published solution."""
    problems = []
    for e in spec.exercises:
        lines = _meaningful(e.solution or "")
        hints = _squashed(" ".join(e.hints))
        if lines and all(line in hints for line in lines):
            problems.append(f"the hints of {spec.id}.{e.name} hold every line of its solution: end the ladder "
                            "in a skeleton with blanks (e.g. `answer = table.groupby(___)[___].___()`)")
    return problems
