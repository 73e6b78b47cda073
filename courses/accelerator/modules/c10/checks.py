"""Challenge c10, what suppression hides (level 3): the grader's side.

The energy supplier's LSOA extract (``lsoa_consumption``) leaves TOTAL_KWH, MEAN_KWH and MEDIAN_KWH empty
where an LSOA has fewer than 5 of its meters of a fuel. Learners count the suppressed LSOAs per fuel, measure
how much the published total (a sum that skips empty cells) falls short of the meter table's total, and find
that shortfall in the meters of exactly the suppressed cells (an LSOA *and* a fuel: a join on two keys). Every
number comes from the learner's own tables; fuel labels may be the extract's (ELEC, GAS) or the meter table's
(Electricity, Gas).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

CODE = {"Electricity": "ELEC", "Gas": "GAS"}
_WORDS = {"elec": "ELEC", "electricity": "ELEC", "electric": "ELEC", "gas": "GAS"}

# ------------------------------------------------------------ reference answers


def suppressed_per_fuel(extract: pd.DataFrame) -> pd.Series:
    return extract["TOTAL_KWH"].isna().groupby(extract["FUEL"]).sum().rename("suppressed_lsoas")


def meter_totals(meters: pd.DataFrame) -> pd.Series:
    totals = meters.groupby("fuel", observed=True)["annual_kwh"].sum()
    return totals.set_axis(totals.index.map(lambda f: CODE[str(f)]))


def published_totals(extract: pd.DataFrame) -> pd.Series:
    return extract.groupby("FUEL")["TOTAL_KWH"].sum()


def missing_kwh(meters: pd.DataFrame, extract: pd.DataFrame) -> pd.Series:
    return (meter_totals(meters) - published_totals(extract)).rename("missing_kwh")


def with_cells(meters: pd.DataFrame, extract: pd.DataFrame) -> pd.DataFrame:
    keyed = meters.assign(FUEL=meters["fuel"].astype(str).map(CODE))
    return keyed.merge(extract[["LSOA_CD", "FUEL", "TOTAL_KWH"]], left_on=["lsoa_code", "FUEL"],
                       right_on=["LSOA_CD", "FUEL"], how="left")


def hidden_kwh(meters: pd.DataFrame, extract: pd.DataFrame) -> pd.Series:
    cells = with_cells(meters, extract)
    hidden = cells[cells["TOTAL_KWH"].isna()]
    return hidden.groupby("FUEL")["annual_kwh"].sum().reindex(["ELEC", "GAS"], fill_value=0.0).rename("hidden_kwh")


# ------------------------------------------------------------------ reading answers


def _fuel_labels(index: pd.Index) -> pd.Index:
    labels = []
    for x in index:
        code = _WORDS.get(str(x).strip().lower())
        if code is None:
            raise ValueError(f"{x!r} is not a fuel")
        labels.append(code)
    return pd.Index(labels)


def _per_fuel(answer: Any, what: str) -> tuple[pd.Series | None, list[str]]:
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if isinstance(answer, pd.DataFrame):
        numeric = answer.select_dtypes("number")
        if numeric.shape[1] != 1:
            return None, [f"I expected one number per fuel for {what} (a Series labelled ELEC and GAS); you gave "
                          f"{compare.describe(answer)}. Select the one column you need."]
        answer = numeric.iloc[:, 0]
    if compare.as_number(answer) is not None:
        return None, [f"That is one number for both fuels: give {what} for each fuel separately (a Series labelled "
                      "ELEC and GAS), as groupby gives."]
    if not isinstance(answer, pd.Series):
        return None, [f"I expected a Series with {what} per fuel, labelled ELEC and GAS; you gave "
                      f"{compare.describe(answer)}."]
    try:
        labels = _fuel_labels(answer.index)
    except ValueError:
        shown = [str(x) for x in answer.index[:4]]
        return None, [f"Your answer should be labelled by fuel (ELEC and GAS, or Electricity and Gas); yours are "
                      f"labelled {shown}."]
    values = pd.Series(pd.to_numeric(answer, errors="coerce").to_numpy(dtype=float), index=labels)
    if labels.duplicated().any():
        if values.isna().any():
            return None, ["Your answer has both ELEC and Electricity (or GAS and Gas), and blanks: the extract calls "
                          "the fuels ELEC and GAS and the meter table Electricity and Gas, so pandas could not match "
                          "them. Turn one table's names into the other's first, e.g. with .map({'Electricity': "
                          "'ELEC', 'Gas': 'GAS'})."]
        return None, ["Each fuel should appear once in your answer."]
    return values, []


def _same(got: pd.Series, want: pd.Series, rel: float = 1e-6, abs_tol: float = 1.0) -> bool:
    return (set(got.index) == set(want.index)
            and bool(np.allclose(got.reindex(want.index).to_numpy(dtype=float), want.to_numpy(dtype=float),
                                 rtol=rel, atol=abs_tol)))


def _tol(extract: pd.DataFrame) -> float:
    """Each published total is rounded to 0.1 kWh, so sums over thousands of cells differ by a few kWh."""
    return 0.05 * len(extract) + 1.0


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    extract = ctx.table("lsoa_consumption")
    got, problems = _per_fuel(answer, "the number of suppressed LSOAs")
    if problems:
        return problems
    want = suppressed_per_fuel(extract)
    if _same(got, want, rel=0, abs_tol=0):
        return []
    by_fuel = extract.groupby("FUEL")
    mistakes = [
        (extract["TOTAL_KWH"].notna().groupby(extract["FUEL"]).sum(),
         "Those are the LSOAs whose figures were published: count the EMPTY cells, .isna(), not the filled ones."),
        ((extract["METERS"] <= 5).groupby(extract["FUEL"]).sum(),
         "You counted LSOAs with 5 meters or fewer: the supplier suppresses fewer than 5. Safer still, count the "
         "empty TOTAL_KWH cells themselves rather than guessing the rule."),
        (by_fuel.size(), "That is every LSOA in the extract for each fuel: count only those whose TOTAL_KWH is empty."),
        (extract[["TOTAL_KWH", "MEAN_KWH", "MEDIAN_KWH"]].isna().sum(axis=1).groupby(extract["FUEL"]).sum(),
         "You counted every empty cell, three per suppressed LSOA (total, mean and median): count LSOAs, one "
         "column's empty cells."),
    ]
    for values, message in mistakes:
        if _same(got, values, rel=0, abs_tol=0):
            return [message]
    return compare.series(got, want, what="the number of suppressed LSOAs", index_meaning="fuels", rel=0)


def _check_q2(answer, ctx: Context) -> list[str]:
    meters, extract = ctx.table("meters"), ctx.table("lsoa_consumption")
    got, problems = _per_fuel(answer, "the kWh missing from the published total")
    if problems:
        return problems
    want = missing_kwh(meters, extract)
    tol = _tol(extract)
    if _same(got, want, abs_tol=tol):
        return []
    if got.isna().any():
        return ["Some of your values are blank (NaN): if you subtracted one table's totals from the other's, check "
                "the fuels are labelled the same way in both (ELEC and GAS in the extract, Electricity and Gas in "
                "the meter table)."]
    mistakes = [
        (-want, "Your numbers are negative: take the published total away from the meter table's total (the "
                "meters hold everything; the extract less)."),
        (meter_totals(meters), "That is the meter table's whole total: the question asks how much the published "
                               "total falls SHORT of it, the difference between the two."),
        (published_totals(extract), "That is the published total itself: the question asks how much it falls short "
                                    "of the meter table's total."),
        (want / meter_totals(meters), "That is the missing share; the question asks for the kWh themselves."),
        (want / meter_totals(meters) * 100, "That is the missing percentage; the question asks for the kWh "
                                            "themselves."),
    ]
    for values, message in mistakes:
        if _same(got, values, rel=1e-4, abs_tol=tol):
            return [message]
    swapped = got.rename({"ELEC": "GAS", "GAS": "ELEC"})
    if _same(swapped, want, abs_tol=tol):
        return ["Your two fuels are the wrong way round: electricity's gap is under GAS and gas's under ELEC."]
    return compare.series(got, want, what="the kWh missing from the published total", index_meaning="fuels",
                          rel=1e-4)


def _check_q3(answer, ctx: Context) -> list[str]:
    meters, extract = ctx.table("meters"), ctx.table("lsoa_consumption")
    got, problems = _per_fuel(answer, "the kWh of the meters in suppressed cells")
    if problems:
        return problems
    want = hidden_kwh(meters, extract)
    tol = _tol(extract)
    if _same(got, want, abs_tol=tol):
        return []
    keyed = meters.assign(FUEL=meters["fuel"].astype(str).map(CODE))
    suppressed_lsoas = set(extract.loc[extract["TOTAL_KWH"].isna(), "LSOA_CD"])
    any_fuel = keyed[keyed["lsoa_code"].isin(suppressed_lsoas)].groupby("FUEL")["annual_kwh"].sum()
    counts = with_cells(meters, extract).pipe(lambda c: c[c["TOTAL_KWH"].isna()]).groupby("FUEL").size()
    mistakes = [
        (any_fuel, "You took every meter of an LSOA suppressed for EITHER fuel. A suppressed cell is an LSOA and a "
                   "fuel: an LSOA can be hidden for gas and published for electricity. Match on both "
                   "(lsoa_code and fuel)."),
        (counts.reindex(want.index, fill_value=0), "Those are numbers of meters: add up their annual_kwh instead."),
        (keyed.groupby("FUEL")["annual_kwh"].sum() - want,
         "That is the kWh of the meters in cells that WERE published: keep the cells whose TOTAL_KWH is empty."),
    ]
    for values, message in mistakes:
        if _same(got, values.astype(float), abs_tol=tol):
            return [message]
    return compare.series(got, want, what="the kWh of the meters in suppressed cells", index_meaning="fuels",
                          rel=1e-4)


MODULE = ModuleSpec(
    id="c10",
    title="What suppression hides",
    dataset="utilities",
    rows=40_000,
    tables_for_learner=("lsoa_consumption", "meters", "lsoas"),
    exercises=(
        ExerciseSpec(
            "q1", "How many LSOAs are suppressed, per fuel?", _check_q1,
            hints=("A suppressed LSOA has an empty TOTAL_KWH. Ask every row whether it is empty, then count per FUEL.",
                   "The worked example counted empty cells with .isna(); True counts as 1, so summing a True/False "
                   "column per group counts the True rows in each group.",
                   "answer_q1 = extract[___].isna().groupby(extract[___]).___()"),
            praise="Knowing how much is hidden is the first question to ask of any published statistic.",
        ),
        ExerciseSpec(
            "q2", "How much does the published total miss?", _check_q2,
            hints=("Total the kWh per fuel twice: from the extract (TOTAL_KWH) and from the meter table "
                   "(annual_kwh). The gap is the meter table's total minus the extract's.",
                   "The two tables name the fuels differently (ELEC/GAS and Electricity/Gas). Rename one table's "
                   "labels to the other's before subtracting, as the worked example did with .map(...).",
                   "published = extract.groupby(___)['TOTAL_KWH'].sum()\n"
                   "from_meters = meters.groupby(___, observed=True)['annual_kwh'].sum()\n"
                   "from_meters.index = from_meters.index.map(___)\n"
                   "answer_q2 = ___ - ___"),
            praise="An undercount you can measure is one you can explain to the committee.",
        ),
        ExerciseSpec(
            "q3", "Where are the missing kWh?", _check_q3,
            hints=("Put each meter beside its own cell of the extract (its LSOA and its fuel), keep the meters whose "
                   "cell has an empty TOTAL_KWH, and add up their kWh per fuel.",
                   "As in the worked example: give the meters a FUEL column in the extract's codes, then merge on "
                   "two columns, left_on=['lsoa_code', 'FUEL'], right_on=['LSOA_CD', 'FUEL'].",
                   "cells = meters.assign(FUEL=meters['fuel'].astype(str).map(___))\n"
                   "cells = cells.merge(extract, left_on=[___, ___], right_on=[___, ___])\n"
                   "answer_q3 = cells[cells[___].isna()].groupby(___)['annual_kwh'].___()"),
            praise="The whole gap sits in the suppressed cells: the published total leaves them out, it does not "
                   "estimate them.",
        ),
    ),
)
