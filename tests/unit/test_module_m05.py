"""Module 5 (the families programme): targets judged on intervals, one slip marked once, parallel trends checked."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import build

from academy.notebook import module
from academy.testing.selfcheck import published_answers


@pytest.fixture(scope="module")
def m05():
    ex = module("m05", learner="hannah")
    return ex, published_answers(ex)


def _gap_interval(d, outcome: str, start: str, end: str) -> tuple[float, float]:
    o = d["outcomes"].merge(d["families"][["family_id", "joined"]], on="family_id")
    g = o[o["outcome"] == outcome]
    change = g[end] - g[start]
    j, others = change[g["joined"]], change[~g["joined"]]
    gap = j.mean() - others.mean()
    se = np.sqrt(j.var() / len(j) + others.var() / len(others))
    return gap - 1.96 * se, gap + 1.96 * se


# ------------------------------------------------------------------------ the data


def test_adults_in_work_has_no_true_effect_and_its_interval_usually_includes_zero():
    covered = 0
    for seed in range(6):
        d = build("programme", 4000, seed=seed)
        assert abs(d.truth["effects"]["adult_in_work"]) < 1e-9
        low, high = _gap_interval(d, "adult_in_work", "before", "after")
        covered += low <= 0 <= high
    assert covered >= 5


def test_trends_before_the_programme_differ_for_anti_social_behaviour_only():
    for seed in range(3):
        d = build("programme", 4000, seed=seed)
        low, high = _gap_interval(d, "asb_incidents", "earlier", "before")
        assert low > 0.4, "joiners' anti-social behaviour should clearly rise before they joined"
        for outcome in ("school_attendance_pct", "cost_to_public_purse"):
            low, high = _gap_interval(d, outcome, "earlier", "before")
            assert low < 0.1 * abs(d.truth["effects"][outcome]) and high > -0.1 * abs(d.truth["effects"][outcome])


# ------------------------------------------------------------------ question 3: intervals


def test_intervals_round_the_learners_own_wrong_estimates_pass_when_built_on_them(m05):
    ex, answers = m05
    wrong_q2 = answers["q2"] * 1.1  # a slip in question 2
    right = answers["q3"]
    half = (right["high"] - right["low"]) / 2
    own = pd.DataFrame({"low": wrong_q2 - half, "high": wrong_q2 + half})
    assert ex.q3.judge(own, {"q2": wrong_q2}).passed
    assert not ex.q3.judge(own).passed
    assert not ex.q3.judge(own, {"q2": answers["q2"]}).passed


def test_the_worked_examples_interval_for_joiners_alone_is_refused_with_where_it_should_be_centred(m05):
    ex, answers = m05
    message = ex.q3.check(answers["q3"].assign(low=answers["q3"]["low"] + 5, high=answers["q3"]["high"] + 5)).message
    assert "should be centred on the difference-in-differences estimate" in message


# -------------------------------------------------------------------- question 4: verdicts


def test_verdicts_are_met_not_met_or_cannot_tell_and_the_point_estimate_is_not_enough(m05):
    ex, answers = m05
    verdicts = answers["q4"]
    assert set(verdicts) == {"met", "not met", "cannot tell"}
    objectives = ex.context.table("objectives").set_index("outcome")["target_change"]
    on_point = pd.Series({name: "met" if (answers["q2"][name] >= t if t > 0 else answers["q2"][name] <= t)
                          else "not met" for name, t in objectives.items()})
    assert "point estimate" in ex.q4.check(on_point).message
    assert ex.q4.check(verdicts.str.upper()).passed


def test_the_instant_check_of_verdicts_tells_only_the_form(m05):
    ex, answers = m05
    right = ex.q4.judge_now(answers["q4"], {"q3": answers["q3"]})
    flipped = answers["q4"].replace({"met": "not met", "not met": "met"})
    wrong = ex.q4.judge_now(flipped, {"q3": answers["q3"]})
    assert not right.passed and right.held and not wrong.passed and wrong.held
    assert right.message == wrong.message and "marked when you submit" in right.message
    bad = ex.q4.judge_now(answers["q4"].replace("cannot tell", "maybe"), {"q3": answers["q3"]})
    assert not bad.held and "'met', 'not met' or 'cannot tell'" in bad.message


def test_verdicts_from_the_learners_own_wrong_intervals_pass_when_built_on_them(m05):
    ex, answers = m05
    objectives = ex.context.table("objectives").set_index("outcome")["target_change"]
    centre = (answers["q3"]["low"] + answers["q3"]["high"]) / 2
    too_wide = answers["q3"].assign(low=centre - 50 * (centre - answers["q3"]["low"]),
                                    high=centre + 50 * (answers["q3"]["high"] - centre))
    own = pd.Series({name: "cannot tell" if too_wide.loc[name, "low"] < t < too_wide.loc[name, "high"] else "?"
                     for name, t in objectives.items()})
    assert (own == "cannot tell").all()  # so wide that no target can be judged
    assert ex.q4.judge(own, {"q3": too_wide}).passed
    assert not ex.q4.judge(own).passed


# -------------------------------------------------------------- questions 6 and 7: parallel trends


def test_the_change_during_the_programme_is_named_when_the_year_before_is_asked(m05):
    ex, answers = m05
    assert "*before* it" in ex.q6.check(answers["q2"]).message
    assert ex.q6.check(answers["q6"][::-1]).passed


def test_naming_no_outcome_with_unparallel_trends_is_refused_but_told_only_on_submission(m05):
    ex, answers = m05
    assert answers["q7"] == ["asb_incidents"]
    assert ex.q7.check(("asb_incidents",)).passed
    assert "clearly differed" in ex.q7.check([]).message
    assert "includes zero" in ex.q7.check(["asb_incidents", "school_attendance_pct"]).message
    held = ex.q7.judge_now([])
    assert held.held and not held.passed
    assert "not an outcome" in ex.q7.judge_now(["anti-social behaviour"]).message


def test_a_list_drawn_faithfully_from_a_wrong_question_6_is_not_marked_wrong_again(m05):
    ex, answers = m05
    slipped_q6 = answers["q2"]  # the change during the programme, not the year before it
    q3 = answers["q3"]
    from_the_slip = list(q3[(q3["low"] > 0) | (q3["high"] < 0)].index)
    assert "asb_incidents" in from_the_slip and len(from_the_slip) >= 2
    assert ex.q7.judge(from_the_slip, {"q6": slipped_q6}).passed
    assert not ex.q7.judge(from_the_slip, {"q6": answers["q6"]}).passed
    assert not ex.q7.judge(from_the_slip).passed


def test_tables_with_the_outcomes_in_a_column_are_read_as_a_spreadsheet_user_makes_them(m05):
    ex, answers = m05
    assert ex.q3.check(answers["q3"].rename_axis("outcome").reset_index()).passed
    verdicts = answers["q4"].rename("verdict").rename_axis("outcome").reset_index()
    assert ex.q4.check(verdicts).passed


def test_intervals_round_a_joined_only_question_2_are_judged_on_that_slip_not_refused_again(m05):
    ex, answers = m05
    outcomes, families = ex.context.table("outcomes"), ex.context.table("families")
    merged = outcomes.merge(families[["family_id", "joined"]], on="family_id")
    joined_only = (merged["after"] - merged["before"])[merged["joined"]].groupby(merged["outcome"]).mean()
    half = (answers["q3"]["high"] - answers["q3"]["low"]) / 2
    own = pd.DataFrame({"low": joined_only - half, "high": joined_only + half})
    assert ex.q3.judge(own, {"q2": joined_only}).passed
    assert "joined families' own change" in ex.q3.judge(own).message
