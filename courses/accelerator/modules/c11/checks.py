"""Challenge c11, who will be persistently absent? (level 4): the grader's side.

Learners label persistent absence as the DfE defines it (missing 10% or more of the year's possible sessions,
summed over the three terms), measure the council's current rule (visit the tenth of pupils with the lowest
attendance last year) on the labelled pupils, then pick their own tenth of ``unseen_pupils`` with a model of
their choice. That last list is judged against how those pupils' year really went (the dataset's planted
truth, which learners never see) and must find more persistently absent pupils than the rule does; it is
marked on submission, as a list judged by the truth could otherwise be tuned by trying. Question 2 builds on
the learner's own labels, so one slip costs once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.attendance import PERSISTENT_THRESHOLD, persistently_absent
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

#: The team can visit one pupil in ten.
CAPACITY = 0.10
#: The council's current rule: visit the pupils with the lowest attendance last year.
RULE_COLUMN = "prior_attendance_pct"

# ------------------------------------------------------------ reference answers


def labels(attendance: pd.DataFrame) -> pd.Series:
    return persistently_absent(attendance)


def capacity(n: int) -> int:
    return round(CAPACITY * n)


def rule_options(prior: pd.Series, absent: pd.Series) -> list[float]:
    """Every share of the rule's pupils who were persistently absent, however ties on the cut are broken (the
    ``k`` lowest), or with everyone at the cut, or everyone below it."""
    k = capacity(len(prior))
    cut = prior.nsmallest(k).max()
    below, tied = prior < cut, prior == cut
    hits_below, absent_tied, n_tied = int((below & absent).sum()), int((tied & absent).sum()), int(tied.sum())
    need = k - int(below.sum())
    fewest, most = hits_below + max(0, need - (n_tied - absent_tied)), hits_below + min(need, absent_tied)
    options = [h / k for h in range(fewest, most + 1)]
    options.append((hits_below + absent_tied) / (int(below.sum()) + n_tied))
    if below.any():
        options.append(hits_below / int(below.sum()))
    return options


def rule_share(pupils: pd.DataFrame, absent: pd.Series) -> float:
    prior = pupils.set_index("pupil_id")[RULE_COLUMN]
    chosen = prior.nsmallest(capacity(len(prior))).index
    return float(absent.reindex(chosen).mean())


# ------------------------------------------------------------------ reading answers


def _as_labels(answer: Any, pupils: pd.DataFrame) -> tuple[pd.Series | None, list[str]]:
    """The learner's True/False per pupil_id, in the order of ``pupils``, or None and the problem in words."""
    if isinstance(answer, pd.DataFrame):
        table = answer.reset_index() if "pupil_id" not in answer.columns and answer.index.name == "pupil_id" else answer
        if "pupil_id" not in table.columns or "persistently_absent" not in table.columns:
            return None, ["Your table needs each pupil's pupil_id and a column named persistently_absent "
                          "(True or False)."]
        if table["pupil_id"].duplicated().any():
            return None, ["Some pupils appear more than once in your table: give one row per pupil (add up the "
                          "terms first, then divide)."]
        got = table.set_index("pupil_id")["persistently_absent"]
    elif isinstance(answer, pd.Series):
        got = answer
        if got.index.has_duplicates:
            return None, ["Some pupils appear more than once in your answer: one value per pupil."]
    else:
        return None, [f"I expected the pupils table with a persistently_absent column (or a True/False Series "
                      f"labelled by pupil_id); you gave {compare.describe(answer)}."]
    ids = pupils["pupil_id"]
    if len(got) != len(ids):
        return None, [f"Your answer has {len(got):,} rows; there are {len(ids):,} pupils. One row per pupil."]
    got = got.set_axis(got.index.astype(str)).reindex(ids)
    if got.isna().any():
        return None, ["Some pupils have no persistently_absent value: is every pupil_id of pupils in your answer?"]
    if not set(pd.unique(got)) <= {True, False}:
        return None, ["persistently_absent should be True or False for each pupil (a rate compared with 0.9), "
                      "not the rate itself."]
    return got.astype(bool).set_axis(ids.to_numpy()), []


def _rate(att: pd.DataFrame) -> pd.Series:
    year = att.groupby("pupil_id")[["attended_sessions", "possible_sessions"]].sum()
    return year["attended_sessions"] / year["possible_sessions"]


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    pupils, att = ctx.table("pupils"), ctx.table("attendance")
    got, problems = _as_labels(answer, pupils)
    if problems:
        return problems
    want = labels(att).reindex(got.index)
    off = got.to_numpy() != want.to_numpy()
    if not off.any():
        return []
    mine = got.to_numpy()
    rate = _rate(att).reindex(got.index)
    autumn = att[att["term"] == "Autumn"].set_index("pupil_id")
    autumn_rate = (autumn["attended_sessions"] / autumn["possible_sessions"]).reindex(got.index)
    mean_of_terms = (att["attended_sessions"] / att["possible_sessions"]).groupby(att["pupil_id"]).mean()
    unauthorised = att.groupby("pupil_id")[["unauthorised_absences", "possible_sessions"]].sum()
    unauth_rate = (unauthorised["unauthorised_absences"] / unauthorised["possible_sessions"]).reindex(got.index)
    named = [
        ((rate > PERSISTENT_THRESHOLD).to_numpy(), "Those are the pupils who attended MORE than 90%: persistently "
         "absent is the other way, attending 90% or less."),
        ((autumn_rate <= PERSISTENT_THRESHOLD).to_numpy(), "That is the autumn term alone: persistent absence is "
         "over the whole year, all three terms added up."),
        ((unauth_rate >= 1 - PERSISTENT_THRESHOLD).to_numpy(), "You counted unauthorised absences only: the DfE "
         "counts every missed session, authorised (illness, appointments) or not."),
        ((mean_of_terms.reindex(got.index) <= PERSISTENT_THRESHOLD).to_numpy(), "You averaged the three terms' "
         "rates, but terms have different numbers of sessions: add up attended and possible sessions over the "
         "year, then divide."),
    ]
    for values, message in named:
        if (values == mine).all():
            return [message]
    on_the_line = (rate == PERSISTENT_THRESHOLD).to_numpy()
    if (off <= on_the_line).all() and not mine[off].any():
        return [f"{int(off.sum()):,} pupils who attended exactly 90% of their sessions are labelled not "
                "persistently absent. Missing 10% or more counts, so use <= 0.9, not < 0.9."]
    first = got.index[np.flatnonzero(off)[0]]
    return [f"{int(off.sum()):,} pupils are labelled differently (e.g. {first}). Persistently absent means "
            "attending 90% or less of the year's possible sessions, added up over the three terms."]


def _their_labels(ctx: Context) -> pd.Series | None:
    try:
        got, problems = _as_labels(ctx.earlier("q1"), ctx.table("pupils"))
        return None if problems else got
    except Exception:
        return None


def _check_q2(answer, ctx: Context) -> list[str]:
    value = compare.as_number(answer)
    if value is None:
        return compare.number(answer, 0.0, what="the share of the rule's pupils who were persistently absent")
    pupils, att = ctx.table("pupils"), ctx.table("attendance")
    prior = pupils.set_index("pupil_id")[RULE_COLUMN]
    bases = []
    theirs = _their_labels(ctx)
    if theirs is not None:
        bases.append(theirs.reindex(prior.index))
    reference = labels(att).reindex(prior.index)
    bases.append(reference)
    for absent in bases:
        if any(abs(value - o) < 1e-6 for o in rule_options(prior, absent)):
            return []
    absent = bases[0]
    k = capacity(len(prior))
    chosen_low = prior.nsmallest(k).index
    chosen_high = prior.nlargest(k).index
    named = [
        (float(absent.reindex(chosen_low).sum()), f"That is how many of the rule's {k} pupils were persistently "
         f"absent; give it as a share of the {k} (between 0 and 1)."),
        (float(absent.reindex(chosen_high).mean()), "Those are the pupils with the HIGHEST attendance last year; "
         "the rule visits the lowest (.nsmallest)."),
        (float(absent.mean()), "That is the share of ALL pupils who were persistently absent: take only the rule's "
         f"{k} pupils, the tenth with the lowest prior_attendance_pct."),
        (float(absent.reindex(chosen_low).sum() / absent.sum()), "That is the share of the persistently absent "
         f"pupils whom the rule finds; the question asks the share of the rule's {k} pupils who were absent."),
    ]
    for wrong, message in named:
        if abs(value - wrong) < 1e-6:
            return [message]
    if any(abs(value / 100 - o) < 1e-6 for o in rule_options(prior, absent)):
        return ["That is a percentage: give the share (between 0 and 1)."]
    return compare.number(value, rule_options(prior, absent)[0],
                          what=f"the share of the rule's {k} pupils who were persistently absent", rel=1e-6)


def _chosen(answer: Any, ctx: Context) -> tuple[list[str] | None, list[str]]:
    """The pupil_ids a learner chose to visit, or None and the problem in words."""
    unseen = ctx.table("unseen_pupils")
    k = capacity(len(unseen))
    return compare.chosen(answer, unseen["pupil_id"], k, pool_name="unseen_pupils", noun="pupils",
                          what="pupils you would visit",
                          capacity=f"the team can visit {k} of the {len(unseen):,} unseen pupils (one in ten)",
                          elsewhere=(set(ctx.table("pupils")["pupil_id"]),
                                     "a pupil from pupils, whose year you already know"),
                          enough=", the highest risks")


def _form_q3(answer, ctx: Context) -> list[str]:
    return _chosen(answer, ctx)[1]


def _check_q3(answer, ctx: Context) -> list[str]:
    ids, problems = _chosen(answer, ctx)
    if problems:
        return problems
    unseen = ctx.table("unseen_pupils")
    outcome = ctx.data.truth["unseen_pupils"].set_index("pupil_id")["persistently_absent"]
    k = capacity(len(unseen))
    rule = unseen.set_index("pupil_id")[RULE_COLUMN].nsmallest(k).index
    found, rule_found = int(outcome.loc[ids].sum()), int(outcome.loc[rule].sum())
    if found > rule_found:
        return []
    if set(ids) == set(rule):
        return [f"That is the current rule's own list (the {k} lowest prior_attendance_pct): the challenge is to "
                "beat it with a model."]
    return [f"Your {k} pupils included {found} who went on to be persistently absent; the current rule's {k} "
            f"included {rule_found}. Check on a test split first that your model's top tenth finds more than the "
            "rule's (the worked example shows how), and take the HIGHEST risks."]


MODULE = ModuleSpec(
    id="c11",
    title="Who will be persistently absent?",
    dataset="attendance",
    rows=1_500,
    tables_for_learner=("pupils", "attendance", "unseen_pupils"),
    exercises=(
        ExerciseSpec(
            "q1", "Who was persistently absent this year?", _check_q1,
            hints=("Add up each pupil's attended and possible sessions over the three terms, then divide: the "
                   "worked example did one term; this is the whole year.",
                   "Persistently absent: attending 90% or less, so the rate is <= 0.9. Put the True/False beside "
                   "each pupil with .merge(..., left_on='pupil_id', right_index=True).",
                   "year = attendance.groupby(___)[[___, ___]].sum()\n"
                   "absent = (year[___] / year[___] <= ___).rename('persistently_absent')\n"
                   "answer_q1 = pupils.merge(absent, left_on=___, right_index=True)"),
            praise="The DfE's definition, added up over the year: the outcome the service cares about.",
        ),
        ExerciseSpec(
            "q2", "How good is the current rule?", _check_q2,
            hints=("The rule visits the tenth of pupils with the lowest prior_attendance_pct. Of those pupils, what "
                   "share were persistently absent this year (your question 1)?",
                   "round(0.1 * len(answer_q1)) pupils; .nsmallest(k, 'prior_attendance_pct') keeps them, as the "
                   "worked example's .nlargest kept the most incidents. The mean of a True/False column is a share.",
                   "k = round(0.1 * len(___))\n"
                   "answer_q2 = answer_q1.nsmallest(k, ___)[___].mean()"),
            praise="Now you know what a model has to beat: a rule the team already understands.",
            builds_on=("q1",),
        ),
        ExerciseSpec(
            "q3", "Beat the rule on pupils nobody has seen", _check_q3,
            hints=("Any model is allowed. Do as the worked example did, for the whole year's label: check on a test "
                   "split that your model's top tenth finds more absent pupils than the rule's.",
                   "Then train on every labelled pupil (answer_q1), score unseen_pupils with the same columns using "
                   "predict_proba(...)[:, 1], and keep the highest risks: one in ten of the unseen pupils.",
                   "model = ___.fit(answer_q1[features], answer_q1['persistently_absent'])\n"
                   "risk = pd.Series(model.predict_proba(unseen_pupils[___])[:, 1], index=unseen_pupils['pupil_id'])\n"
                   "answer_q3 = list(risk.nlargest(round(0.1 * len(___))).index)"),
            praise="On pupils nobody trained on, your list finds more of the pupils in need than the current rule.",
            form=_form_q3,
        ),
    ),
)
