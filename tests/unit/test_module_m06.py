"""Module 6 (data sharing): the 1 April boundary judged on both sides, the national data opt-out on the day of
sharing, HMAC pseudonyms, one slip marked once, a real choice of generalisation, a checklist held for marking, hints
that end in outlines, and a self-assessment marked by its rubric."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from academy.checks.teaching import hints_hand_over
from academy.notebook import module
from academy.testing.selfcheck import published_answers

COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"
DAY = pd.Timestamp("2025-04-01")
NHS = "Sharing with NHS partners"


@pytest.fixture(scope="module")
def m06():
    ex = module("m06", learner="hannah")
    return ex, published_answers(ex)


def _cells():
    return json.loads((COURSE / "source" / "m06" / "m06.ipynb").read_text())["cells"]


def _text(gid: str) -> str:
    return next("".join(c["source"]) for c in _cells() if c["metadata"].get("nbgrader", {}).get("grade_id") == gid)


def _in_force(consent: pd.DataFrame) -> pd.Series:
    return (consent["given_on"] <= DAY) & (consent["expires_on"] > DAY) & ~(consent["withdrawn_on"] <= DAY)


def test_a_consent_starting_on_1_april_counts_and_one_ending_or_withdrawn_that_day_does_not(m06):
    ex, _ = m06
    consent = ex.table("consent_register")
    right = consent[_in_force(consent)]
    assert ex.q1.check(right).passed
    assert (right["given_on"] == DAY).any(), "a consent starting on the day is in the right answer"
    strict_start = right[right["given_on"] < DAY]
    assert "starts on 1 April 2025 itself" in ex.q1.check(strict_start).message
    expiring = consent[consent["expires_on"] == DAY]
    assert len(expiring) and "expires on 1 April 2025 itself" in ex.q1.check(pd.concat([right, expiring])).message
    withdrawn = consent[consent["withdrawn_on"] == DAY]
    assert len(withdrawn) and "withdrawn on 1 April 2025 itself" in ex.q1.check(
        pd.concat([right, withdrawn])).message
    assert "1 April 2025" in _text("q1_question") and "first day it no longer applies" in _text("q1_question")


def test_an_opt_out_registered_on_the_day_counts_and_a_later_one_does_not(m06):
    ex, answers = m06
    opt = ex.table("data_opt_outs")
    assert ex.q6.check(answers["q6"]).passed
    nhs = set(answers["q1"].loc[answers["q1"]["purpose"] == NHS, "person_id"])
    on_day = nhs & set(opt.loc[opt["opted_out_on"] == DAY, "person_id"])
    later = nhs & set(opt.groupby("person_id")["opted_out_on"].min().loc[lambda d: d > DAY].index)
    assert on_day and later
    kept = set(answers["q6"])
    assert not on_day & kept and later <= kept
    assert "on 1 April 2025 itself" in ex.q6.check(sorted(kept | on_day)).message
    assert "after the share" in ex.q6.check(sorted(kept - later)).message
    assert ex.q6.check(pd.DataFrame({"person_id": sorted(kept)})).passed  # a table of them is fine too


def test_pseudonyms_are_an_hmac_and_a_hand_made_keyed_hash_is_named(m06):
    ex, answers = m06
    key = ex.given("pseudonym_key")
    people = ex.table("residents").set_index("person_id").loc[list(answers["q6"])]
    release = answers["q2"]
    assert ex.q2.check(release).passed
    assert (release["pseudo_id"].str.len() == 64).all()
    by_id = pd.DataFrame({
        "pseudo_id": [hmac.new(key.encode(), i.encode(), hashlib.sha256).hexdigest() for i in people.index],
        "birth_year": people["date_of_birth"].dt.year.astype(float).to_numpy(),  # 1967.0 is the same year
        "postcode_district": people["postcode"].str.split().str[0].to_numpy(),
        "council_code": people["council_code"].to_numpy(), "ward_code": people["ward_code"].to_numpy()})
    assert ex.q2.check(by_id).passed
    glued = by_id.assign(pseudo_id=[hashlib.sha256((key + i).encode()).hexdigest() for i in people.index])
    assert "not an HMAC" in ex.q2.check(glued).message
    assert "cut to 16" in ex.q2.check(by_id.assign(pseudo_id=by_id["pseudo_id"].str[:16])).message


def test_one_slip_is_marked_once_later_questions_start_from_the_learners_own_answer(m06):
    ex, answers = m06
    own = answers["q2"].iloc[:-3]  # a release built on a question 6 answer that wrongly left out three people
    key, dropped = ex.given("pseudonym_key"), set(answers["q2"]["pseudo_id"].iloc[-3:])
    short = [i for i in answers["q6"] if hmac.new(key.encode(), i.encode(), hashlib.sha256).hexdigest() not in dropped]
    assert len(short) == len(answers["q6"]) - 3
    assert not ex.q2.judge(own).passed
    assert ex.q2.judge(own, {"q6": short}).passed
    sizes = own.groupby(["birth_year", "postcode_district", "ward_code"])["pseudo_id"].transform("size")
    assert ex.q3.judge(int((sizes == 1).sum()), {"q2": own}).passed
    safe = pd.DataFrame({"pseudo_id": own["pseudo_id"], "birth_band": own["birth_year"] // 10 * 10,
                         "council_code": own["council_code"]})
    on_own = safe[safe.groupby(["birth_band", "council_code"])["pseudo_id"].transform("size") >= 5]
    assert ex.q4.judge(on_own, {"q2": own}).passed
    assert ex.q4.judge(answers["q4"], {"q2": own}).passed  # the reference still passes
    assert not ex.q4.judge(answers["q4"].iloc[:-2], {"q2": own}).passed


def test_the_generalisation_is_the_learners_choice_within_the_rules(m06):
    ex, answers = m06
    release = answers["q2"]

    def choose(width, place):
        safe = pd.DataFrame({"pseudo_id": release["pseudo_id"], "birth_band": release["birth_year"] // width * width,
                             place: release[place]})
        return safe[safe.groupby(["birth_band", place])["pseudo_id"].transform("size") >= 5]

    assert ex.q4.check(choose(15, "council_code")).passed
    assert ex.q4.check(choose(20, "council_code")).passed
    assert "at least half" in ex.q4.check(choose(10, "postcode_district")).message \
        or "empty" in ex.q4.check(choose(10, "postcode_district")).message
    chosen = choose(10, "council_code")
    scrambled = chosen.assign(birth_band=sorted(chosen["birth_band"]))
    assert "belong to other people" in ex.q4.check(scrambled).message
    assert "more than once" in ex.q4.check(pd.concat([chosen, chosen.head(2)])).message


def test_the_checklist_is_held_for_marking_and_says_nothing_of_right_or_wrong(m06):
    ex, answers = m06
    right = answers["q5"]
    flipped = {k: not v for k, v in right.items()}
    now = ex.q5.judge_now(flipped)
    assert now.held and not now.passed and "Think again" not in now.message
    assert ex.q5.judge_now(right).held  # a right answer is held too: trying each option tells nothing
    assert "True or False" in ex.q5.judge_now({k: "yes" for k in right}).message
    assert not ex.q5.judge(flipped).passed and ex.q5.judge(right).passed
    assert right["consent_is_the_only_lawful_basis_for_sharing"] is False
    assert "six" in _text("lawful_sharing") and "public task" in _text("lawful_sharing")


def test_every_hint_ladder_ends_in_an_outline_and_no_hint_gives_the_solution(m06):
    ex, _ = m06
    for spec in ex.spec.exercises:
        assert "___" in spec.hints[-1], spec.name
    assert hints_hand_over(ex.spec) == []  # not even all the hints read together hold a solution


def test_the_self_assessment_is_marked_by_its_rubric():
    cell = next(c for c in _cells() if c["metadata"].get("nbgrader", {}).get("grade_id") == "ethics_self_assessment")
    meta = cell["metadata"]["nbgrader"]
    assert cell["cell_type"] == "markdown" and meta["grade"] and meta["solution"]
    rubric = (COURSE / "modules" / "m06" / "rubrics.md").read_text()
    section = rubric.split(f"## ethics_self_assessment ({meta['points']} points)")[1].split("\n## ")[0]
    points = [int(p) for p in re.findall(r"\((\d+) points?\)\s*$", section, flags=re.M)]
    assert len(points) == 4 and sum(points) == meta["points"]
    for principle in ("Transparency", "Accountability", "Fairness"):
        assert principle in section and principle in _text("ethics_question")
