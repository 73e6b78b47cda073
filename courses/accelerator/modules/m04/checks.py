"""Module 4, visualising and communicating: deprivation across Greater Manchester.

Charts are graded on what they say (which bars, in which order, how tall,
with which title and axis labels), read from the learner's matplotlib axes,
never on their pixels. The numbers behind the charts come from the learner's
own variant of the LSOA table.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.chart_reader import ChartData
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

# ------------------------------------------------------------ reference answers


def most_deprived_share(lsoas: pd.DataFrame, councils: pd.DataFrame) -> pd.Series:
    """Per cent of each council's residents living in the most deprived 10% of areas, largest first."""
    deprived = lsoas["population"].where(lsoas["imd_decile"] == 1, 0).groupby(lsoas["council_code"]).sum()
    total = lsoas.groupby("council_code")["population"].sum()
    share = (deprived / total * 100).rename("per_cent_in_most_deprived_decile")
    names = councils.set_index("council_code")["council_name"]
    share.index = share.index.map(names)
    share.index.name = "council_name"
    return share.sort_values(ascending=False, kind="stable")


def lsoas_per_decile(lsoas: pd.DataFrame) -> pd.Series:
    return lsoas["imd_decile"].value_counts().reindex(range(1, 11), fill_value=0).rename("lsoas")


# ------------------------------------------------------------------------ checks


def _shares(ctx: Context) -> pd.Series:
    return most_deprived_share(ctx.table("lsoas"), ctx.table("councils"))


def _unweighted(ctx: Context) -> pd.Series:
    lsoas = ctx.table("lsoas")
    share = (lsoas["imd_decile"] == 1).groupby(lsoas["council_code"]).mean() * 100
    share.index = share.index.map(ctx.table("councils").set_index("council_code")["council_name"])
    return share


def _same_values(answer: object, expected: pd.Series, rel: float = 1e-3) -> bool:
    if not isinstance(answer, pd.Series) or len(answer) != len(expected):
        return False
    try:
        got = answer.reindex(expected.index).to_numpy(dtype=float)
    except (TypeError, ValueError):
        return False
    return bool(np.allclose(got, expected.to_numpy(dtype=float), rtol=rel, equal_nan=True))


def _check_q1(answer, ctx: Context) -> list[str]:
    expected = _shares(ctx)
    problems = compare.series(
        answer, expected, what="the per cent of residents in the most deprived 10% of areas",
        index_meaning="council names", rel=1e-3,
        mistakes=[
            (lambda a: _same_values(a, expected / 100), "These look like fractions (0.25); give per cents (25)."),
            (lambda a: _same_values(a, _unweighted(ctx)),
             "That is the share of *areas* in decile 1, not of *residents*: weight each LSOA by its population."),
        ])
    if problems:
        return problems
    if list(answer.index) != list(expected.index) and not np.allclose(
            answer.to_numpy(dtype=float), expected.to_numpy(dtype=float), rtol=1e-3):
        return ["The values are right; now sort them largest first (.sort_values(ascending=False))."]
    return []


def _labelled(text: str, *words: str) -> bool:
    return any(re.search(w, text, flags=re.IGNORECASE) for w in words)


def _common_chart_problems(chart: ChartData, value_words: tuple[str, ...], value_label: str) -> list[str]:
    problems = []
    if not chart.title.strip():
        problems.append("Give the chart a title that says what it shows (ax.set_title(...)); "
                        "a committee reads the title first.")
    axis = chart.xlabel if chart.horizontal else chart.ylabel
    if not _labelled(axis, *value_words):
        which = "horizontal" if chart.horizontal else "vertical"
        problems.append(f"Label the {which} axis with what the numbers are, including the unit "
                        f"(for example '{value_label}'); it says {axis!r}.")
    return problems


def _check_q2(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    expected = _shares(ctx)
    if len(chart.bars) != len(expected):
        return [f"Your chart has {len(chart.bars)} bars; expected one per council ({len(expected)})."]
    if not chart.horizontal:
        return ["Use horizontal bars (ax.barh): council names are long, and they read better down the side."]
    labels, values = chart.bar_values()
    problems = []
    if sorted(labels) != sorted(expected.index):
        problems.append(f"Label each bar with its council's name; the labels are {labels[:3]}...")
    elif labels != list(expected.index):
        problems.append("Put the council with the largest share at the top, so the chart reads like a ranking. "
                        "(barh draws the first bar at the bottom: sort ascending before plotting, or invert the axis.)")
    elif not np.allclose(values, expected.to_numpy(dtype=float), rtol=1e-3):
        problems.append("The bar lengths are not the per cents from question 1.")
    return problems + _common_chart_problems(chart, (r"%", "per ?cent", "percent"), "% of residents")


def _check_q3(answer, ctx: Context) -> list[str]:
    return compare.series(
        answer, lsoas_per_decile(ctx.table("lsoas")), what="the number of LSOAs in each decile",
        index_meaning="deciles 1 to 10", rel=0, label_word="decile",
        normalise_index=lambda idx: pd.Index(pd.to_numeric(idx), name=idx.name),
        mistakes=[(lambda a: isinstance(a, pd.Series) and len(a) == 10
                   and a.sum() == ctx.table("lsoas")["population"].sum(),
                   "Those add up to the population: count areas (rows), not residents.")])


def _check_q4(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    expected = lsoas_per_decile(ctx.table("lsoas"))
    if len(chart.bars) != 10:
        return [f"Your chart has {len(chart.bars)} bars; expected one per decile (10)."]
    if chart.horizontal:
        return ["Use upright bars (ax.bar) with deciles 1 to 10 from left to right."]
    _, values = chart.bar_values()
    problems = []
    if not np.allclose(values, expected.to_numpy(dtype=float)):
        problems.append("The bar heights are not the counts from question 3, in decile order 1 to 10.")
    if not _labelled(chart.xlabel, "decile"):
        problems.append("Label the horizontal axis so a reader knows 1 is the most deprived, "
                        "e.g. 'IMD decile (1 = most deprived)'.")
    return problems + _common_chart_problems(chart, ("lsoa", "area", "number", "count"), "Number of LSOAs")


def _check_q5(answer, ctx: Context) -> list[str]:
    got, problems = compare.call_function(answer, "most_deprived_share", ctx.table("lsoas"), ctx.table("councils"))
    return problems or _check_q1(got, ctx)


MODULE = ModuleSpec(
    id="m04",
    title="Visualising and communicating: deprivation across Greater Manchester",
    dataset="geography",
    rows=1_600,
    tables_for_learner=("lsoas", "councils", "wards"),
    exercises=(
        ExerciseSpec(
            "q1", "Residents in the most deprived areas, by council", _check_q1,
            hints=("Areas in IMD decile 1 are the most deprived 10% in England. For each council, add up the "
                   "residents of its decile-1 areas and divide by all its residents.",
                   "lsoas['population'].where(lsoas['imd_decile'] == 1, 0) keeps decile-1 populations and zeroes "
                   "the rest; group that by council_code and .sum(), and divide by the total population per council.",
                   "Multiply by 100 for per cents, swap council codes for names with .map(...) on a code→name "
                   "Series from councils, then .sort_values(ascending=False)."),
            praise="Weighting by population answers the question members ask: how many *people*, not how many areas.",
        ),
        ExerciseSpec(
            "q2", "A ranking chart a committee can read", _check_q2,
            hints=("One horizontal bar per council, longest at the top, with a title and a labelled axis.",
                   "fig, ax = plt.subplots(); ax.barh(labels, values). barh draws the first bar at the bottom, so "
                   "plot answer_q1.sort_values() (smallest first) to get the largest at the top.",
                   "ax.set_title('Residents in the most deprived 10% of areas'); ax.set_xlabel('% of residents')."),
            praise="Sorted bars, a plain title and units on the axis: the chart answers its question at a glance.",
        ),
        ExerciseSpec(
            "q3", "How many areas in each decile", _check_q3,
            hints=("Count the LSOAs (rows) in each IMD decile, 1 to 10.",
                   "lsoas['imd_decile'].value_counts() counts; .sort_index() puts deciles in order.",
                   "answer_q3 = lsoas['imd_decile'].value_counts().sort_index()"),
            praise="A skew towards decile 1 is the headline: this area is more deprived than England as a whole.",
        ),
        ExerciseSpec(
            "q4", "The distribution as a chart", _check_q4,
            hints=("Ten upright bars, deciles 1 to 10 from left to right, heights from question 3.",
                   "fig, ax = plt.subplots(); ax.bar(answer_q3.index, answer_q3.values)",
                   "Add ax.set_xlabel('IMD decile (1 = most deprived)'), ax.set_ylabel('Number of LSOAs') "
                   "and a title."),
            praise="Saying which end is 'most deprived' on the axis saves every reader from guessing.",
        ),
        ExerciseSpec(
            "q5", "A function for next year's figures", _check_q5,
            hints=("Wrap your question 1 code in a function that takes the two tables.",
                   "def most_deprived_share(lsoas, councils):\n    ...\n    return share",
                   "Use only the tables passed in, not the ones loaded at the top: it will be run on other data."),
            praise="When the new deprivation figures come out, the chart is one function call away.",
            reference=most_deprived_share, inputs=("lsoas", "councils"),
        ),
    ),
)
