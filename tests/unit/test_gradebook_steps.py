"""The gradebook steps asked once per batch do to a notebook and a gradebook what nbgrader's own steps do.

A small nbgrader course is released with stock ``generate_assignment``; each
tampered submission goes through nbgrader's ``OverwriteKernelspec`` and
``OverwriteCells`` and through ours, and the notebooks that come out must be
the same, byte for byte (or both refused alike). Grades saved by ours must
equal grades saved by nbgrader's ``SaveAutoGrades`` in a copy of the same
gradebook.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import OverwriteCells, OverwriteKernelspec, SaveAutoGrades

from academy.grading.gradebook_steps import (
    RESOURCE,
    OverwriteCellsOnce,
    OverwriteKernelspecOnce,
    Released,
    SaveAutoGradesOnce,
)
from tests.conftest import run_nbgrader


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
          points: float = 0, task: bool = False) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": task}
    if grade or task:
        meta["points"] = points
    return {"nbgrader": meta}


def _source() -> nbformat.NotebookNode:
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [
        new_markdown_cell("# Bin collections\nRead the brief.", metadata=_meta("brief", locked=True)),
        new_code_cell("### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION", metadata=_meta("q1", solution=True)),
        new_code_cell("assert answer == 42", metadata=_meta("q1_test", grade=True, locked=True, points=2)),
        new_code_cell("### BEGIN SOLUTION\nlate = 7\n### END SOLUTION", metadata=_meta("q2", solution=True)),
        new_code_cell("assert late == 7", metadata=_meta("q2_test", grade=True, locked=True, points=3)),
        new_markdown_cell("=== BEGIN MARK SCHEME ===\nNamed the ward.\n=== END MARK SCHEME ===",
                          metadata=_meta("explain", task=True, points=1, locked=True)),
        new_markdown_cell("YOUR ANSWER HERE", metadata=_meta("why", grade=True, solution=True, points=2)),
        new_code_cell("bins = 5", metadata=_meta("7", locked=True)),
    ]
    return nb


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> tuple[Path, nbformat.NotebookNode]:
    course = tmp_path_factory.mktemp("course")
    (course / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'bins'\n")
    (course / "source" / "a1").mkdir(parents=True)
    nbformat.write(_source(), str(course / "source" / "a1" / "a1.ipynb"))
    run_nbgrader(course, "generate_assignment", "a1", "--force")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "bins") as gb:
        gb.add_student("amira")
        gb.update_or_create_submission("a1", "amira")
    return course, nbformat.read(str(course / "release" / "a1" / "a1.ipynb"), as_version=4)


def _cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _tampered(release: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """Submissions as learners send them, each breaking one thing the steps put right."""
    found = {"as released": copy.deepcopy(release)}
    nb = copy.deepcopy(release)
    _cell(nb, "q1_test").source = "assert True  # trust me"
    found["test edited"] = nb
    nb = copy.deepcopy(release)
    _cell(nb, "q2_test").metadata.nbgrader["points"] = 300
    found["points raised"] = nb
    nb = copy.deepcopy(release)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in ("q1_test", "explain")]
    found["test and task deleted"] = nb
    nb = copy.deepcopy(release)
    test = _cell(nb, "q2_test")
    test.cell_type = "markdown"
    del test["outputs"], test["execution_count"]
    found["test made markdown"] = nb
    nb = copy.deepcopy(release)
    _cell(nb, "q1").metadata.nbgrader["grade_id"] = "made_up"
    found["unknown cell id"] = nb
    nb = copy.deepcopy(release)
    _cell(nb, "brief").metadata.nbgrader["locked"] = False
    found["unlocked"] = nb
    nb = copy.deepcopy(release)
    nb.metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    found["kernel swapped"] = nb
    nb = copy.deepcopy(release)
    brief = _cell(nb, "brief")
    brief.metadata.nbgrader.update(grade=True, points=50)
    found["plain cell made a grade cell"] = nb
    nb = copy.deepcopy(release)
    _cell(nb, "q1").metadata.nbgrader.update(grade=True, points=1)
    found["answer made a grade cell"] = nb
    nb = copy.deepcopy(release)
    _cell(nb, "7").metadata.nbgrader.update(grade_id=7, locked=False)
    found["an id typed as a number"] = nb
    return found


def _sanitised(steps: tuple, nb: nbformat.NotebookNode, resources: dict) -> str:
    nb = copy.deepcopy(nb)
    try:
        for step in steps:
            nb, resources = step(add_missing_cells=True)(nb, resources)
    except Exception as exc:  # nbgrader's own refusals, whatever they raise: the grader tells the learner what they say
        return f"refused: {type(exc).__name__}: {exc}"
    for cell in nb.cells:  # a cell put back has none; nbformat would make up a random one
        cell.pop("id", None)
    return json.dumps(nb, sort_keys=True, indent=1)


def test_released_cells_read_once_put_a_submission_right_exactly_as_nbgraders_steps_do(released) -> None:
    course, release = released
    resources = {"nbgrader": {"db_url": f"sqlite:///{course / 'gradebook.db'}", "assignment": "a1",
                              "notebook": "a1", "student": "amira", "course_id": "bins"}}
    with Gradebook(resources["nbgrader"]["db_url"], "bins") as gb:
        snapshot = Released.read(gb, "a1", "a1")
    outcomes = set()
    for name, nb in _tampered(release).items():
        stock = _sanitised((OverwriteKernelspec, OverwriteCells), nb, resources)
        ours = _sanitised((OverwriteKernelspecOnce, OverwriteCellsOnce), nb, {**resources, RESOURCE: snapshot})
        assert ours == stock, f"{name}: our steps left a different notebook from nbgrader's"
        outcomes.add(stock)
    assert len(outcomes) >= 4, "the tampered submissions should not all come out alike"
    assert any(o.startswith("refused") for o in outcomes)
    assert "trust me" not in _sanitised((OverwriteCellsOnce,), _tampered(release)["test edited"],
                                        {**resources, RESOURCE: snapshot})


def test_without_a_snapshot_the_steps_ask_the_gradebook_as_nbgrader_does(released) -> None:
    course, release = released
    resources = {"nbgrader": {"db_url": f"sqlite:///{course / 'gradebook.db'}", "assignment": "a1",
                              "notebook": "a1", "student": "amira", "course_id": "bins"}, RESOURCE: None}
    nb = _tampered(release)["test and task deleted"]
    assert _sanitised((OverwriteKernelspecOnce, OverwriteCellsOnce), nb, resources) == \
        _sanitised((OverwriteKernelspec, OverwriteCells), nb, resources)


def _graded(release: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """q1 answered and its test passed; q2 left as released and its test failed; the written answer given."""
    nb = copy.deepcopy(release)
    _cell(nb, "q1").source = "answer = 42"
    _cell(nb, "why").source = "Because Northfield ward had the most missed bins."
    _cell(nb, "q2_test").outputs = [new_output("error", ename="NameError", evalue="late", traceback=[])]
    return nb


def _rows(db: Path) -> tuple[list, list]:
    with Gradebook(f"sqlite:///{db}", "bins") as gb:
        notebook = gb.find_submission_notebook("a1", "a1", "amira")
        grades = sorted((g.name, g.auto_score, g.manual_score, g.needs_manual_grade) for g in notebook.grades)
        comments = sorted((c.name, c.auto_comment) for c in notebook.comments)
    return grades, comments


def test_grades_saved_once_are_the_grades_nbgrader_saves_cell_by_cell(released, tmp_path: Path) -> None:
    course, release = released
    for name in ("stock", "ours"):
        shutil.copy(course / "gradebook.db", tmp_path / f"{name}.db")
    nb = _graded(release)
    for name, step in (("stock", SaveAutoGrades), ("ours", SaveAutoGradesOnce)):
        resources = {"nbgrader": {"db_url": f"sqlite:///{tmp_path / f'{name}.db'}", "assignment": "a1",
                                  "notebook": "a1", "student": "amira", "course_id": "bins"}}
        step()(copy.deepcopy(nb), resources)
    stock, ours = _rows(tmp_path / "stock.db"), _rows(tmp_path / "ours.db")
    assert ours == stock
    grades = {g[0]: g for g in ours[0]}
    assert grades["q1_test"][1] == 2 and grades["q2_test"][1] == 0, "the saved grades should reflect the outputs"
    assert grades["why"][3] is True, "a written answer still needs marking by hand"
    assert dict(ours[1])["q2"] == "No response.", "an answer left as released is said to be no response"


def test_a_notebook_whose_grades_cannot_all_be_saved_leaves_the_gradebook_as_it_was(released,
                                                                                     tmp_path: Path) -> None:
    course, release = released
    shutil.copy(course / "gradebook.db", tmp_path / "gb.db")
    before = _rows(tmp_path / "gb.db")
    nb = _graded(release)
    nb.cells.append(new_code_cell("assert 1", metadata=_meta("not_released", grade=True, locked=True, points=1)))
    resources = {"nbgrader": {"db_url": f"sqlite:///{tmp_path / 'gb.db'}", "assignment": "a1",
                              "notebook": "a1", "student": "amira", "course_id": "bins"}}
    with pytest.raises(MissingEntry):
        SaveAutoGradesOnce()(nb, resources)
    assert _rows(tmp_path / "gb.db") == before
