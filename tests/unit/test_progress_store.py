"""The progress store: attempts, grades, cohorts and sessions, on a real SQLite file."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from academy.curriculum import load
from academy.progress import rules
from academy.progress.events import AttemptEvent, ProgressError, UnknownExercise, UnknownLearner, utcnow
from academy.progress.store import ProgressStore

COURSE = load(Path(__file__).resolve().parents[2] / "courses" / "accelerator")


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(f"sqlite:///{tmp_path / 'progress.sqlite'}", COURSE)
    s.sync_cohorts({
        "intake-a": ("intake", {"learner": ["amy", "bo", "cy"], "instructor": ["ivy"]}),
        "club-x": ("club", {"learner": ["amy", "bo"], "organiser": ["oli"]}),
    })
    return s


def attempt(learner: str, exercise: str, passed: bool, at: float, event_id: str | None = None,
            module: str = "m01") -> AttemptEvent:
    return AttemptEvent.from_dict({"module": module, "exercise": exercise, "passed": passed, "seconds": 0.2,
                                   "at": at, "event_id": event_id or f"{learner}-{exercise}-{at}"}, learner=learner)


def test_the_schema_is_made_by_alembic_and_reopening_migrates_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    ProgressStore(url, COURSE)
    ProgressStore(url, COURSE)
    with sqlite3.connect(tmp_path / "p.sqlite") as db:
        assert db.execute("select version_num from alembic_version").fetchall() == [("0004",)]
        tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
    assert {"learners", "cohorts", "enrolments", "attempts", "grades", "completions", "skills_earned"} <= tables


def test_a_repeated_event_is_recorded_once_and_late_events_land_in_their_place(store):
    now = time.time()
    fail1, fail2, passed = (attempt("amy", "q2", p, now - t) for p, t in ((False, 300), (False, 200), (True, 100)))
    assert store.record([passed]).recorded == 1
    assert store.record([fail2, fail1, passed]).duplicates == 1  # the pass again, and two earlier fails arriving late
    row = next(r for r in store.export_rows("intake-a") if r["exercise"] == "q2")
    assert row["attempts"] == 3 and row["failed_tries_before_pass"] == 2
    assert row["first_try"] == fail1.at and row["passed_at"] == passed.at


def test_a_batch_with_one_bad_event_records_nothing(store):
    now = time.time()
    good = attempt("amy", "q1", True, now)
    with pytest.raises(UnknownExercise, match="m01 has no exercise 'q9'"):
        store.record([good, attempt("amy", "q9", True, now)])
    with pytest.raises(UnknownExercise, match="unknown module 'm42'"):
        store.record([good, attempt("amy", "q1", True, now, module="m42")])
    with pytest.raises(UnknownLearner, match="zed"):
        store.record([good, attempt("zed", "q1", True, now)])
    assert store.export_rows("intake-a") == []


@pytest.mark.parametrize("raw, message", [
    ("passed", "JSON object"),
    ({"module": "m01", "exercise": "q1", "passed": "yes", "at": 1e9}, "true or false"),
    ({"module": "m01", "exercise": "q1", "passed": True, "at": "today"}, "seconds since 1970"),
    ({"module": "m01", "exercise": "q1", "passed": True, "at": time.time() + 86_400}, "future"),
    ({"module": "m01", "exercise": "q1", "passed": True, "at": 1e9, "seconds": -1}, "non-negative"),
    ({"exercise": "q1", "passed": True, "at": 1e9}, "'module'"),
])
def test_malformed_events_are_refused_in_words(raw, message):
    with pytest.raises(ProgressError, match=message):
        AttemptEvent.from_dict(raw, learner="amy")


def test_the_hub_user_wins_over_a_name_inside_the_event():
    event = AttemptEvent.from_dict({"learner": "someone-else", "module": "m01", "exercise": "q1", "passed": True,
                                    "at": time.time()}, learner="amy")
    assert event.learner == "amy"


def test_grades_complete_modules_unlock_the_next_and_earn_skills_and_certificates(store):
    t = datetime(2026, 2, 1)
    level1 = [m.id for m in COURSE.modules if m.level == 1]
    assert store.record_grades({"amy": [rules.GradeRecord(m, 8, 8, t) for m in level1]}) == len(level1)
    assert store.record_grades({"amy": [rules.GradeRecord(m, 8, 8, t) for m in level1]}) == 0
    record = store.learner_record("amy")
    status = {m.module: m.status for m in record.modules}
    assert all(status[m] == "done" for m in level1) and status["m03"] == "available"
    assert record.skills["data_handling"] > 0 and record.certificates == {1: t}
    store.record_grades({"amy": [rules.GradeRecord("m02", 1, 8, t + timedelta(days=1))]})
    again = store.learner_record("amy")
    assert again.certificates == {} and {m.module: m.status for m in again.modules}["m03"] == "locked"


def test_instructor_views_heatmap_hardest_help_and_completions(store):
    now = time.time()
    store.record([attempt("amy", "q1", False, now - 50), attempt("amy", "q1", True, now - 40),
                  *(attempt("bo", "q3", False, now - 30 + i) for i in range(3))])
    heat = store.heatmap("intake-a")
    assert heat.learners == ["amy", "bo", "cy"] and ("m09", "q5") in heat.exercises
    assert heat.cells["amy"][("m01", "q1")] == "passed" and heat.cells["bo"][("m01", "q3")] == "trying"
    assert heat.cells["cy"] == {}
    hardest = store.hardest("intake-a")
    assert (hardest[0]["exercise"], hardest[0]["pass_rate"]) == ("q3", 0)
    help_ = {h["learner"]: h["why"] for h in store.needing_help("intake-a")}
    assert "stuck on m01.q3 after 3 tries" in help_["bo"] and "not run a check" in help_["cy"] and "amy" not in help_
    later = {h["learner"]: h["why"] for h in store.needing_help("intake-a", now=utcnow() + timedelta(days=30))}
    assert "no checks for 3" in later["amy"]
    store.record_grades({"amy": [rules.GradeRecord("m01", 8, 8, datetime(2026, 3, 1))],
                         "bo": [rules.GradeRecord("m01", 2, 8, datetime(2026, 3, 2))],
                         "cy": [rules.GradeRecord("m01", 6, 8, datetime(2026, 3, 4))]})
    assert store.completions_over_time("intake-a") == {"m01": [(datetime(2026, 3, 1), 1), (datetime(2026, 3, 4), 2)]}
    assert store.completions_over_time("club-x") == {"m01": [(datetime(2026, 3, 1), 1)]}, "cy is not in club-x"


def test_club_sessions_show_who_passed_which_check_while_it_ran(store):
    sid = store.start_session("club-x", "m01", ["q1", "q2"], "oli")
    before = time.time() - 3600
    store.record([attempt("amy", "q1", True, before)])  # before the session: does not count
    store.join_session(sid, "amy")
    store.join_session(sid, "amy")
    store.join_session(sid, "bo")
    store.record([attempt("amy", "q2", True, time.time()), attempt("bo", "q1", False, time.time())])
    board = {m["learner"]: m["checks"] for m in store.board(sid)["members"]}
    assert board == {"amy": {"q1": "not yet", "q2": "passed"}, "bo": {"q1": "trying", "q2": "not yet"}}
    store.end_session(sid)
    assert store.board(sid)["ended_at"] and store.sessions("club-x")[0]["id"] == sid
    with pytest.raises(ProgressError, match="ended"):
        store.join_session(sid, "bo")
    with pytest.raises(ProgressError, match="no code club"):
        store.start_session("intake-a", "m01", ["q1"], "oli")
    with pytest.raises(UnknownExercise):
        store.start_session("club-x", "m01", ["q7"], "oli")


def test_cohort_membership_follows_the_hub_exactly(store):
    store.sync_cohorts({"club-x": ("club", {"learner": ["bo"], "organiser": ["oli"]})})
    assert store.members("club-x") == ["bo"]
    assert store.cohorts_of("oli", "organiser") == ["club-x"] and store.cohorts_of("ivy", "instructor") == ["intake-a"]


def test_a_sync_with_nothing_new_writes_nothing(store):
    """The hub's groups and the gradebook are re-read every minute or so; when nothing changed, the store must
    not be written (in SQLite any write, even a DELETE of no rows, holds the lock a class's attempts wait on)."""
    from sqlalchemy import event

    t = datetime(2026, 2, 1)
    level1 = [m.id for m in COURSE.modules if m.level == 1]
    cohorts = {"intake-a": ("intake", {"learner": ["amy", "bo", "cy"], "instructor": ["ivy"]}),
               "club-x": ("club", {"learner": ["amy", "bo"], "organiser": ["oli"]})}
    grades = {"amy": [rules.GradeRecord(m, 8, 8, t) for m in level1], "bo": [rules.GradeRecord("m01", 3, 8, t)]}
    store.record_grades(grades)
    writes: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda conn, cursor, sql, *rest: writes.append(sql) if sql.split()[0].upper() in
                 ("INSERT", "UPDATE", "DELETE") else None)
    store.sync_cohorts(cohorts)
    assert store.record_grades(grades) == 0
    assert writes == []
    store.sync_cohorts({**cohorts, "club-x": ("club", {"learner": ["amy"], "organiser": ["oli"]})})
    assert [w.split()[0].upper() for w in writes] == ["DELETE"] and store.members("club-x") == ["amy"]
    assert store.learner_record("amy").certificates == {1: t}


@pytest.mark.parametrize("seed", range(5))
def test_summaries_match_the_history_whatever_order_and_batches_attempts_arrive_in(store, seed):
    import random

    rng = random.Random(seed)
    now = time.time()
    history = [attempt("bo", "q4", rng.random() < 0.3, now - 1000 + 10 * i, event_id=f"{seed}-{i}") for i in range(30)]
    arrival = history[:]
    rng.shuffle(arrival)
    while arrival:
        cut = rng.randint(1, 6)
        store.record(arrival[:cut] + rng.sample(history, 2))  # with some repeats mixed in
        arrival = arrival[cut:]
    first_pass = next((e.at for e in history if e.passed), None)
    row = next(r for r in store.export_rows("intake-a") if r["learner"] == "bo")
    assert row["attempts"] == 30 and row["first_try"] == history[0].at and row["passed_at"] == first_pass
    fails = [e for e in history if not e.passed and (first_pass is None or e.at < first_pass)]
    assert row["failed_tries_before_pass"] == len(fails)
