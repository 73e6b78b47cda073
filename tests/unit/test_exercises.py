"""Instant checks as a learner meets them in a notebook."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from academy.checks import registry
from academy.checks.registry import MODULES
from academy.course import find
from academy.exercises import attempt_listeners, compare, learner_id, unseen_seed, variant_seed
from academy.notebook import NotebookError, module
from academy.testing.selfcheck import published_answers

m02 = registry.module("m02").checks


def run_solution(ex, name: str):
    """Run the solution text shown to learners, on the learner's own tables."""
    spec = ex.spec.exercise(name)
    namespace = {"pd": pd, "np": np, "requests": ex.table("requests"), "wards": ex.table("wards")}
    exec(spec.solution, namespace)
    return namespace.get(f"answer_{name}", namespace.get("days_to_close"))


@pytest.mark.parametrize("module_id", sorted(MODULES))
def test_every_modules_published_solutions_pass_and_a_neighbours_fail(module_id):
    mine, theirs = module(module_id, learner="fiona"), module(module_id, learner="gary")
    answers = published_answers(mine)
    for name, answer in answers.items():
        feedback = getattr(mine, name).check(answer)
        assert feedback.passed, (module_id, name, feedback.message)
    copied = [name for name, answer in answers.items() if not callable(answer)
              and not getattr(theirs, name).check(answer).passed]
    assert copied, f"{module_id}: every copied answer passed for another learner"


@pytest.fixture
def alice():
    return module("m02", learner="alice.smith")


@pytest.fixture
def bob():
    return module("m02", learner="bob.jones")


@pytest.mark.parametrize("name", [e.name for e in MODULES["m02"].exercises])
def test_the_published_solution_passes_its_own_check(alice, name):
    feedback = getattr(alice, name).check(run_solution(alice, name))
    assert feedback.passed, feedback.message
    assert feedback.message.startswith("Correct")


@pytest.mark.parametrize("name", ["q1", "q2", "q3", "q4"])
def test_copying_a_neighbours_numbers_fails(alice, bob, name):
    alices_answer = run_solution(alice, name)
    assert getattr(alice, name).check(alices_answer).passed
    assert not getattr(bob, name).check(alices_answer).passed


def test_each_learner_has_a_stable_variant_of_their_own(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "carol")
    monkeypatch.delenv("ACADEMY_LEARNER", raising=False)
    assert learner_id() == "carol"
    a, b = module("m02"), module("m02")
    secret = find().secret()
    assert a.learner == "carol" and a.seed == b.seed == variant_seed("accelerator", "m02", "carol", secret)
    pd.testing.assert_frame_equal(a.table("requests"), b.table("requests"))
    other = module("m02", learner="dave")
    assert not a.table("requests")["opened_at"].equals(other.table("requests")["opened_at"])
    assert variant_seed("accelerator", "m02", "Carol ", secret) == variant_seed("accelerator", "m02", "carol", secret)


def test_without_the_course_secret_nobody_can_rebuild_a_learners_variant():
    """The generators are public; the seed is not: another secret (or none) gives other numbers."""
    with pytest.raises(ValueError):
        variant_seed("accelerator", "m02", "carol", "")
    assert variant_seed("accelerator", "m02", "carol", "guess") != variant_seed("accelerator", "m02", "carol",
                                                                                  find().secret())


def test_the_unseen_variant_needs_the_grader_secret():
    with pytest.raises(ValueError):
        unseen_seed("accelerator", "m02", "alice", "")
    s1 = unseen_seed("accelerator", "m02", "alice", "s3cret")
    assert s1 != variant_seed("accelerator", "m02", "alice", "s3cret")
    assert s1 != unseen_seed("accelerator", "m02", "alice", "other")


def test_common_mistakes_are_named_in_the_learners_terms(alice):
    r, w = alice.table("requests"), alice.table("wards")
    days = (r.closed_at - r.opened_at).dt.total_seconds() / 86400
    assert "every request, not only fly-tipping" in alice.q1.check(len(r)).message
    assert "means" in alice.q2.check(days.groupby(r.request_type, observed=True).mean()).message
    assert "hours instead of days" in alice.q2.check(days.groupby(r.request_type, observed=True).median() * 24).message
    top = m02.top_missed_bin_wards(r, w)
    assert "expected 5" in alice.q3.check(m02.top_missed_bin_wards(r, w, n=9)).message
    per_household = top.assign(missed_bins_per_1000=top.missed_bins_per_1000 / 1000)
    assert "per household" in alice.q3.check(per_household).message
    unsorted = top.iloc[::-1].reset_index(drop=True)
    assert "not in order" in alice.q3.check(unsorted).message
    assert "reset_index" in alice.q3.check(top.set_index("ward_name")).message
    assert "no column named 'missed_bins_per_1000'" in alice.q3.check(
        top.rename(columns={"missed_bins_per_1000": "rate"})).message
    assert "months" in alice.q4.check(r.opened_at.dt.month.value_counts()).message
    assert ".dt.days drops the hours" in alice.q5.check(lambda df: (df.closed_at - df.opened_at).dt.days).message
    assert "without brackets" in alice.q5.check(m02.days_to_close(r)).message


def test_answers_of_every_odd_kind_get_words_not_tracebacks(alice):
    def broken(df):
        raise KeyError("closed")

    for name, answer in [("q1", None), ("q1", "42"), ("q1", [1, 2]), ("q1", float("nan")), ("q1", True),
                         ("q2", object()), ("q2", pd.DataFrame()), ("q3", {"a": 1}), ("q3", pd.DataFrame()),
                         ("q4", pd.Series(dtype=float)), ("q5", broken), ("q5", lambda df: "text")]:
        feedback = getattr(alice, name).check(answer)
        assert not feedback.passed
        assert feedback.problems and all(isinstance(p, str) and p for p in feedback.problems)
    assert "KeyError" in alice.q5.check(broken).message


def test_answer_accepted_in_the_forms_pandas_gives(alice):
    r = alice.table("requests")
    by_period = r.groupby(r.opened_at.dt.to_period("M")).size()
    by_timestamp = r.set_index("opened_at").resample("MS").size()
    by_text = r.opened_at.dt.strftime("%Y-%m").value_counts()
    for answer in (by_period, by_timestamp, by_text):
        assert alice.q4.check(answer).passed
    assert alice.q1.check(np.int64(m02.fly_tipping_count(r))).passed
    assert alice.q2.check(m02.median_days_by_type(r).to_frame("median_days")).passed


def test_hints_come_in_steps_and_then_stay_on_the_last(alice):
    shown = [str(alice.q2.hint()) for _ in range(4)]
    assert shown[0].startswith("Hint 1 of 3") and shown[1].startswith("Hint 2 of 3")
    assert shown[2].startswith("Hint 3 of 3") and shown[3] == shown[2]
    assert ".median()" not in shown[0], "the first hint is a nudge, not the method"


def test_solution_opens_only_after_a_pass_or_a_release(alice, monkeypatch):
    monkeypatch.delenv("ACADEMY_RELEASED_SOLUTIONS", raising=False)
    locked = str(alice.q1.solution())
    assert "opens once you pass" in locked and "request_type" not in locked
    alice.q1.check(m02.fly_tipping_count(alice.table("requests")))
    assert "request_type" in str(alice.q1.solution())
    fresh = module("m02", learner="erin")
    monkeypatch.setenv("ACADEMY_RELEASED_SOLUTIONS", "m01, m02")
    assert "median" in str(fresh.q2.solution())


def test_attempts_reach_listeners_and_a_failing_listener_breaks_nothing(alice):
    events = []

    def broken(event):
        raise RuntimeError("progress service is down")

    attempt_listeners[:] = [broken, events.append]
    try:
        assert alice.q1.check(-1).passed is False
        assert alice.q1.check(m02.fly_tipping_count(alice.table("requests"))).passed
    finally:
        attempt_listeners.clear()
    assert [(e["exercise"], e["passed"], e["learner"], e["module"]) for e in events] == [
        ("q1", False, "alice.smith", "m02"), ("q1", True, "alice.smith", "m02")]


def test_feedback_displays_safely_in_a_notebook(alice):
    feedback = alice.q1.check("<script>alert(1)</script>")
    assert "<script>" not in feedback._repr_html_() and "&lt;script&gt;" in feedback._repr_html_()
    assert "✔" in alice.q1.check(m02.fly_tipping_count(alice.table("requests")))._repr_html_()


def test_unknown_module_exercise_or_table_is_a_clear_error(alice):
    with pytest.raises(NotebookError, match="no module 'm99'.*m02"):
        module("m99")
    with pytest.raises(AttributeError, match="no exercise 'q9'.*q1"):
        _ = alice.q9  # the attribute lookup itself is what must raise
    with pytest.raises(KeyError, match="no table 'claimants'"):
        alice.table("claimants")


def test_a_learner_changing_their_table_does_not_change_what_is_checked(alice):
    r = alice.table("requests")
    expected = m02.fly_tipping_count(r)
    r["request_type"] = "Pothole"
    assert alice.q1.check(expected).passed


def test_a_value_just_outside_the_tolerance_is_shown_with_the_digits_that_tell_it_apart():
    from academy.exercises import compare

    expected = pd.Series([1506.62, 980.4], index=["A", "B"])
    said = " ".join(compare.series(expected.round(0), expected, what="the band charges", index_meaning="bands"))
    assert "1,507; expected about 1,506.6" in said


def test_a_checklist_says_its_shape_at_once_and_only_how_many_statements_are_wrong():
    truths = {"consent given": True, "purpose stated": False, "kept a year": True}
    assert compare.statements_form(["consent given"], truths)[0].startswith("I expected a dictionary of True/False")
    assert "missing: ['kept a year']" in compare.statements_form({"consent given": True, "purpose stated": 1 == 0},
                                                                 truths)[0]
    assert "'purpose stated' is the text 'no'" in compare.statements_form(
        {"consent given": True, "purpose stated": "no", "kept a year": True}, truths)[0]
    all_wrong = {k: not v for k, v in truths.items()}
    assert compare.statements(all_wrong, truths) == ["Think again about 'consent given' (and 2 more)."]
    assert compare.statements(truths, truths) == []


def test_a_chosen_list_is_read_however_it_is_given_and_strays_are_named():
    pool = pd.Series([f"P{i:03d}" for i in range(20)], name="pupil_id")
    kw = {"pool_name": "unseen_pupils", "noun": "pupils", "what": "pupils you would visit",
          "capacity": "the team can visit 2", "elsewhere": ({"K001"}, "a pupil whose year you already know")}
    scores = pd.Series(np.linspace(0, 1, 20), index=pool)
    for given in (["P001", "P002"], pd.DataFrame({"pupil_id": ["P001", "P002"]}), scores.loc[["P001", "P002"]],
                  pool.isin(["P001", "P002"]).set_axis(pool)):
        assert compare.chosen(given, pool, 2, **kw) == (["P001", "P002"], []), given
    assert compare.chosen(["K001", "P002"], pool, 2, **kw)[1] == [
        "'K001' is a pupil whose year you already know: choose among the pupils of unseen_pupils."]
    assert "is not a pupil_id of unseen_pupils" in compare.chosen(["X9", "P002"], pool, 2, **kw)[1][0]
    assert compare.chosen(["P001", "P001"], pool, 2, **kw)[1] == ["P001 is in your list twice: give each pupil once."]
    assert compare.chosen(["P001"], pool, 2, **kw)[1] == [
        "You chose 1 pupils; the team can visit 2: give exactly that many."]
