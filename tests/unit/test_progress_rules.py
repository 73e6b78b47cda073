"""Curriculum rules: what a grade completes, unlocks, earns and certifies."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from academy.curriculum import load
from academy.progress import rules

COURSE = load(Path(__file__).resolve().parents[2] / "courses" / "accelerator")
T0 = datetime(2026, 1, 5, 10, 0)


def grade(module: str, score: float, max_score: float = 8, days: int = 0, pending: float = 0) -> rules.GradeRecord:
    return rules.GradeRecord(module, score, max_score, T0 + timedelta(days=days), pending)


def test_a_module_completes_at_its_own_pass_mark():
    m01, m02 = COURSE.module("m01").pass_mark, COURSE.module("m02").pass_mark
    assert m01 < m02, "the test needs two different marks"
    share = (m01 + m02) / 2
    done = rules.completions(COURSE, [grade("m01", share * 8), grade("m02", share * 8)])
    assert set(done) == {"m01"}
    assert rules.completions(COURSE, [grade("m01", 0, max_score=0)]) == {}
    assert rules.completions(COURSE, [grade("m99", 8)]) == {}


def test_a_completion_keeps_its_first_date_and_a_regrade_below_the_mark_withdraws_it():
    first = rules.completions(COURSE, [grade("m01", 8)])
    later = rules.completions(COURSE, [grade("m01", 7, days=10)], earlier=first)
    assert later["m01"] == T0
    assert rules.completions(COURSE, [grade("m01", 1, days=11)], earlier=first) == {}


def test_statuses_follow_prerequisites_and_the_next_step_carries_on_what_is_started():
    states = rules.statuses(COURSE, completed={"m01"}, started={"m01", "m02"}, passed={"m02": 2}, exercises={"m02": 5})
    by_id = {s.module: s for s in states}
    assert by_id["m01"].status == "done" and by_id["m02"].status == "in progress"
    assert by_id["m03"].status == "locked" and by_id["m03"].missing == ("m02",)
    assert rules.next_step(states).module == "m02"
    fresh = rules.statuses(COURSE, set(), set(), {}, {})
    assert [s.status for s in fresh].count("available") == 1 and rules.next_step(fresh).module == "m01"
    everything = {m.id for m in COURSE.modules}
    assert rules.next_step(rules.statuses(COURSE, everything, everything, {}, {})) is None


def test_skills_are_earned_by_completing_a_module_that_builds_them():
    done = rules.completions(COURSE, [grade("m01", 8, days=1), grade("m02", 8, days=3)])
    earned = rules.skills_earned(COURSE, done)
    assert earned == {"data_handling": T0 + timedelta(days=1)}
    progress = rules.skill_progress(COURSE, set(done))
    building = [m.id for m in COURSE.modules if "data_handling" in m.skills]
    assert progress["data_handling"] == 2 / len(building) and progress["machine_learning"] == 0


def test_a_level_certificate_needs_every_module_of_the_level_and_is_dated_by_the_last():
    level1 = [m.id for m in COURSE.modules if m.level == 1]
    grades = [grade(m, 8, days=i * 7) for i, m in enumerate(level1)]
    certs = rules.certificates(COURSE, rules.completions(COURSE, grades))
    assert certs == {1: T0 + timedelta(days=7 * (len(level1) - 1))}
    assert rules.certificates(COURSE, rules.completions(COURSE, grades[:-1])) == {}
