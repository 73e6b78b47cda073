"""Module 3 as a learner meets it: the files they open, the slips they make, the log of defects they keep.

Every learner's data holds a mistyped year, so keeping it is always caught; a slip in question 3 or 4 costs once
(questions 4 and 7 are judged on the learner's own earlier answers); the defect log gets partial-credit words;
question 5 is held for marking on submission.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from academy.notebook import module
from academy.testing.selfcheck import published_answers

SALFORD_FILE, WIGAN_FILE = "salford_fly_tipping_2024-25.csv", "wigan_fly_tipping_2024-25.xlsx"


@pytest.fixture(scope="module")
def m03():
    ex = module("m03", learner="hannah")
    return ex, published_answers(ex)


def _file(ex, name: str) -> io.BytesIO:
    return io.BytesIO(ex.context.data.raw_files[name])


@pytest.mark.parametrize("learner", ["hannah", "odd", "amira", "tariq"])
def test_every_learner_has_a_mistyped_year_and_keeping_it_is_named(learner):
    ex = module("m03", learner=learner)
    bolton = ex.context.table("publication_bolton")
    kept = pd.to_datetime(bolton["Date Reported"], format="%d/%m/%Y", errors="coerce")  # no check of the year
    assert (kept.dt.year > 2025).any()
    verdict = ex.q1.check(kept)
    assert not verdict.passed and "outside the financial year" in verdict.message


def test_the_learner_opens_the_files_themselves(m03):
    ex, _ = m03
    assert set(ex.spec.tables_for_learner) == {"licences"}
    with pytest.raises(UnicodeDecodeError):
        pd.read_csv(_file(ex, SALFORD_FILE))
    latin = pd.read_csv(_file(ex, SALFORD_FILE), encoding="latin-1")
    verdict = ex.q3.check(latin[latin["ref"] != "Total"].drop_duplicates())
    assert not verdict.passed and "encoding='cp1252'" in verdict.message


def test_wigan_references_read_as_decimals_are_named(m03):
    ex, answers = m03
    right = answers["q6"]
    decimals = right.assign(incident_ref=right["incident_ref"].astype(float).astype(str))
    verdict = ex.q6.check(decimals)
    assert not verdict.passed and "'.0'" in verdict.message
    assert ex.q6.check(right.assign(incident_ref=right["incident_ref"].astype(int))).passed  # numbers will do


def test_salford_is_judged_on_the_rows_the_learner_kept(m03):
    """A right method on a wrong question 3 passes question 4, so the kept repeats cost once."""
    ex, answers = m03
    salford = pd.read_csv(_file(ex, SALFORD_FILE), encoding="cp1252")
    kept_repeats = salford[salford["ref"] != "Total"]
    assert not ex.q3.check(kept_repeats).passed
    s = kept_repeats
    tidy = pd.DataFrame({
        "incident_ref": s["ref"], "council_code": "E08000006",
        "ward_code": answers["q2"].loc[s.index],
        "date_reported": pd.to_datetime(s["date"], format="%d-%b-%y", errors="coerce")
        .pipe(lambda d: d.where(d.between("2024-04-01", "2025-03-31"))),
        "waste_type": s["waste"].str.capitalize(), "size": s["size_category"], "land_type": s["land"],
        "clearance_cost_gbp": pd.to_numeric(s["cost_gbp"].str.replace("[£,]", "", regex=True), errors="coerce"),
    })
    assert ex.q4.judge(tidy, {"q3": kept_repeats}).passed
    alone = ex.q4.judge(tidy)  # with no earlier answer known, the reference decides
    assert not alone.passed and "duplicates" in alone.message


def test_the_combined_table_is_judged_on_the_learners_own_salford_table(m03):
    ex, answers = m03
    lower = answers["q4"].assign(waste_type=answers["q4"]["waste_type"].str.lower())  # a slip in question 4
    assert not ex.q4.check(lower).passed
    stacked = pd.concat([answers["q7"][answers["q7"]["council_code"] == "E08000001"], lower, answers["q6"]],
                        ignore_index=True)
    assert ex.q7.judge(stacked, {"q4": lower, "q6": answers["q6"]}).passed
    assert not ex.q7.judge(stacked).passed


def test_the_defect_log_says_how_many_were_found_and_where_to_look_again(m03):
    ex, answers = m03
    log = answers["q8"]
    assert ex.q8.check(log).passed
    without_wigan = log[log["council"] != "Wigan"]
    message = ex.q8.check(without_wigan).message
    assert "11 of the 15" in message and "Wigan's file" in message and "Bolton" not in message
    wrong_example = log.copy()
    wrong_example.loc[0, "incident_ref"] = "BOL-FT-999999"
    assert "'BOL-FT-999999'" in ex.q8.check(wrong_example).message
    no_wigan_bad_dates = pd.concat([log, pd.DataFrame([["Wigan", "bad_date", "2024000001", "emptied"]],
                                                      columns=log.columns)], ignore_index=True)
    assert not ex.q8.check(no_wigan_bad_dates).passed  # a kind Wigan's file does not have


def test_the_licence_question_is_held_for_marking_not_told_at_once(m03):
    ex, answers = m03
    wrong = dict(answers["q5"], may_publish_combined=True)
    now = ex.q5.judge_now(wrong)
    assert now.held and not now.passed and "restrictive" not in now.message
    assert not ex.q5.judge(wrong).passed and ex.q5.judge(answers["q5"]).passed
    assert "True or False" in ex.q5.judge_now(dict(answers["q5"], may_publish_combined="No")).message
