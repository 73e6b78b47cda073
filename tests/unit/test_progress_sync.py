"""Grades synced from a real nbgrader gradebook; a missing, locked or foreign file records nothing."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from academy.curriculum import load
from academy.progress.gradebook_sync import GradebookUnavailable, read_gradebook, sync_gradebook
from academy.progress.store import ProgressStore

pytestmark = pytest.mark.slow  # each test builds a real nbgrader gradebook

COURSE = load(Path(__file__).resolve().parents[2] / "courses" / "accelerator")


def make_gradebook(path: Path, scores: dict[str, dict[str, float | None]]) -> None:
    """student -> grade cell -> auto score (None: a written answer waiting for manual grading)."""
    with Gradebook(f"sqlite:///{path}", course_id="accelerator") as gb:
        gb.add_assignment("m09")
        gb.add_notebook("m09", "m09")
        gb.add_grade_cell("q1_tests", "m09", "m09", max_score=6, cell_type="code")
        gb.add_grade_cell("show_and_tell", "m09", "m09", max_score=3, cell_type="markdown")
        gb.add_solution_cell("show_and_tell", "m09", "m09")
        for student, cells in scores.items():
            gb.add_student(student)
            gb.add_submission("m09", student)
            for cell, score in cells.items():
                grade = gb.find_grade(cell, "m09", "m09", student)
                grade.auto_score = score
                grade.needs_manual_grade = score is None
            gb.db.commit()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gradebook") / "gradebook.db"
    with pytest.MonkeyPatch.context() as mp:
        # A new gradebook asks nbgrader's `alembic` command for its schema version: it lives beside this Python.
        mp.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        make_gradebook(path, {"amy": {"q1_tests": 6, "show_and_tell": None}, "bo": {"q1_tests": 2, "show_and_tell": 3}})
    return path


@pytest.fixture
def gradebook(template, tmp_path) -> Path:
    copy = tmp_path / "gradebook.db"
    copy.write_bytes(template.read_bytes())
    return copy


@pytest.fixture
def store(tmp_path):
    return ProgressStore(f"sqlite:///{tmp_path / 'progress.sqlite'}", COURSE)


def test_scores_and_pending_written_work_come_from_the_gradebook(gradebook, store):
    db = gradebook
    before = db.read_bytes()
    grades = read_gradebook(db, "accelerator")
    assert db.read_bytes() == before, "the sync must never write to the gradebook"
    amy, bo = grades["amy"][0], grades["bo"][0]
    assert (amy.score, amy.max_score, amy.pending) == (6, 9, 3) and (bo.score, bo.pending) == (5, 0)
    assert sync_gradebook(store, db, "accelerator") == 2 and sync_gradebook(store, db, "accelerator") == 0
    status = {m.module: m.status for m in store.learner_record("amy").modules}
    assert status["m09"] == "done", "6 of 9 passes m09's mark of 60% before the written part is marked"
    bo = store.learner_record("bo")
    assert {m.module: m.status for m in bo.modules}["m09"] != "done" and bo.grades["m09"].share == 5 / 9


def test_a_missing_gradebook_is_said_plainly(tmp_path, store):
    with pytest.raises(GradebookUnavailable, match="no gradebook at .*has anything been graded"):
        sync_gradebook(store, tmp_path / "gradebook.db", "accelerator")
    assert not (tmp_path / "gradebook.db").exists(), "reading must not create an empty gradebook"


def test_a_gradebook_locked_by_a_grading_run_records_nothing(gradebook, store):
    db = gradebook
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(GradebookUnavailable, match="locked.*nothing was synced"):
            read_gradebook(db, "accelerator", retries=2, wait=0.05)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.learner_record("amy").grades == {}
    assert read_gradebook(db, "accelerator")["amy"][0].score == 6


def test_a_file_that_is_not_a_gradebook_is_named(tmp_path):
    bogus = tmp_path / "gradebook.db"
    bogus.write_text("these are my notes, not a database")
    with pytest.raises(GradebookUnavailable, match="not a readable gradebook|cannot read"):
        read_gradebook(bogus, "accelerator")

