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


def _own_charges(answer_q2: Any) -> pd.Series | None:
    """The learner's own question 2 answer as numbers labelled A to H, or None when it cannot be used."""
    try:
        own = pd.Series({str(k).strip().upper(): v for k, v in dict(answer_q2).items()})
        own = pd.to_numeric(own, errors="coerce")
    except Exception:
        return None
    if sorted(own.index) != list(BANDS) or own.isna().any():
        return None
    return own.astype(float)


def _own_counts(answer_q3: Any) -> pd.Series | None:
    """The learner's own question 3 answer as numbers labelled A to H, or None when it cannot be used."""
    if not isinstance(answer_q3, pd.Series):
        return None
    own = answer_q3.set_axis([str(k).strip().upper() for k in answer_q3.index])
    own = pd.to_numeric(own, errors="coerce")
    if own.index.duplicated().any() or sorted(own.index) != list(BANDS) or own.isna().any():
        return None
    return own.astype(float)


def _check_q4(answer, ctx: Context) -> list[str]:
    props = ctx.table("properties")
    d = band_d(ctx)
    # Built on the learner's own questions 2 and 3: a right method on an earlier slip is not marked down twice.
    own_charges, own_counts = _own_charges(ctx.earlier("q2")), _own_counts(ctx.earlier("q3"))
    value = compare.as_number(answer)
    if value is not None and own_charges is not None and own_counts is not None:
        own_total = float(sum(own_counts[b] * own_charges[b] for b in BANDS))
        if abs(value - own_total) <= max(0.01, 1e-9 * abs(own_total)):
            return []
    # charges left unrounded, which question 2 accepts, move the total by up to half a penny a home
    return compare.number(answer, total_charge(props, d), what="the total charge", rel=1e-6,
                          abs_tol=0.005 * len(props), mistakes=[
        (lambda a: abs(a - sum(charges(d).values())) < 1,
         "That adds up the eight band charges once each; "
         "multiply each band's charge by its number of homes first."),
        (lambda a: abs(a - len(props) * d) < 1,
         "That charges every home the band D rate; use each band's own charge."),
        (lambda a: abs(a - sum(charges(d).values()) * len(props) / len(BANDS)) < 1,
         "That is the average of the eight charges times the number of homes, as if every band had as many "
         "homes; multiply each band's charge by its own number of homes."),
        (lambda a: abs(a - _after_single_person_discount(props, d)) < 1,
         "That takes off the single-person discount; the question asks for the total before any discounts."),
    ])


def _after_single_person_discount(props: pd.DataFrame, d: float) -> float:
    charge = props["band"].astype(str).map(charges(d))
    return float(charge.where(~props["single_person_discount"], charge * 0.75).sum())


PERCENT_WORDS = ("%", "percent", "per cent", "share", "proportion", "fraction")


def _check_q5(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    if len(chart.bars) != len(BANDS):
        return [f"Your chart has {len(chart.bars)} bars; expected one bar per band ({len(BANDS)}). "
                "Draw a bar chart (.plot.bar or .plot.barh) of the homes in each band."]
    labels, values = chart.bar_values()
    problems = []
    in_order = labels == list(BANDS) or (chart.horizontal and labels == list(BANDS)[::-1])
    if not in_order:
        problems.append(f"The bars should be the bands A to H in order; they read {labels or 'unlabelled'}. "
                        "value_counts() puts the most common band first: .sort_index() puts them back in order.")
    heights = pd.Series(values, dtype=float)
    if sorted(labels) == list(BANDS):  # judge the heights band by band, whatever order they are drawn in
        heights = heights.set_axis(labels).reindex(list(BANDS))
    drawn = heights.to_numpy()
    # The true counts, and the learner's own question 3 counts when they are usable: a chart drawn faithfully
    # from a slip in question 3 is not marked down twice.
    truths = [homes_per_band(ctx.table("properties")).astype(float).to_numpy()]
    own = _own_counts(ctx.earlier("q3"))
    if own is not None:
        truths.insert(0, own.reindex(list(BANDS)).to_numpy())
    shows = ""
    for counts in truths:
        shares = counts / counts.sum() if counts.sum() else counts
        # shares looked at first: if question 3 held shares already, they are drawn as shares
        if np.allclose(drawn, shares * 100, atol=0.01) or np.allclose(drawn, shares, atol=1e-4):
            shows = "shares"
        elif np.allclose(drawn, counts):
            shows = "homes"
        if shows:
            break
    value_label = (chart.xlabel if chart.horizontal else chart.ylabel).strip()
    other_label = (chart.ylabel if chart.horizontal else chart.xlabel).strip()
    if not shows and np.allclose(drawn, [charges(band_d(ctx))[b] for b in BANDS]):
        problems.append("Those bars are the charges per band (question 2); draw the numbers of homes in each band.")
    elif not shows:
        problems.append("The bar heights are not the numbers of homes in each band (question 3), "
                        "nor their percentages of all homes.")
    if not chart.title.strip():
        problems.append("Your chart has no title: a committee needs to know what it shows (ax.set_title(...)).")
    if not value_label:
        axis = "horizontal" if chart.horizontal else "vertical"
        problems.append(f"Label the {axis} axis, the one the bars' values are read on: say what they measure, "
                        "e.g. 'Number of homes' or 'Percentage of homes'.")
    elif shows == "shares" and not any(w in value_label.lower() for w in PERCENT_WORDS):
        problems.append(f"Your bars show shares of all homes, but the axis says {value_label!r}: "
                        "say it is a percentage (or share), or a reader will take the bars for numbers of homes.")
    elif shows == "homes" and any(w in value_label.lower() for w in PERCENT_WORDS):
        problems.append(f"Your bars show numbers of homes, but the axis says {value_label!r}: "
                        "a reader will take them for percentages.")
    if not other_label:
        problems.append("Label the axis the bands are on, e.g. 'Council-tax band'.")
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
            hints=("Band A pays 6/9 of the band D charge, and band_d holds band D's charge.",
                   "* multiplies and / divides, as in a spreadsheet formula; round(..., 2) rounds to pennies, "
                   "as in the instalments example.",
                   "answer_q1 = round(band_d * ___ / ___, 2)"),
            praise="A formula in a cell, just like a spreadsheet, but you can read it back.",
        ),
        ExerciseSpec(
            "q2", "Every band's charge", _check_q2,
            hints=("Each band pays its number of ninths of band D: A 6, B 7, C 8, D 9, E 11, F 13, G 15, H 18. "
                   "The dictionary ninths_of from the example holds them.",
                   "Either write the eight entries by hand, {'A': ..., 'B': ..., ...}, or fill a formula down as "
                   "the times_band_a example did: one band's charge is band D times its ninths, over 9, rounded.",
                   "answer_q2 = {band: round(___ * n / ___, 2) for band, n in ninths_of.items()}"),
            praise="A dictionary is Python's lookup table.",
        ),
        ExerciseSpec(
            "q3", "Homes in each band", _check_q3,
            hints=("Count how many rows of the properties table fall in each band: the band column.",
                   ".value_counts() counts each value of a column, as the example did for single_person_discount; "
                   ".sort_index() puts the labels in their own order.",
                   "answer_q3 = properties[___].value_counts().___()"),
        ),
        ExerciseSpec(
            "q4", "The total charge before discounts", _check_q4,
            hints=("Each band brings in its charge times its number of homes; add those up over the bands.",
                   "pd.Series(answer_q2) makes your dictionary a Series labelled by band; two Series multiply "
                   "label by label, as discount_homes * share_paid did in the example, and .sum() adds them up.",
                   "answer_q4 = (answer_q3 * pd.Series(___)).___()"),
            builds_on=("q2", "q3"),
        ),
        ExerciseSpec(
            "q5", "A first bar chart", _check_q5,
            hints=("Draw one bar per band from your question 3 counts (or their percentages of all homes), "
                   "then give it a title and label both axes.",
                   "The example drew a Series with .plot.barh(ax=ax); .plot.bar(ax=ax) draws upright bars. "
                   "A Series divided by its .sum(), times 100, gives percentages.",
                   "fig, ax = plt.subplots()\n___.plot.___(ax=ax)\nax.set_title(___)\nax.set_xlabel(___)\n"
                   "ax.set_ylabel(___)\nanswer_q5 = ax"),
            praise="Charts are checked on their data and labels, never their pixels.",
            builds_on=("q3",),
        ),
    ),
)
