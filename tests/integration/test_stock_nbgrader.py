"""Our course is a standard nbgrader course: stock generate_assignment and
autograde grade it, each learner against their own variant of the data."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import run_nbgrader

from academy.checks import registry
from academy.notebook import module

m02 = registry.module("m02").checks

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("course") / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    run_nbgrader(course, "generate_assignment", "m02", "--force")
    source = nbformat.read(str(course / "source" / "m02" / "m02.ipynb"), as_version=4)
    release = nbformat.read(str(course / "release" / "m02" / "m02.ipynb"), as_version=4)

    # carol copies alice's notebook, but types in alice's number for question 1.
    alices_count = m02.fly_tipping_count(module("m02", learner="alice").table("requests"))
    copied = nbformat.from_dict(source)
    for cell in copied.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer":
            cell.source = f"answer_q1 = {alices_count}"
    for student, nb in (("alice", source), ("bob", release), ("carol", copied)):
        folder = course / "submitted" / student / "m02"
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / "m02.ipynb"))
    run_nbgrader(course, "autograde", "m02", "--create", "--force")

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {s: {g.name: g.score for nb in gb.find_submission("m02", s).notebooks for g in nb.grades}
                  for s in ("alice", "bob", "carol")}
    return scores, course


@pytest.fixture(scope="module")
def scores(graded):
    return graded[0]


def test_stock_autograde_gives_full_marks_for_the_solutions(scores):
    assert scores["alice"] == {"q1_tests": 1, "q2_tests": 2, "q3_tests": 2, "q4_tests": 1, "q5_tests": 2}


def test_stock_autograde_gives_nothing_for_an_untouched_release(scores):
    assert sum(scores["bob"].values()) == 0


def test_a_neighbours_number_fails_for_another_learner_while_their_own_code_passes(scores):
    assert scores["carol"]["q1_tests"] == 0
    assert sum(v for k, v in scores["carol"].items() if k != "q1_tests") == 7


def test_the_plain_english_summary_says_what_failed_why_and_where_to_start(graded):
    from academy.grading.feedback import summarise, summary_text

    scores, course = graded
    def read(s):
        return nbformat.read(str(course / "autograded" / s / "m02" / "m02.ipynb"), as_version=4)

    carol = summarise(read("carol"), "m02")
    assert {r.question: r.score for r in carol} == {k.replace("_tests", ""): v for k, v in scores["carol"].items()}
    text = summary_text(carol, "Module 2")
    assert text.startswith("Module 2: 7 of 8 points.")
    assert "✘ Question 1 (0/1): Your answer for the number of fly-tipping requests" in text
    assert "Where to start: Keep only the rows whose request_type is 'Fly-tipping'" in text
    assert "✔ Question 2 (2/2)" in text and "BEGIN HIDDEN" not in text and "verify(" not in text
    bob = summary_text(summarise(read("bob"), "m02"))
    assert bob.startswith("0 of 8 points.") and bob.count("✘") == 5
    assert "Not answered yet." in bob or "never set" in bob
