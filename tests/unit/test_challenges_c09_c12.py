"""Code-club challenges c09 to c12 (levels 3 and 4), as a club member meets them: a right answer written another way
passes, a named slip gets its own sentence, a later question is judged on the member's own earlier answer, and
the answers come from each member's own data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from academy import organiser_sheet
from academy.checks import registry
from academy.curriculum import load
from academy.notebook import module
from academy.testing.selfcheck import published_answers

COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"
OURS = ("c09", "c10", "c11", "c12")


def _problems(feedback) -> str:
    return " ".join(feedback.problems)


# ------------------------------------------------------------------------ the pack


def test_each_challenge_is_listed_with_its_checks_and_an_organisers_sheet_that_fits_the_session():
    cur = load(COURSE)
    listed = {c.id: c for c in cur.challenges}
    for cid in OURS:
        c = listed[cid]
        assert c.level in (3, 4) and 20 <= c.minutes <= 30
        assert c.exercises == tuple(e.name for e in registry.module(cid).spec.exercises)
        sheet = organiser_sheet.read(COURSE, c)
        assert sum(minutes for minutes, _ in sheet.timing) == c.minutes
    assert {listed[c].dataset for c in OURS} == {"programme", "utilities", "attendance", "service_requests"}


# ---------------------------------------------------------- c09: shares, an interval, a verdict


@pytest.fixture(scope="module")
def c09():
    ex = module("c09", learner="hannah")
    return ex, published_answers(ex)


def test_c09_shares_labelled_in_words_pass_and_counts_are_named(c09):
    ex, answers = c09
    worded = answers["q1"].rename({True: "joined", False: "not joined"})
    assert ex.q1.judge(worded).passed
    o, f = ex.context.table("outcomes"), ex.context.table("families")
    rows = o[o["outcome"] == "school_attendance_pct"].merge(f, on="family_id")
    counts = (rows["after"] > rows["before"]).groupby(rows["joined"]).sum()
    assert "numbers of families, not shares" in _problems(ex.q1.judge(counts))


def test_c09_the_interval_is_judged_on_the_members_own_shares_and_names_the_usual_slips(c09):
    ex, answers = c09
    n = ex.context.table("families")["joined"].value_counts()
    wrong_q1 = answers["q1"] * 0.9  # a slip in question 1
    p1, p0 = wrong_q1[True], wrong_q1[False]
    se = np.sqrt(p1 * (1 - p1) / n[True] + p0 * (1 - p0) / n[False])
    own = {"difference": p1 - p0, "low": p1 - p0 - 1.96 * se, "high": p1 - p0 + 1.96 * se}
    assert ex.q2.judge(own, {"q1": wrong_q1}).passed
    assert not ex.q2.judge(own).passed
    right = answers["q2"]
    half = right["high"] - right["difference"]
    narrower = half / 1.96 * 1.645
    ninety = {**right, "low": right["difference"] - narrower, "high": right["difference"] + narrower}
    assert "90% interval" in _problems(ex.q2.judge(ninety))


def test_c09_the_verdict_is_marked_on_submission_and_the_point_estimate_alone_is_not_enough(c09):
    ex, answers = c09
    low, high, diff = answers["q2"]["low"], answers["q2"]["high"], answers["q2"]["difference"]
    assert low < 0.25 <= high and diff >= 0.25  # this member's interval holds the target
    now = ex.q3.judge_now("met", {"q2": answers["q2"]})
    assert now.held and not now.passed  # the instant check tells nothing by trying each word
    assert ex.q3.judge("Cannot tell", {"q2": answers["q2"]}).passed
    assert "follows the difference alone" in _problems(ex.q3.judge("met", {"q2": answers["q2"]}))
    assert "one of the words" in " ".join(ex.q3.judge_now(True).problems)


# --------------------------------------------------------- c10: what suppression hides


@pytest.fixture(scope="module")
def c10():
    ex = module("c10", learner="hannah")
    return ex, published_answers(ex)


def test_c10_the_gap_is_exactly_the_suppressed_cells_of_the_members_own_extract(c10):
    ex, answers = c10
    truth = ex.context.data.truth["suppressed"]
    assert answers["q1"].to_dict() == truth["FUEL"].value_counts().to_dict()
    assert (answers["q1"] > 0).all()
    assert np.allclose(answers["q2"].sort_index(), answers["q3"].sort_index(), atol=1.0)
    assert (answers["q2"] > 0).all()


def test_c10_the_meter_tables_fuel_names_pass_and_the_unmatched_names_are_explained(c10):
    ex, answers = c10
    assert ex.q2.judge(answers["q2"].rename({"ELEC": "Electricity", "GAS": "Gas"})).passed
    meters, extract = ex.context.table("meters"), ex.context.table("lsoa_consumption")
    unmatched = (meters.groupby("fuel", observed=True)["annual_kwh"].sum()
                 - extract.groupby("FUEL")["TOTAL_KWH"].sum())
    assert ".map({'Electricity'" in _problems(ex.q2.judge(unmatched))


def test_c10_matching_on_the_lsoa_alone_is_named(c10):
    ex, _ = c10
    meters, extract = ex.context.table("meters"), ex.context.table("lsoa_consumption")
    hidden = extract.loc[extract["TOTAL_KWH"].isna(), "LSOA_CD"]
    loose = meters[meters["lsoa_code"].isin(hidden)].groupby("fuel", observed=True)["annual_kwh"].sum()
    assert "EITHER fuel" in _problems(ex.q3.judge(loose))


# ------------------------------------------------------------- c11: beat the rule


@pytest.fixture(scope="module")
def c11():
    ex = module("c11", learner="hannah")
    return ex, published_answers(ex)


def test_c11_labels_as_a_series_pass_and_the_autumn_term_alone_is_named(c11):
    ex, answers = c11
    labels = answers["q1"].set_index("pupil_id")["persistently_absent"]
    assert ex.q1.judge(labels).passed
    att = ex.context.table("attendance")
    autumn = att[att["term"] == "Autumn"].set_index("pupil_id")
    autumn_only = autumn["attended_sessions"] / autumn["possible_sessions"] <= 0.9
    assert "autumn term alone" in _problems(ex.q1.judge(autumn_only))


def test_c11_the_rule_is_measured_on_the_members_own_labels(c11):
    ex, answers = c11
    wrong = answers["q1"].assign(persistently_absent=answers["q1"]["prior_attendance_pct"] < 92)
    k = round(0.1 * len(wrong))
    own = wrong.nsmallest(k, "prior_attendance_pct")["persistently_absent"].mean()
    assert ex.q2.judge(own, {"q1": wrong}).passed
    assert not ex.q2.judge(own).passed
    assert "HIGHEST attendance" in _problems(
        ex.q2.judge(answers["q1"].nlargest(k, "prior_attendance_pct")["persistently_absent"].mean()))


def test_c11_the_unseen_list_is_held_until_submission_then_judged_on_how_the_year_went(c11):
    ex, answers = c11
    now = ex.q3.judge_now(answers["q3"])
    assert now.held and not now.passed
    assert ex.q3.judge(answers["q3"]).passed
    unseen = ex.context.table("unseen_pupils")
    rule = list(unseen.nsmallest(round(0.1 * len(unseen)), "prior_attendance_pct")["pupil_id"])
    assert "current rule's own list" in _problems(ex.q3.judge(rule))
    assert "exactly that many" in " ".join(ex.q3.judge_now(answers["q3"][:-1]).problems)


# ------------------------------------------------------- c12: segments of the member's choosing


@pytest.fixture(scope="module")
def c12():
    ex = module("c12", learner="hannah")
    return ex, published_answers(ex)


def _kmeans(mix: pd.DataFrame, k: int, seed: int = 3) -> pd.Series:
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler

    x = StandardScaler().fit_transform(mix)
    return pd.Series(KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x), index=mix.index)


def test_c12_any_k_from_two_to_six_passes_and_a_random_split_does_not(c12):
    ex, answers = c12
    mix = answers["q1"]
    for k in (2, 5):
        assert ex.q2.judge(_kmeans(mix, k), {"q1": mix}).passed, k
    random_split = pd.Series(np.random.default_rng(0).integers(0, 3, len(mix)), index=mix.index)
    assert "hardly better than a random split" in _problems(ex.q2.judge(random_split, {"q1": mix}))
    assert "choose k from 2 to 6" in _problems(ex.q2.judge(_kmeans(mix, 8), {"q1": mix}))


def test_c12_the_profile_is_judged_on_the_members_own_segments(c12):
    ex, answers = c12
    mix = answers["q1"]
    two = _kmeans(mix, 2)
    profile = mix.groupby(two).mean()
    assert ex.q3.judge(profile, {"q1": mix, "q2": two}).passed
    assert not ex.q3.judge(profile, {"q1": mix, "q2": answers["q2"]}).passed
    scaled = (mix - mix.mean()) / mix.std(ddof=0)
    assert "scaled values" in _problems(ex.q3.judge(scaled.groupby(two).mean(), {"q1": mix, "q2": two}))
