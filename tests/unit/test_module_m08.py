"""Module 8 (persistent absence): one slip marked once, the rule to beat, a choice marked on submission,
hints that end in outlines, and a written answer with its rubric."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from academy.checks.teaching import hints_hand_over
from academy.notebook import module
from academy.testing.selfcheck import published_answers

COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"
FEATURES = ["prior_attendance_pct", "free_school_meals", "send", "incidents_recorded",
            "household_known_to_services", "year_group"]


@pytest.fixture(scope="module")
def m08():
    ex = module("m08", learner="hannah")
    return ex, published_answers(ex)


def _risks(table: pd.DataFrame, features: list[str] = FEATURES) -> pd.Series:
    train, test = train_test_split(table, test_size=0.3, random_state=0)
    model = LogisticRegression(max_iter=1000).fit(train[features], train["persistently_absent"])
    return pd.Series(model.predict_proba(test[features])[:, 1], index=test["pupil_id"])


def _at_capacity(risk: pd.Series, labels: pd.DataFrame) -> tuple[pd.Series, pd.Series, dict]:
    flag = risk.rank(ascending=False, method="first") <= round(0.1 * len(risk))
    absent = labels.set_index("pupil_id")["persistently_absent"].reindex(risk.index)
    hits = (flag & absent).sum()
    return flag, absent, {"precision": hits / flag.sum(), "recall": hits / absent.sum()}


# ---------------------------------------------------------------- one slip costs once


def test_a_right_model_on_the_learners_rows_in_another_order_passes(m08):
    """answer_q1 sorted another way (a right answer) gives another split; the model on it is right too."""
    ex, answers = m08
    sorted_q1 = answers["q1"].sort_values("year_group", kind="stable")
    risk = _risks(sorted_q1)
    assert ex.q1.judge(sorted_q1).passed
    assert not ex.q2.judge(risk).passed  # without the learner's own answer_q1 this right answer was refused
    assert ex.q2.judge(risk, {"q1": sorted_q1}).passed


def test_a_wrong_label_in_question_1_is_marked_once(m08):
    ex, answers = m08
    strict = answers["q1"].copy()
    pupils, att = ex.table("pupils"), ex.table("attendance")
    year = att.groupby("pupil_id")[["attended_sessions", "possible_sessions"]].sum()
    rate = (year["attended_sessions"] / year["possible_sessions"]).reindex(strict["pupil_id"]).to_numpy()
    strict["persistently_absent"] = rate < 0.9  # the slip: fewer than 90%
    assert "exactly 90%" in ex.q1.judge(strict).message
    earlier = {"q1": strict}
    risk = _risks(strict)
    assert not ex.q2.judge(risk).passed  # judged on the reference labels alone, the slip would cost again
    assert ex.q2.judge(risk, earlier).passed
    flag, absent, metrics = _at_capacity(risk, strict)
    assert ex.q3.judge(metrics, {"q1": strict, "q2": risk}).passed
    eal = pupils.set_index("pupil_id")["eal"].reindex(risk.index)
    assert ex.q4.judge((flag & absent).groupby(eal).sum() / absent.groupby(eal).sum(),
                       {"q1": strict, "q2": risk}).passed
    mine = strict[strict["persistently_absent"]].groupby("eal")["incidents_recorded"].mean()
    assert ex.q5.judge(mine, earlier).passed
    # and a wrong method on the wrong labels is still wrong
    assert not ex.q5.judge(strict.groupby("eal")["incidents_recorded"].mean(), earlier).passed


def test_a_wrong_model_in_question_2_is_marked_once(m08):
    ex, answers = m08
    q1 = answers["q1"]
    leaky = _risks(q1, [f for f in FEATURES if f != "send"])  # the slip: one feature left out
    assert "exactly these features" in ex.q2.judge(leaky, {"q1": q1}).message
    earlier = {"q1": q1, "q2": leaky}
    flag, absent, metrics = _at_capacity(leaky, q1)
    assert not ex.q3.judge(metrics).passed  # judged on the reference model alone, the slip would cost again
    assert ex.q3.judge(metrics, earlier).passed
    swapped = {"precision": metrics["recall"], "recall": metrics["precision"]}
    assert "swapped" in ex.q3.judge(swapped, earlier).message
    eal = ex.table("pupils").set_index("pupil_id")["eal"].reindex(leaky.index)
    assert ex.q4.judge((flag & absent).groupby(eal).sum() / absent.groupby(eal).sum(), earlier).passed


def test_odd_earlier_answers_fall_back_to_the_reference(m08):
    ex, answers = m08
    for odd in (None, "text", pd.DataFrame({"a": [1]}), answers["q1"].iloc[:10], pd.Series([0.5, 0.2])):
        earlier = {"q1": odd, "q2": odd}
        assert ex.q3.judge(answers["q3"], earlier).passed
        assert ex.q6.judge(answers["q6"], earlier).passed
        assert ex.q2.judge(answers["q2"], {"q1": odd}).passed


# ----------------------------------------------------------------------- the rule to beat


def test_the_rule_is_measured_on_the_test_pupils_and_its_slips_are_named(m08):
    ex, answers = m08
    rule, model = answers["q6"], answers["q3"]
    assert rule["recall"] < model["recall"] and rule["precision"] < model["precision"]
    prior = ex.table("pupils").set_index("pupil_id")["prior_attendance_pct"].reindex(answers["q2"].index)
    absent = answers["q1"].set_index("pupil_id")["persistently_absent"].reindex(prior.index)
    k = round(0.1 * len(prior))
    highest = prior.index.isin(prior.nlargest(k).index)
    wrong = {"precision": (highest & absent).sum() / k, "recall": (highest & absent).sum() / absent.sum()}
    assert "HIGHEST attendance" in ex.q6.judge(wrong).message
    under_90 = prior <= 90
    wide = {"precision": (under_90 & absent).sum() / under_90.sum(), "recall": (under_90 & absent).sum() / absent.sum()}
    assert f"take the {k} with the lowest" in ex.q6.judge(wide).message


# ----------------------------------------------------- the choice, marked on submission


def test_the_choice_is_held_for_marking_and_judged_against_the_rule_on_unseen_pupils(m08):
    ex, answers = m08
    unseen = ex.table("unseen_pupils")
    assert not set(unseen["pupil_id"]) & set(ex.table("pupils")["pupil_id"])
    assert "persistently_absent" not in unseen.columns
    mine = answers["q7"]
    now = ex.q7.judge_now(mine)
    assert now.held and not now.passed
    assert ex.q7.judge(mine).passed
    rule = list(unseen.nsmallest(len(mine), "prior_attendance_pct")["pupil_id"])
    held = ex.q7.judge_now(rule)
    assert held.held and not held.passed  # the instant check does not say the rule fails
    verdict = ex.q7.judge(rule)
    assert not verdict.passed and "the current rule's" in verdict.message


def test_the_choice_tells_its_shape_at_once(m08):
    ex, answers = m08
    mine = answers["q7"]
    assert "give exactly that many" in ex.q7.judge_now(mine[:-1]).message
    assert "twice" in ex.q7.judge_now(mine[:-1] + mine[:1]).message
    known = list(ex.table("pupils")["pupil_id"][: len(mine)])
    assert "whose year you already know" in ex.q7.judge_now(known).message


# ------------------------------------------------------------ teaching, hints, rubric


def _cells():
    return json.loads((COURSE / "source" / "m08" / "m08.ipynb").read_text())["cells"]


def test_every_hint_ladder_ends_in_an_outline_and_no_hint_gives_the_solution(m08):
    ex, _ = m08
    for spec in ex.spec.exercises:
        assert "___" in spec.hints[-1], spec.name
    assert hints_hand_over(ex.spec) == []  # not even all the hints read together hold a solution


def test_the_dfe_definition_is_said_the_same_way_throughout(m08):
    ex, _ = m08
    text = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"])
            for c in _cells() if "nbgrader" in c["metadata"]}
    for gid in ("intro", "q1_question"):
        assert "10% or more" in text[gid], gid
    assert any("10% or more" in h for h in ex.spec.exercise("q1").hints)


def test_the_written_answer_is_marked_by_its_rubric():
    cell = next(c for c in _cells() if c["metadata"].get("nbgrader", {}).get("grade_id") == "limits_of_the_model")
    meta = cell["metadata"]["nbgrader"]
    assert cell["cell_type"] == "markdown" and meta["grade"] and meta["solution"]
    rubric = (COURSE / "modules" / "m08" / "rubrics.md").read_text()
    section = rubric.split(f"## limits_of_the_model ({meta['points']} points)")[1].split("\n## ")[0]
    points = [int(p) for p in re.findall(r"\((\d+) points?\)\s*$", section, flags=re.M)]
    assert len(points) >= 3 and sum(points) == meta["points"]


# ------------------------------------------------------------------ the unseen pupils


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_unseen_pupils_are_drawn_like_the_others_and_a_fair_model_beats_the_rule_on_them(seed):
    from academy import datasets
    from academy.datasets.attendance import persistently_absent

    d = datasets.make("attendance", 3000, seed)
    pupils, unseen = d.tables["pupils"], d.tables["unseen_pupils"]
    assert list(unseen.columns) == list(pupils.columns) and len(unseen) == len(pupils)
    outcome = d.truth["unseen_pupils"].set_index("pupil_id")["persistently_absent"]
    labelled = pupils.merge(persistently_absent(d.tables["attendance"]), left_on="pupil_id", right_index=True)
    assert abs(outcome.mean() - labelled["persistently_absent"].mean()) < 0.04
    model = LogisticRegression(max_iter=1000).fit(labelled[FEATURES], labelled["persistently_absent"])
    risk = pd.Series(model.predict_proba(unseen[FEATURES])[:, 1], index=unseen["pupil_id"])
    k = round(0.1 * len(unseen))
    found = outcome[risk.nlargest(k).index].sum()
    rule = outcome[unseen.set_index("pupil_id")["prior_attendance_pct"].nsmallest(k).index].sum()
    assert found >= rule + 20, (found, rule)  # clear of chance: a model of the stated recipe passes question 7
