"""Challenge c08 (level 3), school attendance: persistent absence and free school meals.

A pupil is persistently absent when they miss 10% or more of their possible sessions over the year (the
DfE's definition), so attend 90% or less of them, with the year's sessions added up over the three terms
(terms differ in length). Learners label every pupil (q1), give the persistent absence rate for pupils
eligible for free school meals and for the others, as percentages to one decimal place (q2), and the gap
between them in percentage points (q3). q2 is judged on the learner's own labels and q3 on their own rates
when those were wrong, so one slip costs once. Everything is computed here from the learner's own tables.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.attendance import PERSISTENT_THRESHOLD, persistently_absent
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

YES = {"true", "yes", "y", "fsm", "eligible", "1", "1.0", "on fsm", "fsm eligible"}
NO = {"false", "no", "n", "not fsm", "non-fsm", "non fsm", "not eligible", "0", "0.0", "not on fsm", "no fsm"}

# ------------------------------------------------------------ reference answers


def labels(attendance: pd.DataFrame) -> pd.Series:
    return persistently_absent(attendance)


def rates_by_fsm(pupils: pd.DataFrame, absent: pd.Series) -> pd.Series:
    """Percent of pupils persistently absent, for pupils not eligible for free school meals (False) and eligible
    (True), unrounded."""
    flags = pupils.set_index("pupil_id")["free_school_meals"]
    absent = absent.reindex(flags.index).astype(float)
    return (absent.groupby(flags).mean() * 100).rename(index=bool)


def gap(rates: pd.Series) -> float:
    return float(rates[True] - rates[False])


# ------------------------------------------------------------------------ helpers


def _earlier(ctx: Context, name: str) -> Any:
    try:
        return ctx.earlier(name)
    except Exception:
        return None


def _as_labels(answer: Any) -> pd.Series | None:
    """A learner's labels as a True/False Series by pupil_id, or None when they cannot be read as that."""
    if isinstance(answer, pd.DataFrame):
        if "persistently_absent" not in answer.columns:
            return None
        if "pupil_id" in answer.columns:
            answer = answer.set_index("pupil_id")["persistently_absent"]
        elif answer.index.name == "pupil_id":
            answer = answer["persistently_absent"]
        else:
            return None
    if not isinstance(answer, pd.Series) or answer.index.has_duplicates:
        return None
    if pd.api.types.is_bool_dtype(answer):
        return answer
    values = set(pd.unique(answer.dropna()))
    if values <= {0, 1}:
        return answer.astype(bool)
    return None


def _fsm(label: Any) -> bool | None:
    if isinstance(label, (bool, np.bool_)):
        return bool(label)
    text = str(label).strip().lower()
    return True if text in YES else False if text in NO else None


def _as_rates(answer: Any) -> tuple[pd.Series | None, list[str]]:
    """A learner's two rates as a float Series indexed False/True, or the problem of shape."""
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if isinstance(answer, pd.DataFrame):
        numeric = answer.select_dtypes("number")
        if numeric.shape[1] != 1:
            return None, ["I expected one column of rates, one for pupils eligible for free school meals and one "
                          f"for the others; you gave {compare.describe(answer)}."]
        answer = numeric.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return None, ["I expected a Series with two rates, labelled by free_school_meals (True and False); you gave "
                      f"{compare.describe(answer)}."]
    keys = [_fsm(i) for i in answer.index]
    if len(answer) != 2 or None in keys or len(set(keys)) != 2:
        return None, [f"I expected two rates labelled by free_school_meals (True for eligible pupils, False for the "
                      f"others); your labels are {list(answer.index[:4])}."]
    if not pd.api.types.is_numeric_dtype(answer):
        return None, ["Your rates should be numbers."]
    return pd.Series(answer.to_numpy(dtype=float), index=pd.Index(keys, dtype=bool)), []


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    att = ctx.table("attendance")
    want = labels(att)
    if isinstance(answer, (pd.Series, pd.DataFrame)) and len(answer) == len(att) != len(want):
        return [f"Your answer has {len(answer):,} rows, one per pupil per term: add up each pupil's sessions over "
                "the year first (group by pupil_id), then label each pupil once."]
    got = _as_labels(answer)
    if got is None:
        if isinstance(answer, pd.Series) and pd.api.types.is_float_dtype(answer):
            return ["These look like attendance rates: turn them into True/False, True for a pupil who attended "
                    "90% or less of their sessions."]
        return ["I expected True or False for each pupil, labelled by pupil_id (a Series, or a table with the "
                f"columns pupil_id and persistently_absent); you gave {compare.describe(answer)}."]
    if len(got) != len(want) or not set(got.index) == set(want.index):
        return [f"Your answer has {len(got):,} pupils, labelled {list(got.index[:2])}...; there are "
                f"{len(want):,} pupils, each labelled by their pupil_id."]
    got = got.reindex(want.index)
    if (got == want).all():
        return []
    totals = att.groupby("pupil_id")[["attended_sessions", "possible_sessions", "unauthorised_absences"]].sum()
    rate = totals["attended_sessions"] / totals["possible_sessions"]
    term_rate = (att["attended_sessions"] / att["possible_sessions"]).groupby(att["pupil_id"]).mean()
    if got.all():
        return ["Every pupil is labelled persistently absent: the attendance rate is a share from 0 to 1, so compare "
                "it with 0.9, not 90 (or multiply by 100 first)."]
    if (got == (rate < PERSISTENT_THRESHOLD)).all():
        line = int(((rate == PERSISTENT_THRESHOLD)).sum())
        return [f"{line:,} pupils who attended exactly 90% of their sessions are not labelled persistently absent. "
                "The DfE counts missing 10% or more, so attending 90% or less: use <= 0.9, not < 0.9."]
    if (got == (term_rate.reindex(want.index) <= PERSISTENT_THRESHOLD)).all():
        return ["You averaged the three terms' rates, but the terms have different numbers of sessions: add up each "
                "pupil's attended and possible sessions over the year, then divide."]
    if (got == (totals["unauthorised_absences"] / totals["possible_sessions"] >= 0.1)).all():
        return ["That counts only unauthorised absences: persistent absence counts every session missed, "
                "authorised or not. Use attended_sessions and possible_sessions."]
    if (got == (rate >= PERSISTENT_THRESHOLD)).all() or (got == ~want).all():
        return ["Your labels are the wrong way round: True should mark the pupils who attended 90% or LESS."]
    off = got != want
    return [f"{int(off.sum()):,} of your {len(got):,} labels differ from the DfE's definition, e.g. pupil "
            f"{off[off].index[0]}: attended {rate[off[off].index[0]]:.1%} of their sessions."]


def _rates_problems(got: pd.Series, exact: pd.Series, what: str) -> list[str]:
    """Percentages to one decimal place, compared with the exact rates."""
    values = got.reindex([False, True]).to_numpy(dtype=float)
    want = exact.reindex([False, True]).to_numpy(dtype=float)
    if np.allclose(values * 100, want, atol=0.051):
        return [f"Your {what} are shares (like 0.25), not percentages: multiply by 100, then round to one decimal."]
    if not np.allclose(values, want, atol=0.051):
        if np.allclose(values, np.round(want), atol=1e-9):
            return [f"Your {what} are rounded to whole numbers: a committee reads one decimal place (like 23.4%); "
                    "use .round(1)."]
        label = "eligible" if not np.isclose(values[1], want[1], atol=0.051) else "not eligible"
        i = 1 if label == "eligible" else 0
        return [f"Your rate for pupils {label} for free school meals is {values[i]:,.4g}; expected about "
                f"{want[i]:.1f}."]
    if not np.allclose(values * 10, np.round(values * 10), atol=1e-6):
        return [f"Your {what} are right, with more decimals than anyone can read (e.g. {values[1]:.6g}): round to one "
                "decimal place with .round(1)."]
    return []


def _check_q2(answer, ctx: Context) -> list[str]:
    att, pupils = ctx.table("attendance"), ctx.table("pupils")
    got, problems = _as_rates(answer)
    if problems:
        return problems
    want = labels(att)
    exact = rates_by_fsm(pupils, want)
    problems = _rates_problems(got, exact, "rates")
    if not problems:
        return []
    theirs = _as_labels(_earlier(ctx, "q1"))
    if theirs is not None and set(theirs.index) == set(want.index) and not (theirs.reindex(want.index) == want).all():
        # Their question 1 was wrong: their rates are judged on their own labels, so one slip costs once.
        want = theirs.reindex(want.index).astype(bool)
        problems = _rates_problems(got, rates_by_fsm(pupils, want), "rates")
        if not problems:
            return []
    flags = pupils.set_index("pupil_id")["free_school_meals"].reindex(want.index)
    of_absent = flags[want].value_counts(normalize=True) * 100
    values = got.reindex([False, True]).to_numpy(dtype=float)
    if np.allclose(values, of_absent.reindex([False, True]).to_numpy(dtype=float), atol=0.051):
        return ["These are the shares of the persistently absent pupils who are, or are not, eligible for free school "
                "meals (they add up to 100). The question asks the other way: of the pupils eligible, what percent "
                "are persistently absent, and of the others?"]
    counts = want.groupby(flags).sum().reindex([False, True]).to_numpy(dtype=float)
    if np.allclose(values, counts):
        return ["These are numbers of pupils, not rates: divide by the number of pupils in each group "
                "(.mean() of True/False does both), then multiply by 100."]
    return problems


def _check_q3(answer, ctx: Context) -> list[str]:
    att, pupils = ctx.table("attendance"), ctx.table("pupils")
    exact = rates_by_fsm(pupils, labels(att))
    value = compare.as_number(answer)
    if value is None:
        if isinstance(answer, (pd.Series, pd.DataFrame)) and answer.size == 1:
            return ["I expected a single number: take it out of your Series, e.g. with .iloc[0], or subtract the two "
                    "rates by their labels."]
        return [f"I expected one number, the gap in percentage points; you gave {compare.describe(answer)}."]
    bases = [exact]
    theirs, _ = _as_rates(_earlier(ctx, "q2"))
    if theirs is not None and theirs.notna().all():
        bases.append(theirs)
    for rates in bases:
        if abs(value - gap(rates)) <= 0.11:
            return []
    high, low = exact[True], exact[False]
    for rates in bases:
        high, low = rates[True], rates[False]
        if abs(value + gap(rates)) <= 0.11:
            return ["Your gap is the wrong way round (negative): take the other pupils' rate away from the rate of "
                    "pupils eligible for free school meals, which is higher."]
        if low and np.isclose(value, high / low, rtol=0.02):
            return [f"That is how many times as likely ({value:.2f} times): the question asks for the gap in "
                    "percentage points, one rate minus the other."]
        if low and np.isclose(value, (high - low) / low * 100, rtol=0.02):
            return ["That is how much higher in percent of the lower rate (a relative difference): the question asks "
                    "for the gap in percentage points, one rate minus the other."]
        if np.isclose(value, (high - low) / 100, atol=0.002):
            return ["That gap is a difference of shares: in percentage points, subtract the percentages (or multiply "
                    "by 100)."]
    direction = "too high" if value > gap(exact) else "too low"
    return [f"Your gap, {value:,.4g} percentage points, is {direction}: subtract the "
            "other pupils' persistent absence rate from the rate for pupils eligible for free school meals."]


MODULE = ModuleSpec(
    id="c08",
    title="Persistent absence and free school meals",
    dataset="attendance",
    rows=2000,
    tables_for_learner=("pupils", "attendance"),
    exercises=(
        ExerciseSpec(
            "q1", "Who is persistently absent?", _check_q1,
            hints=("Add up each pupil's attended and possible sessions over the three terms, divide, and label the "
                   "pupils who attended 90% or less.",
                   "As the worked example does for unauthorised absence: .groupby('pupil_id')[[...]].sum(), one "
                   "column divided by the other, then a comparison with 0.9. Missing 10% or more means attending "
                   "90% or less: mind which of < and <= that is.",
                   "year = attendance.groupby(___)[[___, ___]].sum()\n"
                   "answer_q1 = year[___] / year[___] ___ 0.9"),
            praise="Persistent absence exactly as the DfE counts it, sessions added up over the year.",
        ),
        ExerciseSpec(
            "q2", "Persistent absence rate by free school meals", _check_q2,
            hints=("Join your labels to the pupils' free_school_meals, then take the share of True in each group, as "
                   "a percentage to one decimal place.",
                   "The second example: .map(...) or .merge(...) to bring the labels and pupils together, "
                   ".groupby('free_school_meals')[...].mean() for the share of True, * 100, .round(1).",
                   "pupils['persistently_absent'] = pupils['pupil_id'].map(___)\n"
                   "answer_q2 = (pupils.groupby(___)[___].mean() * ___).round(___)"),
            praise="Rates a headteacher can read, one decimal place, for both groups.",
            builds_on=("q1",),
        ),
        ExerciseSpec(
            "q3", "The gap in percentage points", _check_q3,
            hints=("Take the rate of the other pupils away from the rate of pupils eligible for free school meals.",
                   "Your answer_q2 is labelled True and False: answer_q2[True] is the rate for eligible pupils. "
                   "Subtract, do not divide.",
                   "answer_q3 = answer_q2[___] - answer_q2[___]"),
            praise="A gap in percentage points: the way the DfE and Ofsted compare groups.",
            builds_on=("q2",),
        ),
    ),
)
