"""The mistakes learners really make in the later modules get named in their own terms."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from academy.notebook import module
from academy.testing.selfcheck import published_answers


@pytest.fixture(scope="module")
def joining():
    ex = module("m03", learner="hannah")
    return ex, published_answers(ex)


def test_joining_dates_read_month_first_or_kept_impossible_are_named(joining):
    ex, answers = joining
    bolton = ex.context.table("publication_bolton")  # learners read the file; the check knows it as a table
    month_first = pd.to_datetime(bolton["Date Reported"], format="mixed", errors="coerce")
    assert "day first" in ex.q1.check(month_first).message
    right = answers["q1"]
    impossible = right[right.isna()].index[0]  # a published date that is not a real one
    kept = right.copy()
    kept[impossible] = pd.Timestamp("2024-06-01")
    message = ex.q1.check(kept).message
    assert "not a real date" in message and repr(bolton["Date Reported"][impossible]) in message
    assert "still text" in ex.q1.check(bolton["Date Reported"]).message


def test_joining_ward_names_matched_untidily_or_against_another_council_are_named(joining):
    ex, answers = joining
    salford, right = ex.context.table("publication_salford"), answers["q2"]
    names = salford["ward_name"]
    untidy = names[(names != names.str.strip().str.title()) & right.notna()].index[0]
    missed = right.copy()
    missed[untidy] = None
    message = ex.q2.check(missed).message
    assert "stray spaces" in message and repr(names[untidy]) in message
    elsewhere = names[names.notna() & right.isna()].index[0]  # a ward name of another council
    wards = ex.given("wards")
    matched = right.copy()
    matched[elsewhere] = wards.loc[wards["ward_name"] == names[elsewhere].strip().title(), "ward_code"].iloc[0]
    assert "not a Salford ward" in ex.q2.check(matched).message


def test_joining_rows_that_are_not_incidents_are_named(joining):
    ex, _ = joining
    salford = ex.context.table("publication_salford")
    assert "'Total' row" in ex.q3.check(salford.drop_duplicates()).message
    assert "doubled" in ex.q3.check(salford[salford["ref"] != "Total"]).message
    shuffled = salford[salford["ref"] != "Total"].drop_duplicates().assign(waste="fly-tipping")
    assert not ex.q3.check(shuffled).passed


def test_joining_the_combined_table_names_the_council_and_incident_still_wrong(joining):
    ex, answers = joining
    combined = answers["q7"]  # the combined table is question 7 since issue 17
    zero_costs = combined.assign(clearance_cost_gbp=combined["clearance_cost_gbp"].fillna(0))
    message = ex.q7.check(zero_costs).message
    assert "clearance_cost_gbp" in message and "expected empty" in message
    with_totals = pd.concat([combined, combined.iloc[[0]]], ignore_index=True)
    assert "Did the duplicates" in ex.q7.check(with_totals).message
    as_text = combined.assign(date_reported=combined["date_reported"].dt.strftime("%d/%m/%Y"))
    assert "should hold dates" in ex.q7.check(as_text).message
    salford_codes = combined["council_code"] == "E08000006"
    lower = combined.assign(waste_type=combined["waste_type"].where(~salford_codes, combined["waste_type"].str.lower()))
    assert "Salford" in ex.q7.check(lower).message


def test_joining_publishing_everything_breaks_the_data_sharing_agreement(joining):
    ex, answers = joining
    licences = ex.table("licences")
    assert "most restrictive" in ex.q5.check({**answers["q5"], "may_publish_combined": True}).message
    everyone = {**answers["q5"], "publishable": licences["council_code"].tolist()}
    assert "Wigan" in ex.q5.check(everyone).message
    assert not ex.q5.check({**answers["q5"], "attribution": []}).passed
    assert "True or False" in ex.q5.check({**answers["q5"], "may_publish_combined": "no"}).message
    assert ex.q5.check(answers["q5"]).passed


@pytest.fixture(scope="module")
def sharing():
    ex = module("m06", learner="hannah")
    return ex, published_answers(ex)


def test_sharing_consent_judged_by_status_or_ignoring_start_dates_is_named(sharing):
    ex, _ = sharing
    consent, day = ex.table("consent_register"), pd.Timestamp("2025-04-01")
    by_status = consent[(consent["status"] == "Given") & (consent["given_on"] <= day) & (consent["expires_on"] > day)]
    assert "Use the dates, not the status" in ex.q1.check(by_status).message
    no_start = consent[(consent["expires_on"] > day) & ~(consent["withdrawn_on"] <= day)]
    assert "only starts on" in ex.q1.check(no_start).message


def test_sharing_identifiers_or_an_unkeyed_hash_in_the_release_are_refused(sharing):
    ex, answers = sharing
    release = answers["q2"]
    assert "direct identifiers" in ex.q2.check(release.assign(name="x")).message
    people = ex.table("residents")
    nhs = people[people["person_id"].isin(answers["q6"])]
    unkeyed = release.assign(pseudo_id=nhs["person_id"].map(lambda i: hashlib.sha256(i.encode()).hexdigest()[:16])
                             .to_numpy())
    assert "without the key" in ex.q2.check(unkeyed).message
    assert "no pseudonym" in ex.q2.check(release.assign(pseudo_id=nhs["person_id"].to_numpy())).message


def test_sharing_k_anonymity_mistakes_are_named(sharing):
    ex, answers = sharing
    release = answers["q2"]
    sizes = release.groupby(["birth_year", "postcode_district", "ward_code"])["pseudo_id"].transform("size")
    assert "smaller than 5" in ex.q3.check(int((sizes < 5).sum())).message
    coarse = pd.DataFrame({"pseudo_id": release["pseudo_id"], "birth_decade": release["birth_year"] // 10 * 10,
                           "council_code": release["council_code"]})
    assert "fewer than 5 people" in ex.q4.check(coarse).message
    assert "still holds" in ex.q4.check(coarse.assign(ward_code=release["ward_code"])).message
    assert "keeps" in ex.q4.check(answers["q4"].iloc[:-5]).message


def test_sharing_checklist_says_which_statement_to_rethink_without_listing_answers(sharing):
    ex, answers = sharing
    all_true = {k: True for k in answers["q5"]}
    message = ex.q5.check(all_true).message
    assert "Think again about" in message and "True" not in message
    assert "True or False" in ex.q5.check({k: "yes" for k in answers["q5"]}).message


@pytest.fixture(scope="module")
def absence():
    ex = module("m08", learner="hannah")
    return ex, published_answers(ex)


def test_absence_averaging_term_rates_is_named(absence):
    ex, _ = absence
    pupils, att = ex.table("pupils"), ex.table("attendance")
    rate = (att["attended_sessions"] / att["possible_sessions"]).groupby(att["pupil_id"]).mean()
    wrong = pupils.merge((rate < 0.9).rename("persistently_absent"), left_on="pupil_id", right_index=True)
    assert "different numbers of sessions" in ex.q1.check(wrong).message


def test_absence_counts_the_pupils_who_missed_exactly_one_session_in_ten(absence):
    """The DfE's persistent absence is missing 10% or more: 351 of 390 sessions attended is persistently absent."""
    ex, right = absence
    pupils, att = ex.table("pupils"), ex.table("attendance")
    year = att.groupby("pupil_id")[["attended_sessions", "possible_sessions"]].sum()
    on_the_line = year[10 * year["attended_sessions"] == 9 * year["possible_sessions"]].index
    assert len(on_the_line) > 0  # this learner's data has pupils exactly on it
    assert right["q1"].set_index("pupil_id").loc[on_the_line, "persistently_absent"].all()
    strict = (year["attended_sessions"] / year["possible_sessions"] < 0.9).rename("persistently_absent")
    verdict = ex.q1.check(pupils.merge(strict, left_on="pupil_id", right_index=True))
    assert not verdict.passed and "exactly 90%" in verdict.message and "< 0.9" in verdict.message
    missed = (att["authorised_absences"] + att["unauthorised_absences"]).groupby(att["pupil_id"]).sum()
    dfe = (missed / year["possible_sessions"] >= 0.1).rename("persistently_absent")
    assert ex.q1.check(pupils.merge(dfe, left_on="pupil_id", right_index=True)).passed


def test_absence_model_mistakes_are_named(absence):
    ex, answers = absence
    risk = answers["q2"]
    assert "probability" in ex.q2.check((risk > 0.5).astype(int)).message
    assert "Series labelled by pupil" in ex.q2.check(risk.to_numpy()).message
    assert "stated split" in ex.q2.check(risk.iloc[:-10]).message
    assert "exactly these features" in ex.q2.check(risk.clip(0.01, 0.2)).message


def test_absence_metrics_at_capacity_not_at_half_and_not_swapped(absence):
    ex, answers = absence
    risk = answers["q2"]
    table = answers["q1"].set_index("pupil_id")
    absent = table["persistently_absent"].reindex(risk.index)
    over_half = risk >= 0.5
    at_half = {"precision": (over_half & absent).sum() / over_half.sum(),
               "recall": (over_half & absent).sum() / absent.sum()}
    assert "highest risks" in ex.q3.check(at_half).message
    right = answers["q3"]
    assert "swapped" in ex.q3.check({"precision": right["recall"], "recall": right["precision"]}).message


def test_absence_fairness_finds_the_planted_gap_and_names_precision_for_recall(absence):
    ex, answers = absence
    recall = answers["q4"]
    assert recall[True] < recall[False], "the under-recorded group should be missed more often"
    risk = answers["q2"]
    table = answers["q1"].set_index("pupil_id").reindex(risk.index)
    flag = risk.rank(ascending=False, method="first") <= round(0.1 * len(risk))
    precision = (flag & table["persistently_absent"]).groupby(table["eal"]).sum() / flag.groupby(table["eal"]).sum()
    assert "precision in each group" in ex.q4.check(precision).message
    assert ex.q4.check(recall.set_axis(["False", "True"])).passed
    everyone = answers["q1"].groupby("eal")["incidents_recorded"].mean()
    assert "all pupils" in ex.q5.check(everyone).message
    assert answers["q5"][True] < answers["q5"][False]


@pytest.fixture(scope="module")
def capstone():
    ex = module("m09", learner="hannah")
    return ex, published_answers(ex)


def test_capstone_rates_in_percent_or_over_every_year_are_named(capstone):
    ex, answers = capstone
    assert "percentages" in ex.q1.check(answers["q1"] * 100).message
    incidents, wards = ex.table("incidents"), ex.table("wards")
    asb = incidents[incidents["incident_type"] == "Anti-social behaviour"]
    every_year = (asb["ward_code"].value_counts().reindex(wards["ward_code"], fill_value=0)
                  / wards.set_index("ward_code")["population"] * 1000)
    assert "all three years" in ex.q2.check(every_year).message
    assert "fill_value=0" in ex.q2.check(answers["q2"].iloc[:-3]).message


def test_capstone_need_score_without_z_scores_and_hubs_in_the_wrong_order_are_named(capstone):
    ex, answers = capstone
    profile = answers["q3"]
    measures = ["absence_rate", "asb_per_1000", "families_per_1000_households", "claimants_per_1000"]
    raw = profile.assign(need_score=profile[measures].mean(axis=1))
    assert "z-scores first" in ex.q3.check(raw).message
    assert ex.q3.check(profile.sample(frac=1, random_state=1)).passed, "row order of the profile does not matter"
    hubs = answers["q4"]
    assert "wrong order" in ex.q4.check(hubs[::-1]).message
    lowest = profile.nsmallest(5, "need_score")["ward_code"].tolist()
    assert "lowest" in ex.q4.check(lowest).message


def test_capstone_contacting_people_needs_their_consent(capstone):
    ex, answers = capstone
    claimants, lsoas = ex.table("claimants"), ex.table("lsoas")
    there = claimants["lsoa_code"].map(lsoas.set_index("lsoa_code")["ward_code"]).isin(answers["q4"])
    assert "agreed to be contacted" in ex.q5.check(int(there.sum())).message
    assert 0 < answers["q5"] < there.sum()


def test_median_days_in_whole_days_is_told_to_keep_the_fractions():
    """m02 q2 asks for days with fractions; .dt.days, the usual first try, is named (not a bare 'wrong')."""
    ex = module("m02", learner="hannah")
    r = ex.table("requests")
    whole = (r["closed_at"] - r["opened_at"]).dt.days.groupby(r["request_type"], observed=True).median()
    verdict = ex.q2.check(whole)
    assert not verdict.passed and ".dt.days drops the hours" in verdict.message
    hours = (r["closed_at"] - r["opened_at"]) / pd.Timedelta(hours=1)
    assert ex.q2.check(hours.groupby(r["request_type"], observed=True).median() / 24).passed


ODD_ANSWERS = [None, 0, "text", [], {}, pd.DataFrame(), pd.Series(dtype=float), pd.DataFrame({"a": [1]}),
               {"precision": "x", "recall": None}]


@pytest.mark.parametrize("module_id", ["m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09"])
def test_odd_answers_fail_with_words_from_the_check_itself(module_id):
    """Not the catch-all message a crashing check falls back to, and never a pass."""
    ex = module(module_id, learner="odd")
    for spec in ex.spec.exercises:
        for answer in ODD_ANSWERS:
            feedback = getattr(ex, spec.name).check(answer)
            assert not feedback.passed, (spec.name, answer)
            assert "went wrong" not in feedback.message, (spec.name, answer, feedback.message)


@pytest.mark.parametrize("factor", [1.4, 0.7, 0.25])
def test_an_interval_a_little_too_wide_or_narrow_is_told_by_how_much(factor):
    ex = module("m05", learner="hannah")
    low, high = published_answers(ex)["q3"][["low", "high"]].T.to_numpy()
    centre, half = (low + high) / 2, (high - low) / 2 * factor
    message = ex.q3.check(pd.DataFrame({"low": centre - half, "high": centre + half},
                                       index=published_answers(ex)["q3"].index)).message
    assert f"about {factor:g} times as wide as expected" in message
