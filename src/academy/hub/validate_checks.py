"""nbgrader's Validate button says, question by question, what the instant check says.

A released notebook's test cells hold only their visible part (the hidden tests stay with the grader), so
stock Validate passes a wrong answer and reports only the blank questions; the learner then scores far less
than Validate led them to expect. Every question's check cell (``ex.q1.check(answer_q1)``) runs during
validation too, on the checks service behind the hub, and leaves its verdict in its output. This
preprocessor, run after nbgrader's ``Execute`` in the learners' Validator (``academy.hub.learner_server``), carries
a check's "Not yet" onto the question's test cell as the failure Validate reports, in the check's own words.
"""

from __future__ import annotations

import re

from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, Execute, NbGraderPreprocessor
from nbgrader.validator import Validator
from traitlets import List

CHECK_CELL = re.compile(r"^\s*ex\.(\w+)\.check\(")
NOT_YET = "Not yet:"


def _text(cell: NotebookNode) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") in ("execute_result", "display_data"):
            parts.append(str(out.get("data", {}).get("text/plain", "")))
        elif out.get("output_type") == "stream":
            parts.append(str(out.get("text", "")))
    return "\n".join(parts).strip()


def _not_yet(nb: NotebookNode) -> dict[str, str]:
    """Question -> what its check cell said, for each question whose check said "Not yet"."""
    said = {}
    for cell in nb.cells:
        found = CHECK_CELL.match(cell.source) if cell.cell_type == "code" else None
        if found:
            text = _text(cell)
            if NOT_YET in text:
                said[found.group(1)] = text[text.index(NOT_YET):]
            else:
                said.pop(found.group(1), None)  # checked again further down, and passed
    return said


class ChecksInValidate(NbGraderPreprocessor):
    """After execution: a test cell whose question's check said "Not yet" fails with the check's words."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        wrong = _not_yet(nb)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            grade_id = str(meta.get("grade_id", ""))
            if cell.cell_type != "code" or not meta.get("grade") or not grade_id.endswith("_tests"):
                continue
            question = grade_id.removesuffix("_tests")
            if question in wrong and not any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                said = f"The check for question {question.lstrip('q')} says:\n{wrong[question]}"
                cell.outputs.append(new_output("error", ename="AssertionError", evalue=said, traceback=[said]))
        return nb, resources


class ValidatorWithChecks(Validator):
    """nbgrader's Validator with the instant checks' verdicts carried onto the test cells."""

    preprocessors = List([CheckCellMetadata, ClearOutput, Execute, ChecksInValidate])


def use_in_validate_button() -> None:
    """The learner's Validate button (nbgrader's validate_assignment extension) validates with the checks' words.

    That extension builds a ``Validator`` per press from its module's name for it, and the Validator's list of
    steps is not a setting, so the name is pointed at the subclass once, when the learner's server loads.
    """
    from nbgrader.server_extensions.validate_assignment import handlers

    handlers.Validator = ValidatorWithChecks
