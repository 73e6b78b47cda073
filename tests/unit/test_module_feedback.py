"""The mistakes learners really make in the later modules get named in their own terms."""

from __future__ import annotations

import pandas as pd
import pytest

from academy.exercises import module
from academy.exercises.selfcheck import published_answers


@pytest.fixture(scope="module")
def joining():
    ex = module("m03", learner="hannah")
    return ex, published_answers(ex)


def test_joining_dates_read_month_first_or_kept_impossible_are_named(joining):
    ex, _ = joining
    bolton = ex.table("publication_bolton")
    month_first = pd.to_datetime(bolton["Date Reported"], format="mixed", errors="coerce")
    assert "day first" in ex.q1.check(month_first).message
    kept = pd.to_datetime(bolton["Date Reported"], format="mixed", dayfirst=True, errors="coerce")
    assert "not a real date" in ex.q1.check(kept).message
    assert "still text" in ex.q1.check(bolton["Date Reported"]).message


def test_joining_ward_names_matched_untidily_or_against_another_council_are_named(joining):
    ex, _ = joining
    salford, wards = ex.table("publication_salford"), ex.given("wards")
    lookup = dict(zip(wards["ward_name"], wards["ward_code"]))
    assert "stray spaces" in ex.q2.check(salford["ward_name"].map(lookup)).message
    assert "not a Salford ward" in ex.q2.check(salford["ward_name"].str.strip().str.title().map(lookup)).message


def test_joining_rows_that_are_not_incidents_are_named(joining):
    ex, _ = joining
    salford = ex.table("publication_salford")
    assert "'Total' row" in ex.q3.check(salford.drop_duplicates()).message
    assert "doubled" in ex.q3.check(salford[salford["ref"] != "Total"]).message
    shuffled = salford[salford["ref"] != "Total"].drop_duplicates().assign(waste="fly-tipping")
    assert not ex.q3.check(shuffled).passed


def test_joining_the_combined_table_names_the_council_and_incident_still_wrong(joining):
    ex, answers = joining
    combined = answers["q4"]
    zero_costs = combined.assign(clearance_cost_gbp=combined["clearance_cost_gbp"].fillna(0))
    message = ex.q4.check(zero_costs).message
    assert "clearance_cost_gbp" in message and "expected empty" in message
    with_totals = pd.concat([combined, combined.iloc[[0]]], ignore_index=True)
    assert "Did the duplicates" in ex.q4.check(with_totals).message
    as_text = combined.assign(date_reported=combined["date_reported"].dt.strftime("%d/%m/%Y"))
    assert "should hold dates" in ex.q4.check(as_text).message
    salford_codes = combined["council_code"] == "E08000006"
    lower = combined.assign(waste_type=combined["waste_type"].where(~salford_codes, combined["waste_type"].str.lower()))
    assert "Salford" in ex.q4.check(lower).message


def test_joining_publishing_everything_breaks_the_data_sharing_agreement(joining):
    ex, answers = joining
    licences = ex.table("licences")
    assert "most restrictive" in ex.q5.check({**answers["q5"], "may_publish_combined": True}).message
    everyone = {**answers["q5"], "publishable": licences["council_code"].tolist()}
    assert "Wigan" in ex.q5.check(everyone).message
    assert not ex.q5.check({**answers["q5"], "attribution": []}).passed
    assert "True or False" in ex.q5.check({**answers["q5"], "may_publish_combined": "no"}).message
    assert ex.q5.check(answers["q5"]).passed
