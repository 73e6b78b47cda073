"""The instructors' report on each exercise: first-try pass rate, tries and hints to pass, time to pass."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from academy.curriculum import load
from academy.progress.events import AttemptEvent
from academy.progress.exercise_report import exercise_report
from academy.progress.store import ProgressStore

COURSE = load(Path(__file__).resolve().parents[2] / "courses" / "accelerator")


def attempt(learner: str, exercise: str, passed: bool, at: float) -> AttemptEvent:
    return AttemptEvent.from_dict({"module": "m01", "exercise": exercise, "passed": passed, "seconds": 0.1,
                                   "at": at, "event_id": f"{learner}-{exercise}-{at}"}, learner=learner)


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(f"sqlite:///{tmp_path / 'progress.sqlite'}", COURSE)
    s.sync_cohorts({"intake-a": ("intake", {"learner": ["amy", "bo", "cy"], "instructor": ["ivy"]}),
                    "intake-b": ("intake", {"learner": ["dee"], "instructor": ["ivy"]})})
    yield s
    s.engine.dispose()


def report_of(store: ProgressStore, cohort: str) -> dict:
    order = [(m.id, e) for m in store.curriculum.modules for e in store.catalogue.get(m.id, ())]
    return {f"{r.module}.{r.exercise}": r for r in exercise_report(store.exercise_rows(cohort), order)}


def test_each_exercise_shows_first_try_passes_tries_hints_and_time_to_pass(store):
    t0 = time.time()
    store.record([attempt("amy", "q1", True, t0)])          # right first time, no hint
    store.hint_shown("amy", "m01", "q1")                      # a hint read after passing is not help to pass
    store.record([attempt("bo", "q1", False, t0 - 600)])
    store.hint_shown("bo", "m01", "q1")
    store.hint_shown("bo", "m01", "q1")
    store.record([attempt("bo", "q1", False, t0 - 300), attempt("bo", "q1", True, t0)])  # ten minutes, three tries
    store.record([attempt("cy", "q1", False, t0 - 60)])
    store.hint_shown("cy", "m01", "q1")                       # still trying
    store.record([attempt("dee", "q1", False, t0)])           # another cohort: not in this report

    q1 = report_of(store, "intake-a")["m01.q1"]
    assert (q1.tried, q1.passed) == (3, 2)
    assert q1.first_try_pass_rate == pytest.approx(1 / 3)
    assert q1.median_tries_to_pass == 2                       # amy 1, bo 3
    assert q1.mean_hints_per_learner == pytest.approx(4 / 3)
    assert q1.passed_with_a_hint == 1                         # bo, not amy
    assert q1.median_minutes_to_pass == pytest.approx(5, abs=0.1)


def test_an_exercise_nobody_has_tried_keeps_its_line_and_a_hint_alone_is_not_a_try(store):
    store.hint_shown("amy", "m01", "q2")
    report = report_of(store, "intake-a")
    assert list(report)[:5] == ["m01.q1", "m01.q2", "m01.q3", "m01.q4", "m01.q5"]   # teaching order
    q2 = report["m01.q2"]
    assert (q2.tried, q2.passed, q2.first_try_pass_rate, q2.median_minutes_to_pass) == (0, 0, None, None)
    assert q2.mean_hints_per_learner == 1
    assert report["m09.q1"].tried == 0 and report["m09.q1"].mean_hints_per_learner is None
