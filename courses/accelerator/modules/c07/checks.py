"""Challenge c07 (level 2), sickness-benefit claimants: how long people have been claiming, and when claims began.

The claimant extract gives, for each claimant, the months since their claim started (``months_claiming``),
counted to the month the extract was taken, March 2025. A few claims have run for many years, so a typical
claim length is a median, not a mean (q1). Counting back from the extract month gives each claim's start
month; learners count the claims that started in each quarter of the last two years, keeping the year with
the quarter (q2). Both answers are computed here from the learner's own claimants.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

EXTRACT = pd.Period("2025-03", freq="M")
FIRST, LAST = pd.Period("2023-04", freq="M"), pd.Period("2025-03", freq="M")
SEXES = ("Female", "Male")

# ------------------------------------------------------------ reference answers


def median_months_by_sex(claimants: pd.DataFrame) -> pd.Series:
    return claimants.groupby("sex", observed=True)["months_claiming"].median().astype(float)


def start_month(claimants: pd.DataFrame, extract: pd.Period = EXTRACT) -> pd.Series:
    return (extract - claimants["months_claiming"]).astype("period[M]")


def starts_per_quarter(claimants: pd.DataFrame, extract: pd.Period = EXTRACT,
                       first: pd.Period = FIRST, last: pd.Period = LAST) -> pd.Series:
    start = start_month(claimants, extract)
    recent = start[(start >= first) & (start <= last)]
    quarters = pd.period_range(first.asfreq("Q"), last.asfreq("Q"), freq="Q")
    return recent.dt.asfreq("Q").value_counts().reindex(quarters, fill_value=0).astype(float)


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    c = ctx.table("claimants")
    by_sex = c.groupby("sex", observed=True)["months_claiming"]

    def same(a, want: pd.Series) -> bool:
        return bool(np.allclose(a.reindex(want.index).to_numpy(dtype=float), want.to_numpy(dtype=float)))

    if compare.as_number(answer) is not None:
        value = float(answer)
        if np.isclose(value, c["months_claiming"].median()):
            return ["That is the median of every claimant together: give one typical value for women and one for "
                    "men, grouping by the sex column."]
        return [f"I expected one typical value for each sex (a Series labelled Female and Male); you gave the "
                f"number {value:,g}."]
    return compare.series(
        answer, median_months_by_sex(c), what="the typical months claiming", index_meaning="sexes (Female, Male)",
        rel=1e-9,
        mistakes=[(lambda a: same(a, by_sex.mean()), "These look like averages (means). A few claims have run for "
                   "years and pull the mean up; the median is the typical value those few cannot drag up."),
                  (lambda a: same(a, by_sex.size()), "These are the numbers of claimants of each sex: give the "
                   "typical months claiming instead (.median() of months_claiming)."),
                  (lambda a: same(a, c.groupby("sex", observed=True)["weekly_pay"].median()),
                   "These are medians of weekly pay: the question is about months_claiming.")],
    )


_QUARTER_TEXT = re.compile(r"^\s*(?:(\d{4})\s*[-/ ]?\s*q([1-4])|q([1-4])\s*[-/ ]?\s*(\d{4}))\s*$", re.IGNORECASE)


def _quarter(label: Any) -> pd.Period:
    """2024Q1, '2024 Q1', 'Q1 2024', a Period, a date in the quarter, a (year, quarter) pair -> Period('2024Q1')."""
    if isinstance(label, tuple) and len(label) == 2:
        year, q = (int(x) for x in label)
        if not (1 <= q <= 4 and 1900 < year < 2100):
            raise ValueError(f"{label!r} is not a (year, quarter)")
        return pd.Period(year=year, quarter=q, freq="Q")
    if isinstance(label, pd.Period):
        if label.freqstr.startswith("Q"):
            return label.asfreq("Q-DEC") if label.freqstr != "Q-DEC" else label
        if label.freqstr.startswith("M"):
            raise ValueError("a month, not a quarter")
        return label.asfreq("Q")
    if isinstance(label, pd.Timestamp):
        return label.to_period("Q")
    text = str(label)
    m = _QUARTER_TEXT.match(text)
    if m:
        year, q = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return pd.Period(year=int(year), quarter=int(q), freq="Q")
    raise ValueError(f"{label!r} is not a quarter of a year")


def _quarters(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return pd.Index([_quarter(tuple(x)) for x in index])
    if isinstance(index, pd.DatetimeIndex):
        return pd.Index(index.to_period("Q"))
    return pd.Index([_quarter(x) for x in index])


def _check_q2(answer, ctx: Context) -> list[str]:
    c = ctx.table("claimants")
    want = starts_per_quarter(c)
    if isinstance(answer, pd.DataFrame):
        numeric = answer.select_dtypes("number")
        if numeric.shape[1] == 1:
            answer = numeric.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return [f"I expected a Series: the number of claims that started in each quarter, labelled by quarter "
                f"(like 2024Q1); you gave {compare.describe(answer)}."]
    labels = [str(x).strip() for x in answer.index]
    if answer.index.nlevels == 1 and labels and all(x in {"1", "2", "3", "4"} for x in labels):
        return ["Your labels are quarter numbers (1 to 4) without the year, so April to June 2023 and April to "
                "June 2024 are counted together. Keep the year with the quarter: .dt.asfreq('Q') gives labels "
                "like 2024Q2."]
    if isinstance(answer.index, pd.PeriodIndex) and answer.index.freqstr.startswith("M"):
        return ["Your labels are months: count per quarter (three months together), e.g. with .dt.asfreq('Q')."]
    try:
        quarters = _quarters(answer.index)
    except Exception:
        return [f"The labels of your answer should be quarters with their year (like 2024Q1); yours look like "
                f"{list(answer.index[:3])}."]
    got = answer.set_axis(quarters)
    if got.index.duplicated().any():
        return ["Some of your labels fall in the same quarter: you counted per month or per day; count per quarter."]
    got = got[got != 0].astype(float)
    expected = want[want != 0]
    if len(got) > len(expected) and set(expected.index) <= set(got.index) and np.allclose(
            got.reindex(expected.index).to_numpy(dtype=float), expected.to_numpy()):
        return [f"Your answer counts every quarter since {got.index.min()}: keep only the claims that started from "
                "April 2023 to March 2025 (the eight quarters 2023Q2 to 2025Q1)."]
    shifted = starts_per_quarter(c, extract=EXTRACT + 1)
    shifted = shifted[shifted != 0]
    if (not expected.equals(shifted) and set(got.index) == set(shifted.index)
            and np.allclose(got.reindex(shifted.index).to_numpy(dtype=float), shifted.to_numpy(dtype=float))):
        return ["Your claims start one month late: months_claiming counts back from March 2025, the month of the "
                "extract, so a claim of 3 months started in December 2024."]
    return compare.series(got, expected, what="claims started per quarter", index_meaning="quarters (2023Q2 to 2025Q1)",
                          rel=0)


MODULE = ModuleSpec(
    id="c07",
    title="How long have people been claiming?",
    dataset="claimants",
    rows=2000,
    tables_for_learner=("claimants",),
    exercises=(
        ExerciseSpec(
            "q1", "A typical claim length for women and for men", _check_q1,
            hints=("Summarise months_claiming for each sex with a typical value that a few very long claims "
                   "cannot pull up.",
                   "The worked example compares the mean and the median of distances, then summarises per group "
                   "with .groupby(...)[...]: do the same for months_claiming, with the median.",
                   "answer_q1 = claimants.groupby(___)[___].___()"),
            praise="The median: a typical value that the few very long claims cannot drag up.",
        ),
        ExerciseSpec(
            "q2", "Claims started per quarter", _check_q2,
            hints=("Work out each claim's start month from the extract month, keep the claims that started from "
                   "April 2023 to March 2025, then count them per quarter, keeping the year.",
                   "The start-month example: EXTRACT - claimants['months_claiming'], then .astype('period[M]'). "
                   "Filter with >= and <= against pd.Period('2023-04', freq='M'), then .dt.asfreq('Q') and "
                   ".value_counts().sort_index().",
                   "start = (EXTRACT - claimants[___]).astype(___)\n"
                   "recent = start[(start >= ___) & (start <= ___)]\n"
                   "answer_q2 = recent.dt.___('Q').value_counts().___()"),
            praise="Counting from a start date, per quarter with its year: the basis of every caseload trend.",
        ),
    ),
)
