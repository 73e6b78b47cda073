"""Module 1, notebooks for spreadsheet users: council-tax bands.

Everything here a spreadsheet user already does by hand — a formula, a lookup
table, a count per category, a total, a bar chart — done in Python on their
own council's valuation list.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.council_tax import BANDS, NINTHS
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec


def band_d(ctx: Context) -> float:
    charges = ctx.table("band_charges")
    return float(charges.loc[charges["band"] == "D", "charge"].iloc[0])


def charges(d: float) -> dict[str, float]:
    return {b: round(d * k / 9, 2) for b, k in zip(BANDS, NINTHS)}


def homes_per_band(properties: pd.DataFrame) -> pd.Series:
    return properties["band"].value_counts().reindex(list(BANDS), fill_value=0)


def total_charge(properties: pd.DataFrame, d: float) -> float:
    counts = homes_per_band(properties)
    return float(sum(counts[b] * c for b, c in charges(d).items()))


def _givens(ctx: Context) -> dict[str, Any]:
    from academy.datasets.geography import COUNCILS

    code = ctx.data.truth["council_code"]
    return {"band_d": band_d(ctx), "council_name": dict((c[0], c[1]) for c in COUNCILS)[code]}


def _check_q1(answer, ctx: Context) -> list[str]:
    d = band_d(ctx)
    return compare.number(answer, round(d * 6 / 9, 2), what="the band A charge", rel=0, abs_tol=0.011, mistakes=[
        (lambda a: abs(a - d * 9 / 6) < 0.02,
         "That is band D times 9/6: band A pays less than band D, so multiply by 6/9."),
        (lambda a: abs(a - d * 6) < 0.02, "You multiplied by 6 but did not divide by 9."),
        (lambda a: abs(a - d) < 0.02, "That is the band D charge itself; band A is 6/9 of it."),
    ])


def _check_q2(answer, ctx: Context) -> list[str]:
    if isinstance(answer, dict):
        answer = pd.Series({str(k).strip().upper(): v for k, v in answer.items()}, dtype=object)
    if not isinstance(answer, pd.Series):
        return [f"I expected a dictionary like {{'A': ..., 'B': ..., ...}} with a charge per band; "
                f"you gave {compare.describe(answer)}."]
    answer = pd.to_numeric(answer, errors="coerce")
    return compare.series(answer, pd.Series(charges(band_d(ctx))), what="the charges", index_meaning="bands A to H",
                          label_word="band", rel=1e-5)


def _check_q3(answer, ctx: Context) -> list[str]:
    return compare.series(answer, homes_per_band(ctx.table("properties")), what="homes per band",
                          index_meaning="bands A to H", label_word="band", rel=0)


def _check_q4(answer, ctx: Context) -> list[str]:
    props = ctx.table("properties")
    d = band_d(ctx)
    # charges left unrounded, which question 2 accepts, move the total by up to half a penny a home
    return compare.number(answer, total_charge(props, d), what="the total charge", rel=1e-6,
                          abs_tol=0.005 * len(props), mistakes=[
        (lambda a: abs(a - sum(charges(d).values())) < 1,
         "That adds up the eight band charges once each; "
         "multiply each band's charge by its number of homes first."),
        (lambda a: abs(a - len(props) * d) < 1,
         "That charges every home the band D rate; use each band's own charge."),
    ])


def _check_q5(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    expected = homes_per_band(ctx.table("properties"))
    if len(chart.bars) != len(BANDS):
        return [f"Your chart has {len(chart.bars)} bars; expected one bar per band ({len(BANDS)})."]
    labels, values = chart.bar_values()
    problems = []
    if labels != list(BANDS):
        problems.append(f"The bars should be labelled A to H in order; the labels are {labels}.")
    heights = np.array(values)
    if not np.allclose(heights, expected.to_numpy()):
        problems.append("The bar heights are not the numbers of homes per band from question 3.")
    if not chart.title.strip():
        problems.append("Your chart has no title: a committee needs to know what it shows (ax.set_title(...)).")
    if not chart.ylabel.strip():
        problems.append("Label the vertical axis, e.g. ax.set_ylabel('Number of homes').")
    return problems


MODULE = ModuleSpec(
    id="m01",
    title="Notebooks for spreadsheet users: council-tax bands",
    dataset="council_tax",
    rows=8_000,
    tables_for_learner=("properties", "band_charges"),
    givens=_givens,
    exercises=(
        ExerciseSpec(
            "q1", "The band A charge", _check_q1,
            hints=("Band A pays 6/9 of the band D charge.",
                   "In Python, * multiplies and / divides, as in a spreadsheet formula: band_d * 6 / 9.",
                   "Round to pennies with round(..., 2) and put it in answer_q1."),
            praise="A formula in a cell, just like a spreadsheet, but you can read it back.",
        ),
        ExerciseSpec(
            "q2", "Every band's charge", _check_q2,
            hints=("Each band pays a number of ninths of band D: A 6, B 7, C 8, D 9, E 11, F 13, G 15, H 18.",
                   "A dictionary maps a name to a value: {'A': ..., 'B': ...}. You can write all eight by hand.",
                   "answer_q2 = {'A': round(band_d * 6 / 9, 2), 'B': round(band_d * 7 / 9, 2), ...} up to 'H'."),
            praise="A dictionary is Python's lookup table.",
        ),
        ExerciseSpec(
            "q3", "Homes in each band", _check_q3,
            hints=("Count how many rows of the properties table fall in each band.",
                   "properties['band'].value_counts() counts each value; .sort_index() puts the bands in order.",
                   "A Series labelled A to H with one count per band."),
        ),
        ExerciseSpec(
            "q4", "The total charge before discounts", _check_q4,
            hints=("Each band brings in its charge times its number of homes; add those up.",
                   "answer_q3['A'] is band A's count and answer_q2['A'] its charge.",
                   "sum(answer_q3[band] * answer_q2[band] for band in answer_q2)"),
        ),
        ExerciseSpec(
            "q5", "A first bar chart", _check_q5,
            hints=("Draw one bar per band with the counts from question 3, then give it a title and labels.",
                   "fig, ax = plt.subplots() makes a chart; answer_q3.plot.bar(ax=ax) draws the bars.",
                   "ax.set_title(...), ax.set_xlabel('Band'), ax.set_ylabel('Number of homes'); "
                   "then answer_q5 = ax."),
            praise="Charts are checked on their data and labels, never their pixels.",
        ),
    ),
)
