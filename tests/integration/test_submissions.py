"""The generator of realistic submissions, and its manifest checked against stock nbgrader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import run_nbgrader

from academy.testing import submissions

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    course = tmp_path_factory.mktemp("c") / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    subs = submissions.generate(course, "m02", n=20, out=course / "submitted", seed=3, port=45678)
    return course, subs


def test_every_kind_is_generated_with_a_reason_and_an_expected_score(generated):
    course, subs = generated
    kinds = {s.kind for s in subs}
    assert {"correct", "partly_wrong", "blank", "copied_numbers", "overwrite_tests", "deleted_test_cell",
            "invalid_json", "old_nbformat"} | set(submissions.HOSTILE) <= kinds
    manifest = json.loads((course / "submitted" / "manifest.json").read_text())
    assert manifest["total_points"] == 8 and len(manifest["submissions"]) == 20
    for s in subs:
        assert s.reason or s.kind == "correct"
        assert 0 <= s.expected_score <= 8
    by_kind = {s.kind: s for s in subs}
    assert by_kind["correct"].expected_score == 8 and by_kind["blank"].expected_score == 0
    assert by_kind["kernel_crash"].expected == {"q1_tests": 1, "q2_tests": 0, "q3_tests": 0, "q4_tests": 0,
                                                "q5_tests": 0}
    assert by_kind["patch_verify"].expected_score < 8 and by_kind["patch_verify"].stock_nbgrader_differs


def test_broken_files_are_really_broken_and_deleted_cells_really_gone(generated):
    course, subs = generated
    path = {s.kind: course / "submitted" / s.student / "m02" / "m02.ipynb" for s in subs}
    with pytest.raises(json.JSONDecodeError):
        json.loads(path["invalid_json"].read_text())
    assert json.loads(path["old_nbformat"].read_text())["nbformat"] == 2
    ids = [c.metadata.get("nbgrader", {}).get("grade_id")
           for c in nbformat.read(str(path["deleted_test_cell"]), 4).cells]
    assert "q1_tests" not in ids and "q2_tests" in ids
    network = nbformat.read(str(path["network"]), 4)
    assert any("45678" in c.source and "127.0.0.1" in c.source for c in network.cells)
    # Learners start from the release: no solution markers, no hidden tests.
    text = path["correct"].read_text()
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text


def test_stock_nbgrader_scores_the_honest_submissions_as_the_manifest_says(generated, tmp_path):
    course, subs = generated
    safe = [s for s in subs if not s.hostile and not s.stock_nbgrader_differs]
    graded_course = tmp_path / "accelerator"
    shutil.copytree(course, graded_course, ignore=shutil.ignore_patterns("submitted"))
    for s in safe:
        shutil.copytree(course / "submitted" / s.student, graded_course / "submitted" / s.student)
    run_nbgrader(graded_course, "generate_assignment", "m02", "--force")
    run_nbgrader(graded_course, "autograde", "m02", "--create", "--force")
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded_course / 'gradebook.db'}") as gb:
        for s in safe:
            got = {g.name: g.score for nb in gb.find_submission("m02", s.student).notebooks for g in nb.grades}
            assert got == s.expected, (s.kind, s.reason, got)
