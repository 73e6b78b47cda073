"""`academy validate` on the real course and on notebooks broken in the ways authors break them.

These run real kernels through nbclient and nbgrader's own preprocessors.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from academy.grading import validate as v

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "courses" / "accelerator"
ACADEMY = str(Path(sys.executable).parent / "academy")


def cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def course_with(tmp_path: Path, name: str, mutate) -> Path:
    """A course folder holding one mutated copy of m02."""
    course = tmp_path / "course"
    folder = course / "source" / name
    folder.mkdir(parents=True)
    nb = nbformat.read(str(COURSE / "source" / "m02" / "m02.ipynb"), as_version=4)
    mutate(nb)
    nbformat.write(nb, str(folder / f"{name}.ipynb"))
    return course


def test_the_shipped_course_is_ready_to_release():
    result = subprocess.run([ACADEMY, "validate", str(COURSE)], capture_output=True, text=True, timeout=600,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ready to release" in result.stdout
    assert "solutions earn full marks" in result.stdout and "blank release earns nothing" in result.stdout


def test_a_wrong_solution_and_a_test_that_tests_nothing_are_both_reported(tmp_path):
    def mutate(nb):
        answer = cell(nb, "q1_answer")
        answer.source = answer.source.replace("answer_q1 = len(", "answer_q1 = 1 + len(")
        tests = cell(nb, "q4_tests")
        tests.source = "# a test that cannot fail\nassert True\n### BEGIN HIDDEN TESTS\npass\n### END HIDDEN TESTS"

    course = course_with(tmp_path, "weak", mutate)
    report = v.validate_notebook(course / "source" / "weak" / "weak.ipynb")
    assert not report.ok
    assert any("with solutions in, 'q1_tests' earns 0/1" in e and "too high" in e for e in report.errors), report.errors
    assert any("'q4_tests' still earns 1/1" in e for e in report.errors), report.errors
    assert not any("q2_tests" in e for e in report.errors)


def test_hidden_tests_or_solutions_reaching_learners_are_leaks(tmp_path):
    def mutate(nb):
        check = cell(nb, "q2_answer")
        idx = nb.cells.index(check)
        # An author pastes the hidden test into the learner's check cell, and a
        # solution line into an unmarked cell.
        nb.cells[idx + 1].source += '\nverify("m02", "q2", answer_q2)'
        nb.cells.insert(idx + 2, nbformat.v4.new_code_cell(
            "table['missed_bins_per_1000'] = table['missed_bins'] / table['households'] * 1000"))

    course = course_with(tmp_path, "leaky", mutate)
    nb = v.read_notebook(course / "source" / "leaky" / "leaky.ipynb")
    found = v.leaks(nb, v.release_version(nb))
    assert any("hidden test reaches learners" in f and 'verify("m02", "q2"' in f for f in found), found
    assert any("solution text reaches learners" in f and "missed_bins_per_1000" in f for f in found), found
    clean = v.read_notebook(COURSE / "source" / "m02" / "m02.ipynb")
    assert v.leaks(clean, v.release_version(clean)) == []


def test_metadata_mistakes_are_reported_without_running_anything():
    nb = v.read_notebook(COURSE / "source" / "m02" / "m02.ipynb")
    cell(nb, "q2_tests").metadata["nbgrader"]["grade_id"] = "q1_tests"
    cell(nb, "q3_tests").metadata["nbgrader"]["points"] = 0
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="hello")]
    cell(nb, "setup").metadata["nbgrader"]["locked"] = False  # an editable "try it" cell left as an nbgrader cell
    report = v.Report(Path("x.ipynb"))
    v.static_checks(nb, report)
    assert any("cell 'setup' is an nbgrader cell that is neither an answer" in e for e in report.errors)
    assert any("grade id 'q1_tests' is used by cells" in e for e in report.errors)
    assert any("'q3_tests' needs a positive number of points" in e for e in report.errors)
    assert any("cell 2 has stored outputs" in e for e in report.errors)


def test_a_runaway_solution_is_interrupted_and_reported(tmp_path):
    def mutate(nb):
        answer = cell(nb, "q1_answer")
        answer.source = answer.source.replace("### BEGIN SOLUTION", "### BEGIN SOLUTION\nwhile True:\n    pass")

    course = course_with(tmp_path, "loop", mutate)
    report = v.validate_notebook(course / "source" / "loop" / "loop.ipynb", timeout=3)
    assert any("'q1_answer' fails" in e for e in report.errors), report.errors
    assert any("'q1_tests' earns 0/1" in e for e in report.errors), report.errors
    assert not any("'q2_tests'" in e and "with solutions in" in e for e in report.errors), report.errors


def test_unreadable_notebooks_and_wrong_paths_are_clear_errors(tmp_path):
    course = tmp_path / "course"
    (course / "source" / "broken").mkdir(parents=True)
    (course / "source" / "broken" / "broken.ipynb").write_text('{"cells": [ this is not json')
    (course / "source" / "old").mkdir(parents=True)
    (course / "source" / "old" / "old.ipynb").write_text('{"nbformat": 2, "worksheets": []}')
    for name, words in (("broken", "not a readable notebook"), ("old", "not a readable notebook")):
        report = v.validate_notebook(course / "source" / name / f"{name}.ipynb")
        assert not report.ok and words in report.errors[0]
    result = subprocess.run([ACADEMY, "validate", str(course)], capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 1 and "2 of 2 notebooks are not ready" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for args, words in (([str(tmp_path / "nowhere")], "not an nbgrader course folder"),
                        ([str(course), "m99"], "no assignment 'm99'")):
        result = subprocess.run([ACADEMY, "validate", *args], capture_output=True, text=True, timeout=60,
                                stdin=subprocess.DEVNULL)
        assert result.returncode == 1 and words in result.stderr and "Traceback" not in result.stderr


def test_a_new_module_is_scaffolded_ready_and_validate_judges_its_answer_collections(tmp_path):
    """`academy module new`, then `academy validate`, as courses/README.md walks an instructor through them."""
    from academy.testing.hubs import copy_course

    course = copy_course(tmp_path / "course", ("m01",))
    run = [ACADEMY, "module", "new", "m12", "--title", "Planning decisions on time", "--dataset", "business",
           "--course", str(course)]
    made = subprocess.run(run, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (course / "source" / "m12" / "m12.ipynb").is_file() and (course / "modules" / "m12" / "checks.py").is_file()
    again = subprocess.run(run, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr
    ok = subprocess.run([ACADEMY, "validate", str(course), "m12"], capture_output=True, text=True, timeout=300,
                        stdin=subprocess.DEVNULL)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "collected answers judged as their collections say" in ok.stdout
    # An instructor's "right" answer the check refuses, and a "wrong" one it lets through, are both named.
    answers = course / "modules" / "m12" / "answers.py"
    answers.write_text(answers.read_text().replace('"answer_q1 = int(', '"answer_q1 = 1 + int(')
                       .replace('.columns)"', ')"'))
    bad = subprocess.run([ACADEMY, "validate", str(course), "m12"], capture_output=True, text=True, timeout=300,
                         stdin=subprocess.DEVNULL)
    assert bad.returncode == 1, bad.stdout
    said = " ".join(bad.stdout.split())  # the report wraps long lines at the terminal's width
    assert "m12.q1: a right answer is refused (answer_q1 = 1 + int(" in said
    assert "m12.q1: a wrong answer passes" in bad.stdout
