"""Module 11 (collecting and sharing well): dates read without guessing, the form's rules judged on data the learner
never saw, a minimised extract, the data store's boundary days, a revocation judged on the learner's own list, the
national data opt-out applied to planning and not to care, a checklist held for marking, hints that end in outlines,
and a note marked by its rubric."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from academy.checks.judge import Judge
from academy.checks.teaching import hints_hand_over, untaught
from academy.checks.unseen import unseen_data, unseen_problem
from academy.course import find
from academy.notebook import module
from academy.testing.selfcheck import published_answers

COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"
TODAY, LAST = pd.Timestamp("2025-06-30"), pd.Timestamp("2025-03-31")
ICB = "Northshire Integrated Care Board"


@pytest.fixture(scope="module")
def m11():
    ex = module("m11", learner="hannah")
    return ex, published_answers(ex)


def _cells():
    return json.loads((COURSE / "source" / "m11" / "m11.ipynb").read_text())["cells"]


def _text(gid: str) -> str:
    return next("".join(c["source"]) for c in _cells() if c["metadata"].get("nbgrader", {}).get("grade_id") == gid)


def _grants(ex, purpose: str, day: pd.Timestamp) -> set[str]:
    g = ex.table("pds_grants")
    ok = ((g["organisation"] == ICB) & (g["purpose"] == purpose) & (g["granted_on"] <= day)
          & ~(g["revoked_on"] <= day))
    return set(g.loc[ok, "resident_id"])


def test_dates_guessed_by_pandas_or_read_in_one_format_are_named(m11):
    ex, answers = m11
    typed = ex.table("repair_forms")["date_of_birth"]
    assert ex.q1.check(answers["q1"]).passed
    assert answers["q1"].isna().sum() > 0 and len(answers["q1"]) == len(typed)
    guessed = pd.to_datetime(typed, format="mixed", dayfirst=True, errors="coerce")
    assert "Day and month are swapped" in ex.q1.check(guessed).message
    assert "Read all three formats" in ex.q1.check(pd.to_datetime(typed, format="%d/%m/%Y", errors="coerce")).message
    assert "not dates yet" in ex.q1.check(typed).message
    assert "keep the unreadable ones as NaT" in ex.q1.check(answers["q1"].dropna()).message


def test_the_forms_rules_are_judged_rule_by_rule_and_on_data_the_learner_never_saw(m11):
    ex, _ = m11
    from academy.checks import registry

    checks = registry.module("m11").checks
    assert ex.q2.check(checks.check_form).passed

    def keep_all(forms):
        out = checks.check_form(forms)
        day = forms["submitted_at"].dt.normalize()
        return out.assign(resubmitted=forms.assign(day=day).duplicated(["tenant_ref", "repair_type", "day"],
                                                                         keep=False))

    def any_day(forms):
        return checks.check_form(forms).assign(resubmitted=forms.duplicated(["tenant_ref", "repair_type"]))

    def no_studios(forms):
        return checks.check_form(forms).assign(bedrooms_impossible=~forms["bedrooms"].between(1, 6))

    assert "only the copies are resubmissions" in ex.q2.check(keep_all).message
    assert "a repeat on another day is a new repair" in ex.q2.check(any_day).message
    assert "a studio flat has none" in ex.q2.check(no_studios).message
    assert "no column 'resubmitted'" in ex.q2.check(lambda f: checks.check_form(f).drop(columns="resubmitted")).message

    # Graded on an unseen variant: the right output passes; the learner's own output copied over does not.
    course = find(COURSE)
    judge = Judge(course)
    spec = judge.source("m11").spec
    unseen = unseen_data(spec, course.id, "hannah", judge.secret).tables["repair_forms"]
    right = checks.check_form(unseen)
    assert unseen_problem(spec, "q2", course.id, "hannah", judge.secret, right, right) is None
    own = checks.check_form(ex.table("repair_forms"))
    assert unseen_problem(spec, "q2", course.id, "hannah", judge.secret, own, right) is not None


def test_counts_per_rule_name_passes_and_shares(m11):
    ex, answers = m11
    assert ex.q3.check(answers["q3"]).passed
    assert ex.q3.check(answers["q3"].to_dict()).passed
    assert "pass each rule" in ex.q3.check(len(ex.table("repair_forms")) - answers["q3"]).message


def test_the_extract_holds_only_the_partners_rows_and_columns(m11):
    ex, answers = m11
    cases = ex.table("cases")
    right = answers["q4"]
    assert ex.q4.check(right).passed
    assert ex.q4.check(right[list(reversed(right.columns))].reset_index(drop=True)).passed
    assert "ethnicity" not in right.columns and "health_condition" not in right.columns
    with_ethnicity = cases.loc[right.index, [*right.columns, "ethnicity"]]
    assert "special category" in ex.q4.check(with_ethnicity).message
    every_case = cases[list(right.columns)]
    assert "holds every case" in ex.q4.check(every_case).message
    assert "needs it" in ex.q4.check(right.drop(columns="housing_need")).message


def test_the_data_stores_boundary_days_and_regrants_are_judged_and_named(m11):
    ex, answers = m11
    right = set(answers["q6"])
    assert ex.q6.check(answers["q6"]).passed and right == _grants(ex, "Individual care", TODAY)
    g = ex.table("pds_grants")
    care = g[(g["organisation"] == ICB) & (g["purpose"] == "Individual care")]
    starting = set(care.loc[care["granted_on"] == TODAY, "resident_id"])
    revoked_today = set(care.loc[care["revoked_on"] == TODAY, "resident_id"]) - right
    assert starting <= right and revoked_today
    assert "on 30 June 2025 itself" in ex.q6.check(sorted(right - starting)).message
    assert "revoked their grant on 30 June 2025 itself" in ex.q6.check(sorted(right | revoked_today)).message
    no_revoked_row = set(care["resident_id"]) - set(care.loc[care["revoked_on"].notna(), "resident_id"])
    assert "granted access again later" in ex.q6.check(sorted(no_revoked_row)).message
    outs = set(ex.table("data_opt_outs")["resident_id"])
    assert "does not apply to sharing for individual care" in ex.q6.check(sorted(right - outs)).message
    assert "cannot keep" in ex.q6.check(right).message  # a set: the grader could not record it
    assert ex.q6.check(pd.DataFrame({"resident_id": sorted(right)})).passed


def test_a_revocation_is_judged_on_the_learners_own_list_for_today(m11):
    ex, answers = m11
    today, last = set(answers["q6"]), _grants(ex, "Individual care", LAST)
    assert ex.q7.check(answers["q7"]).passed and set(answers["q7"]) == last - today
    assert "other way round" in ex.q7.check(sorted(today - last)).message
    # a question 6 answer that wrongly kept two residents revoked today: question 7 follows from it
    g = ex.table("pds_grants")
    kept = set(g.loc[(g["organisation"] == ICB) & (g["purpose"] == "Individual care") & (g["revoked_on"] == TODAY),
                     "resident_id"]) - today
    own_q6 = sorted(today | kept)
    assert kept and not ex.q6.judge(own_q6).passed
    from_own = sorted(last - set(own_q6))
    assert ex.q7.judge(from_own, {"q6": own_q6}).passed
    assert not ex.q7.judge(from_own).passed


def test_the_opt_out_applies_to_planning_from_the_day_it_is_registered(m11):
    ex, answers = m11
    assert ex.q8.check(answers["q8"]).passed
    outs = ex.table("data_opt_outs")
    planning = _grants(ex, "Population health planning", TODAY)
    on_day = set(outs.loc[outs["opted_out_on"] == TODAY, "resident_id"]) & planning
    later = set(outs.loc[outs["opted_out_on"] > TODAY, "resident_id"]) & planning
    right = set(answers["q8"])
    assert on_day and later and not on_day & right and later <= right
    assert "on the day itself" in ex.q8.check(sorted(right | on_day)).message
    assert "after today's share" in ex.q8.check(sorted(right - later)).message
    assert "national data opt-out" in ex.q8.check(sorted(planning)).message
    assert "not to individual care" in _text("outro") and "beyond their individual care" in _text("optout_intro")


def test_the_checklist_is_held_for_marking_and_says_nothing_of_right_or_wrong(m11):
    ex, answers = m11
    right = answers["q5"]
    flipped = {k: not v for k, v in right.items()}
    now = ex.q5.judge_now(flipped)
    assert now.held and not now.passed and "Think again" not in now.message
    assert ex.q5.judge_now(right).held
    assert not ex.q5.judge(flipped).passed and ex.q5.judge(right).passed
    assert right["the_national_data_opt_out_applies_to_sharing_for_individual_care"] is False
    for taught in ("public task", "Article 9", "Article 7(3)", "beyond individual care", "retention_days"):
        assert taught in _text("isa_intro"), taught  # taught before the checklist asks it


def test_every_question_is_taught_first_and_every_hint_ladder_ends_in_an_outline(m11):
    ex, _ = m11
    import nbformat

    nb = nbformat.read(str(COURSE / "source" / "m11" / "m11.ipynb"), as_version=4)
    assert untaught(nb.cells) == []
    for spec in ex.spec.exercises:
        assert "___" in spec.hints[-1], spec.name
    assert hints_hand_over(ex.spec) == []


def test_the_form_note_is_marked_by_its_rubric():
    cell = next(c for c in _cells() if c["metadata"].get("nbgrader", {}).get("grade_id") == "form_note")
    meta = cell["metadata"]["nbgrader"]
    assert cell["cell_type"] == "markdown" and meta["grade"] and meta["solution"]
    rubric = (COURSE / "modules" / "m11" / "rubrics.md").read_text()
    section = rubric.split(f"## form_note ({meta['points']} points)")[1].split("\n## ")[0]
    points = [int(p) for p in re.findall(r"\((\d+) points?\)\s*$", section, flags=re.M)]
    assert len(points) == 4 and sum(points) == meta["points"]
