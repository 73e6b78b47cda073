"""The contract between hidden tests and the grader: each test cell declares the exercises it checks.

The grader rechecks what a cell declares, however its code spells the call
(``verify(MODULE, ...)``, an alias, a computed name); a declared exercise with
no record scores zero; a record nobody declares is flagged. ``academy
validate`` holds each source notebook to the same contract before release.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from academy.checks.registry import MODULES
from academy.grading import recheck
from academy.grading import validate as v
from academy.grading.notebooks import CONTRACT_KEY, declarations, read_notebook

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "courses" / "accelerator"
ACADEMY = Path(sys.executable).parent / "academy"

#: Hidden tests spelt the ways an instructor might: none of them is the literal verify("m02", "q1", ...).
SPELLINGS = {
    "q1_tests": 'MODULE = "m02"\nverify(MODULE, "q1", answer_q1)',
    "q2_tests": 'check = verify\ncheck("m02", "q2", answer_q2)',
    "q3_tests": 'verify("m" + "02", "q%d" % 3, answer_q3)',
}
#: Wrong answers that still pass every visible assert.
WRONG = {
    "q1_answer": "answer_q1 = len(requests)",
    "q2_answer": "answer_q2 = answer_q2 * 2",
    "q3_answer": "answer_q3 = table.sort_values('missed_bins_per_1000').head(5)[['ward_name', 'missed_bins_per_1000']]",
}
#: Learner code that makes the kernel's own checks pass anything.
PATCH = "import academy.notebook.hidden_tests as _h\n_h.problems_with = lambda *a, **k: []\n"


def cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def hidden(source: str, body: str) -> str:
    head = source.split("### BEGIN HIDDEN TESTS")[0]
    return (f"{head}### BEGIN HIDDEN TESTS\nfrom academy.notebook.hidden_tests import verify\n{body}\n"
            "### END HIDDEN TESTS")


def respell(nb) -> None:
    """q1-q3 rechecked through other spellings; q4 declares an exercise it never records and records one it
    does not declare."""
    for gid, body in SPELLINGS.items():
        cell(nb, gid).source = hidden(cell(nb, gid).source, body)
    cell(nb, "q4_tests").source = hidden(cell(nb, "q4_tests").source, 'verify("m01", "q1", 0)')


def test_every_graded_test_cell_of_the_course_declares_exercises_the_grader_can_recheck():
    judge = recheck.judge_for(COURSE)
    for path in sorted((COURSE / "source").glob("*/*.ipynb")):
        declared = declarations(read_notebook(path))
        module = path.stem
        if module not in MODULES:  # the project template: marked by hand, no test cells
            assert not declared, path
            continue
        assert len(declared) == len(MODULES[module].exercises), path
        for gid, keys in declared.items():
            assert keys == (f"{module}.{gid.removesuffix('_tests')}",), (path.name, gid, keys)
            assert all(recheck.claim(judge, k).module == module for k in keys)
    assert recheck.claim(judge, "m02.q5").function and not recheck.claim(judge, "m02.q1").function


def test_validate_accepts_any_spelling_and_names_both_sides_of_a_mismatch(tmp_path):
    folder = tmp_path / "source" / "spelt"
    folder.mkdir(parents=True)
    nb = nbformat.read(str(COURSE / "source" / "m02" / "m02.ipynb"), as_version=4)
    for gid, body in SPELLINGS.items():
        cell(nb, gid).source = hidden(cell(nb, gid).source, body)
    # q4's call is for the wrong exercise; q5 forgot its declaration.
    cell(nb, "q4_tests").source = hidden(cell(nb, "q4_tests").source, 'verify("m02", "q3", answer_q3)')
    del cell(nb, "q5_tests").metadata[CONTRACT_KEY]
    nbformat.write(nb, str(folder / "spelt.ipynb"))

    report = v.validate_notebook(folder / "spelt.ipynb")
    assert not report.ok
    contract = [e for e in report.errors if "as academy grade runs it" in e]
    assert any("'q4_tests' declares m02.q4 but records no answer" in e for e in contract), report.errors
    assert any("'q4_tests' records an answer for m02.q3 but does not declare it" in e for e in contract), report.errors
    assert any("'q5_tests' records an answer for m02.q5 but does not declare it" in e
               and 'add "m02.q5"' in e for e in contract), report.errors
    assert not any(f"'{gid}'" in e for e in report.errors for gid in SPELLINGS), report.errors
    # Everything else about the notebook is fine: in the kernel every spelling still judges.
    assert "solutions earn full marks (5 test cells)" in report.passed_checks


def test_validate_refuses_a_declaration_of_an_exercise_that_does_not_exist():
    nb = read_notebook(COURSE / "source" / "m02" / "m02.ipynb")
    cell(nb, "q2_tests").metadata[CONTRACT_KEY] = {"exercises": ["m02.q9"]}
    report = v.Report(Path("x.ipynb"))
    v.static_checks(nb, report)
    assert any("'q2_tests' declares 'm02.q9' names no exercise of m02" in e for e in report.errors), report.errors


# ----------------------------------------------------------------- under academy grade (needs root)
@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if os.geteuid() != 0:
        pytest.skip("the full sandbox needs root (CI runs as root)")
    course = tmp_path_factory.mktemp("contract") / "accelerator"
    shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns("m0[13-9]"))
    path = course / "source" / "m02" / "m02.ipynb"
    source = nbformat.read(str(path), as_version=4)
    respell(source)
    nbformat.write(source, str(path))

    wrong = nbformat.from_dict(json.loads(json.dumps(source)))
    for gid, line in WRONG.items():
        cell(wrong, gid).source += "\n" + line
    cell(wrong, "q1_answer").source = PATCH + cell(wrong, "q1_answer").source
    for student, nb in (("right", source), ("wrong", wrong)):
        folder = course / "submitted" / student / "m02"
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / "m02.ipynb"))
    env = {**os.environ, "PATH": f"{ACADEMY.parent}{os.pathsep}{os.environ['PATH']}",
           "ACADEMY_GRADER_SECRET": "contract-secret"}
    env.pop("ACADEMY_LEARNER", None)
    result = subprocess.run([str(ACADEMY), "grade", "m02", "--course", str(course), "--no-feedback"],
                            capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL, env=env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]

    def marker(student: str) -> dict:
        return json.loads((course / "autograded" / student / "m02" / ".academy-grade.json").read_text())["notebooks"][0]

    return {s: marker(s) for s in ("right", "wrong")}


def test_every_spelling_of_a_hidden_test_is_rechecked_so_a_wrong_answer_scores_nothing(graded):
    # The kernel's checks were patched to pass anything, and the kernel never judges under the grader:
    # only the grader's own recheck of each declared exercise can have failed these.
    assert {g: graded["wrong"]["cells"][g] for g in SPELLINGS} == {"q1_tests": 0, "q2_tests": 0, "q3_tests": 0}
    assert {g: graded["right"]["cells"][g] for g in SPELLINGS} == {"q1_tests": 1, "q2_tests": 2, "q3_tests": 2}
    assert graded["right"]["cells"]["q5_tests"] == graded["wrong"]["cells"]["q5_tests"] == 2


def test_a_declared_exercise_with_no_record_scores_zero_and_a_stray_record_is_flagged(graded):
    right = graded["right"]
    assert right["cells"]["q4_tests"] == 0
    notes = " ".join(right["notes"])
    assert "'q4_tests': The grader found no usable record of your answer" in notes, notes
    assert "An answer was recorded for m01.q1, but no test cell of this notebook declares" in notes, notes


def test_a_batch_whose_source_notebook_cannot_be_read_grades_nothing_and_says_why(tmp_path):
    """Without the source the grader cannot know what to recheck, so it must not fall back to the kernel's word."""
    from conftest import run_nbgrader

    course = tmp_path / "accelerator"
    shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns("m0[13-9]"))
    run_nbgrader(course, "generate_assignment", "m02", "--force")
    (course / "source" / "m02" / "m02.ipynb").write_text('{"cells": [ broken')
    result = subprocess.run([str(ACADEMY), "grade", "m02", "--course", str(course)], capture_output=True, text=True,
                            timeout=300, stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    assert "source notebook cannot be read" in result.stderr and "nothing was graded" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
