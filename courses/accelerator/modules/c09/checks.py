"""Challenge c09, did the programme help more families? (level 3): the grader's side.

Among families on the Supporting Families programme and families not on it, the share whose children's
school attendance improved (``after`` above ``before``); the difference between the two shares with a 95%
interval by the normal approximation (each group's standard error sqrt(p(1 - p) / n), combined as
sqrt(se1² + se2²), 1.96 of them each side); and a verdict on the business case's promise of at least 25
percentage points more: met, not met or cannot tell, marked on submission (three words could be tried in
turn). Every number comes from the learner's own data; questions 2 and 3 build on the learner's own earlier
answers, so a right method on a wrong earlier result passes.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

OUTCOME = "school_attendance_pct"
Z95 = 1.959964
#: The business case: the share of families improving at least this much higher on the programme than off it.
TARGET = 0.25
VERDICT_WORDS = {"met": "met", "target met": "met", "not met": "not met", "target not met": "not met",
                 "cannot tell": "cannot tell", "can't tell": "cannot tell", "cant tell": "cannot tell",
                 "can not tell": "cannot tell", "unclear": "cannot tell"}

# ------------------------------------------------------------ reference answers


def attendance_rows(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.DataFrame:
    rows = outcomes[outcomes["outcome"] == OUTCOME]
    return rows.merge(families[["family_id", "joined"]], on="family_id", how="left")


def improved_share(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.Series:
    rows = attendance_rows(outcomes, families)
    return (rows["after"] > rows["before"]).groupby(rows["joined"]).mean().rename("improved")


def group_sizes(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.Series:
    return attendance_rows(outcomes, families).groupby("joined").size()


def interval(shares: pd.Series, sizes: pd.Series, z: float = Z95) -> dict[str, float]:
    p1, p0 = float(shares[True]), float(shares[False])
    se = math.sqrt(p1 * (1 - p1) / sizes[True] + p0 * (1 - p0) / sizes[False])
    diff = p1 - p0
    return {"difference": diff, "low": diff - z * se, "high": diff + z * se}


def verdict(low: float, high: float, target: float = TARGET) -> str:
    if low >= target:
        return "met"
    if high < target:
        return "not met"
    return "cannot tell"


def _tables(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    return ctx.table("outcomes"), ctx.table("families")


# ------------------------------------------------------------------ reading answers


def _joined_label(x: Any) -> bool | None:
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    text = str(x).strip().lower()
    if text in ("true", "1", "joined", "yes", "on the programme"):
        return True
    if text in ("false", "0", "not joined", "no", "not on the programme", "others"):
        return False
    return None


def _shares(answer: Any) -> tuple[pd.Series | None, list[str]]:
    """The learner's two shares labelled True (joined) and False, or None and the problem in words."""
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if isinstance(answer, pd.DataFrame):
        numeric = answer.select_dtypes("number")
        if numeric.shape[1] != 1:
            return None, [f"I expected one share per group (a Series labelled True and False); you gave "
                          f"{compare.describe(answer)}. Select the one column of shares."]
        answer = numeric.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return None, [f"I expected a Series with two shares, labelled True (joined) and False; you gave "
                      f"{compare.describe(answer)}."]
    labels = [_joined_label(x) for x in answer.index]
    if len(answer) != 2 or None in labels or len(set(labels)) != 2:
        return None, [f"I expected two shares labelled True (joined) and False (not joined), as "
                      f"groupby('joined') gives; yours are labelled {list(answer.index)[:4]}."]
    values = pd.to_numeric(answer, errors="coerce")
    if values.isna().any():
        return None, ["Your shares should be numbers."]
    return pd.Series(values.to_numpy(dtype=float), index=pd.Index(labels, dtype=bool)), []


def _interval_of(answer: Any) -> tuple[dict[str, float] | None, list[str]]:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return None, ["I expected a dict with three numbers: {'difference': ..., 'low': ..., 'high': ...}; "
                      f"you gave {compare.describe(answer)}."]
    missing = [k for k in ("difference", "low", "high") if k not in answer]
    if missing:
        return None, [f"Your dict has no {', '.join(repr(k) for k in missing)}: give 'difference', 'low' and "
                      "'high'."]
    got = {k: compare.as_number(answer[k]) for k in ("difference", "low", "high")}
    if any(v is None or math.isnan(v) for v in got.values()):
        return None, ["'difference', 'low' and 'high' should each be a single number."]
    return got, []


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    want = improved_share(outcomes, families)
    got, problems = _shares(answer)
    if problems:
        return problems
    rows = attendance_rows(outcomes, families)
    up = rows["after"] > rows["before"]

    def same(a: pd.Series, b: pd.Series) -> bool:
        return bool(np.allclose(a.reindex([True, False]).to_numpy(dtype=float),
                                b.reindex([True, False]).to_numpy(dtype=float), rtol=1e-4))

    every = outcomes.merge(families[["family_id", "joined"]], on="family_id")
    mistakes = [
        (up.groupby(rows["joined"]).sum(), "Those are numbers of families, not shares: divide by each group's "
         "families (the mean of a True/False column is its share of True)."),
        (up.groupby(rows["joined"]).sum() / len(rows), "You divided by every family: divide each group's count by "
         "that group's own number of families, so the two shares can be compared."),
        ((rows["after"] < rows["before"]).groupby(rows["joined"]).mean(), "Those are the shares whose attendance "
         "FELL: improved means after is higher than before."),
        ((every["after"] > every["before"]).groupby(every["joined"]).mean(), "That mixes all four outcomes: keep "
         f"only the rows whose outcome is '{OUTCOME}' first."),
        ((rows["after"] > rows["earlier"]).groupby(rows["joined"]).mean(), "You compared after with earlier "
         "(2021-22): the year before the programme is before (2022-23)."),
    ]
    if same(got, want):
        return []
    for values, message in mistakes:
        if same(got, values):
            return [message]
    return compare.series(got, want, what="the share improved", index_meaning="joined True and False",
                          label_word="joined =", rel=1e-4)


def _their_shares(ctx: Context) -> pd.Series | None:
    try:
        got, problems = _shares(ctx.earlier("q1"))
        if problems or got is None or not ((got > 0) & (got < 1)).all():
            return None
        return got
    except Exception:
        return None


def _intervals_to_judge(ctx: Context) -> list[dict[str, float]]:
    """The reference interval, and first the one built on the learner's own shares when those are wrong."""
    outcomes, families = _tables(ctx)
    sizes = group_sizes(outcomes, families)
    bases = [interval(improved_share(outcomes, families), sizes)]
    theirs = _their_shares(ctx)
    if theirs is not None:
        bases.insert(0, interval(theirs, sizes))
    return bases


def _close(got: dict[str, float], want: dict[str, float], rel: float = 2e-3) -> bool:
    return all(math.isclose(got[k], want[k], rel_tol=rel, abs_tol=2e-4) for k in want)


def _check_q2(answer, ctx: Context) -> list[str]:
    got, problems = _interval_of(answer)
    if problems:
        return problems
    outcomes, families = _tables(ctx)
    sizes = group_sizes(outcomes, families)
    bases = _intervals_to_judge(ctx)
    if any(_close(got, want) for want in bases):
        return []
    if any(_close({k: v / 100 for k, v in got.items()}, want) for want in bases):
        return ["Those are percentage points; give the difference and its ends as shares (0.12, not 12), as "
                "answer_q1 is."]
    want = bases[0]
    diff, half = want["difference"], want["high"] - want["difference"]
    se = half / Z95
    named = [
        ({"difference": -diff, "low": -diff - half, "high": -diff + half},
         "Your difference is the wrong way round: joined families' share minus the others' share."),
        ({"difference": diff, "low": diff - 1.645 * se, "high": diff + 1.645 * se},
         "That is a 90% interval (1.645): a 95% interval goes 1.96 standard errors each side."),
        ({"difference": diff, "low": diff - se, "high": diff + se},
         "That is one standard error each side: a 95% interval goes 1.96 standard errors each side."),
        ({"difference": diff, "low": diff - Z95 * se ** 2, "high": diff + Z95 * se ** 2},
         "Your interval is far too narrow: the standard error is the SQUARE ROOT of p(1 - p)/n added over the two "
         "groups."),
    ]
    p = improved_share(outcomes, families)
    se_sum = math.sqrt(p[True] * (1 - p[True]) / sizes[True]) + math.sqrt(p[False] * (1 - p[False]) / sizes[False])
    named.append(({"difference": diff, "low": diff - Z95 * se_sum, "high": diff + Z95 * se_sum},
                  "You added the two standard errors: combine them as sqrt(se1² + se2²), the square root of the sum "
                  "of their squares."))
    for values, message in named:
        if _close(got, values):
            return [message]
    problems = compare.number(got["difference"], diff, what="the difference", rel=2e-3, abs_tol=2e-4)
    if problems:
        return problems
    if got["low"] > got["high"]:
        return ["Your low end is above your high end: low is the difference minus 1.96 standard errors."]
    return (compare.number(got["low"], want["low"], what="the low end of the interval", rel=2e-3, abs_tol=2e-4)
            + compare.number(got["high"], want["high"], what="the high end of the interval", rel=2e-3, abs_tol=2e-4))


def _as_verdict(answer: Any) -> tuple[str | None, list[str]]:
    if isinstance(answer, (bool, np.bool_)):
        return None, ["Give one of the words 'met', 'not met' or 'cannot tell', not True/False: True/False has no "
                      "way to say the interval cannot tell."]
    if answer is None:
        return None, ["answer_q3 holds nothing (None): put the word in it, answer_q3 = '...'; print(...) only "
                      "shows a word on the screen."]
    if not isinstance(answer, str):
        return None, [f"Give one of the words 'met', 'not met' or 'cannot tell'; you gave {compare.describe(answer)}."]
    word = VERDICT_WORDS.get(" ".join(answer.strip().lower().replace("’", "'").split()))
    if word is None:
        return None, [f"{answer!r} is not one of the verdicts: use 'met', 'not met' or 'cannot tell'."]
    return word, []


def _form_q3(answer, ctx: Context) -> list[str]:
    return _as_verdict(answer)[1]


def _check_q3(answer, ctx: Context) -> list[str]:
    got, problems = _as_verdict(answer)
    if problems:
        return problems
    bases = []
    theirs, _ = _interval_of(ctx.earlier("q2")) if ctx.earlier("q2") is not None else (None, [])
    if theirs is not None and theirs["low"] <= theirs["high"]:
        scale = 100 if max(abs(theirs["low"]), abs(theirs["high"])) > 1.5 else 1
        bases.append((theirs["low"] / scale, theirs["high"] / scale, theirs["difference"] / scale))
    ref = _intervals_to_judge(ctx)[-1]
    bases.append((ref["low"], ref["high"], ref["difference"]))
    for low, high, _ in bases:
        allowed = {verdict(low, high)}
        for end in (low, high):  # the target right on an end: either verdict either side of it
            if math.isclose(end, TARGET, abs_tol=1e-3):
                allowed |= {verdict(low - 2e-3, high - 2e-3), verdict(low + 2e-3, high + 2e-3)}
        if got in allowed:
            return []
    low, high, diff = bases[0]
    want = verdict(low, high)
    if got == verdict(diff, diff):
        return [f"That verdict follows the difference alone ({diff:.3f}). Judge the target ({TARGET}) against the "
                "whole 95% interval: 'met' only when all of it is at or above the target, 'not met' when all of it "
                "is below, 'cannot tell' when the target falls inside it."]
    if want == "cannot tell":
        return [f"The target ({TARGET}) falls inside your interval ({low:.3f} to {high:.3f}): the data cannot "
                "rule out either side of it."]
    return [f"Your interval runs from {low:.3f} to {high:.3f}: compare both ends with the target ({TARGET})."]


MODULE = ModuleSpec(
    id="c09",
    title="Did the programme help more families?",
    dataset="programme",
    rows=1_500,
    tables_for_learner=("families", "outcomes"),
    exercises=(
        ExerciseSpec(
            "q1", "The share of families whose attendance improved, per group", _check_q1,
            hints=("Keep the school-attendance rows of outcomes, put joined beside each (a merge on family_id), "
                   "then ask of every row whether after is higher than before.",
                   "As in the worked example: the mean of a True/False column per group is the share of True in "
                   "each group, so group the condition by joined and take .mean().",
                   "rows = outcomes[outcomes['outcome'] == ___].merge(families[['family_id', 'joined']], on=___)\n"
                   "answer_q1 = (rows[___] > rows[___]).groupby(rows[___]).mean()"),
            praise="A share per group is the plain-English measure a board understands: 'x in every 100 families'.",
        ),
        ExerciseSpec(
            "q2", "The difference with its 95% interval", _check_q2,
            hints=("The difference is the joined share minus the others' share. Its 95% interval is the difference "
                   "plus or minus 1.96 standard errors, as in the worked example.",
                   "Each group's standard error is sqrt(p * (1 - p) / n), with n that group's number of families; "
                   "the difference's is sqrt(se_joined**2 + se_others**2).",
                   "p1, p0 = answer_q1[True], answer_q1[False]\n"
                   "n1, n0 = ___, ___\n"
                   "se = (p1 * (1 - p1) / n1 + ___) ** 0.5\n"
                   "answer_q2 = {'difference': p1 - p0, 'low': ___, 'high': ___}"),
            praise="The interval says how sure you can be: the difference could be anywhere in it.",
            builds_on=("q1",),
        ),
        ExerciseSpec(
            "q3", "Met, not met or cannot tell?", _check_q3,
            hints=(f"The promise: at least {TARGET} (25 percentage points) more families improving on the "
                   "programme. Judge it on the whole interval of question 2, not its middle.",
                   "Met: the low end is at or above the target. Not met: the high end is below it. Otherwise the "
                   "target is inside the interval and the data cannot tell.",
                   "low, high = answer_q2['low'], answer_q2['high']\n"
                   "answer_q3 = 'met' if ___ else ('not met' if ___ else 'cannot tell')"),
            praise="'Cannot tell' is an honest answer: it says what more evidence would be needed.",
            builds_on=("q2",),
            form=_form_q3,
        ),
    ),
)
