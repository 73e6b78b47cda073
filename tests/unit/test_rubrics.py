"""Rubrics for written answers marked by hand: held to the notebook by validate, shown in the formgrader."""

from __future__ import annotations

import nbformat
import pytest

from academy import rubrics
from academy.checks.scaffold import _meta
from academy.grading.formgrader_rubrics import page
from academy.grading.validate import Report, hand_marked, rubric_checks

GOOD = """# Rubrics for m08

## limits (3 points)
Marker's note: a bullet is met or not.
- Names who the model misses (1 point)
- Says the model predicts, not explains (1 point)
- Says what a person must decide <before> contact (1 point)
"""


def notebook_with(points: int = 3) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("What are the limits?", metadata=_meta("limits_q")),
                nbformat.v4.new_markdown_cell("A model answer.", metadata=_meta("limits", solution=True, grade=True,
                                                                                  points=points, locked=False)),
                nbformat.v4.new_code_cell("x = 1", metadata=_meta("q1_tests", grade=True, points=2))]
    return nb


def checked(tmp_path, text: str | None, points: int = 3) -> Report:
    folder = tmp_path / "modules" / "m08"
    folder.mkdir(parents=True, exist_ok=True)
    if text is not None:
        (folder / "rubrics.md").write_text(text)
    report = Report(tmp_path / "m08.ipynb")
    rubric_checks(notebook_with(points), folder, report)
    return report


def test_a_written_answer_with_a_rubric_that_adds_up_passes(tmp_path):
    assert hand_marked(notebook_with()) == [("limits", 3.0)]      # the test cell is graded by the machine
    report = checked(tmp_path, GOOD)
    assert report.errors == [] and "a rubric for each of the 1 written answers" in report.passed_checks[-1]


@pytest.mark.parametrize(("text", "points", "says"), [
    (None, 3, "has no rubric for it (a section '## limits (3 points)'"),
    (GOOD, 4, "the rubric for 'limits' is out of 3 points; the cell is worth 4"),
    (GOOD.replace("(1 point)\n- Says what", "(2 points)\n- Says what"), 3, "add up to 4 points, not 3"),
    (GOOD + "\n## ethics (2 points)\n- Fair (2 points)\n", 3, "a rubric for 'ethics', which is no hand-marked cell"),
    (GOOD.replace("## limits (3 points)", "## limits"), 3, "line 3: a rubric's heading is"),
    (GOOD.replace("not explains (1 point)", "not explains"), 3, "each criterion ends with its points"),
])
def test_each_kind_of_rubric_mistake_is_named(tmp_path, text, points, says):
    report = checked(tmp_path, text, points)
    assert any(says in e for e in report.errors), report.errors


def test_the_formgrader_page_shows_each_modules_criteria_escaped(tmp_path):
    (tmp_path / "modules" / "m08").mkdir(parents=True)
    (tmp_path / "modules" / "m08" / "rubrics.md").write_text(GOOD)
    (tmp_path / "modules" / "m01").mkdir()
    shown = page(tmp_path, "/services/formgrader-accelerator/formgrader")
    assert "Module m08" in shown and "Module m01" not in shown
    assert "limits: 3 points" in shown and "&lt;before&gt;" in shown and "<before>" not in shown
    assert shown.count("<li>") == 3 and "Marker&#x27;s note" in shown
    assert rubrics.parse(GOOD)["limits"].criteria[0] == ("Names who the model misses", 1.0)
