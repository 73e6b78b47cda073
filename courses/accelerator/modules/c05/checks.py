"""Challenge c05 (level 2), business rates: rateable values published as text, totalled by use and by ward.

The council's open-data page publishes the rating list as a CSV file whose rateable values read like
"£12,500": text, not numbers. Learners turn them into numbers (q1), total them per kind of property (q2) and
join the ward names on to find the five wards with the most rateable value (q3). The file is made from the
learner's own ``business_rates`` table, so every answer is computed here from their data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

FILE = "business_rates_list.csv"
COLUMNS = ["property_ref", "ward_code", "category", "rateable_value", "occupied", "relief"]

# ------------------------------------------------------------ reference answers


def published(rates: pd.DataFrame) -> pd.DataFrame:
    """The rating list as the open-data page shows it: rateable values as text with a pound sign and commas."""
    out = rates[COLUMNS].copy()
    out["rateable_value"] = [f"£{v:,}" for v in rates["rateable_value"]]
    return out


def _files(ctx: Context) -> dict[str, bytes]:
    return {FILE: published(ctx.table("business_rates")).to_csv(index=False).encode("utf-8")}


def values(rates: pd.DataFrame) -> pd.Series:
    return rates["rateable_value"].astype(float).reset_index(drop=True)


def total_by_category(rates: pd.DataFrame) -> pd.Series:
    return rates.groupby("category", observed=True)["rateable_value"].sum().astype(float)


def top_wards(rates: pd.DataFrame, wards: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    totals = rates.groupby("ward_code")["rateable_value"].sum().rename("total_rateable_value").reset_index()
    table = totals.merge(wards[["ward_code", "ward_name"]], on="ward_code")
    top = table.sort_values("total_rateable_value", ascending=False).head(n)
    return top[["ward_name", "total_rateable_value"]].astype({"total_rateable_value": float}).reset_index(drop=True)


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    rates = ctx.table("business_rates")
    want = values(rates)
    if isinstance(answer, pd.DataFrame) and "rateable_value" in answer.columns:
        answer = answer["rateable_value"]
    if isinstance(answer, (list, np.ndarray)):
        answer = pd.Series(list(answer))
    if not isinstance(answer, pd.Series):
        if compare.as_number(answer) is not None and np.isclose(float(answer), want.sum()):
            return ["That is the total of every rateable value: this question asks for the values themselves, one "
                    "per property (the cleaned column), so you can total them in different ways next."]
        return [f"I expected a column (Series) of rateable values, one per property; you gave "
                f"{compare.describe(answer)}."]
    if len(answer) != len(want):
        return [f"Your column has {len(answer):,} values; the rating list has {len(want):,} properties. Clean the "
                "whole rateable_value column, keeping every row."]
    if not pd.api.types.is_numeric_dtype(answer):
        return ["These are still text, not numbers: take out the '£' and the commas with "
                ".str.replace(...), then turn what is left into numbers with pd.to_numeric(...) or .astype(float)."]
    got = answer.reset_index(drop=True).astype(float)
    blanks = int(got.isna().sum())
    if blanks:
        return [f"{blanks:,} of your values are blank (NaN): errors='coerce' turns every value it cannot read into a "
                "blank, and a value still holding '£' or a comma cannot be read. Take both out first."]
    off = ~np.isclose(got.to_numpy(), want.to_numpy(), rtol=1e-9)
    if not off.any():
        return []
    if np.allclose(got.to_numpy() * 1000, want.to_numpy()):
        return ["Your values are in thousands of pounds: the question wants pounds, as published (£12,500 is 12500)."]
    i = int(np.flatnonzero(off)[0])
    return [f"The value for {rates['property_ref'].iloc[i]} (row {i:,}) is {got.iloc[i]:,.6g}; the list says "
            f"£{int(want.iloc[i]):,}. Keep the rows in the list's order, and only take out the '£' and the commas."]


def _check_q2(answer, ctx: Context) -> list[str]:
    rates = ctx.table("business_rates")
    by_cat = rates.groupby("category", observed=True)["rateable_value"]

    def same(a, want: pd.Series) -> bool:
        a = a.set_axis(a.index.map(str))
        return (isinstance(a, pd.Series) and set(a.index) == set(want.index.map(str))
                and np.allclose(a.reindex(want.index.map(str)).to_numpy(dtype=float), want.to_numpy(dtype=float)))

    occupied = rates[rates["occupied"]].groupby("category", observed=True)["rateable_value"].sum()
    return compare.series(
        answer, total_by_category(rates), what="the total rateable value of each kind of property",
        index_meaning="categories of property (Retail, Office, ...)", rel=1e-9,
        mistakes=[(lambda a: not pd.api.types.is_numeric_dtype(a), "These are pieces of text glued together, not "
                   "totals: group the column of numbers from question 1 (rates['rv'] = answer_q1), not the text "
                   "column rateable_value."),
                  (lambda a: same(a, by_cat.mean()), "These look like averages (means): the question asks for the "
                   "total of each category's rateable values, .sum()."),
                  (lambda a: same(a, by_cat.size()), "These are the numbers of properties in each category: total "
                   "their rateable values instead (.sum() on the cleaned column)."),
                  (lambda a: same(a, by_cat.median()),
                   "These look like medians: the question asks for totals, .sum()."),
                  (lambda a: same(a, occupied), "These count only the occupied properties: empty properties are on "
                   "the rating list too, so keep every row.")],
    )


def _check_q3(answer, ctx: Context) -> list[str]:
    rates, wards = ctx.table("business_rates"), ctx.table("wards")
    expected = top_wards(rates, wards)
    named = rates.merge(wards[["ward_code", "ward_name"]], on="ward_code")
    counts = named.groupby("ward_name").size()
    means = named.groupby("ward_name")["rateable_value"].mean()
    bottom = named.groupby("ward_name")["rateable_value"].sum().nsmallest(5).index

    def like(a: pd.DataFrame, want: pd.Series) -> bool:
        got = a.set_index("ward_name")["total_rateable_value"]
        return bool(np.allclose(got.to_numpy(dtype=float), want.reindex(got.index).to_numpy(dtype=float)))

    if isinstance(answer, pd.DataFrame) and "ward_name" not in answer.columns and "ward_code" in answer.columns:
        return ["Your table names the wards by code: join the wards table on (merge on ward_code) so a councillor "
                "reads the ward's name, and keep the ward_name column."]
    if isinstance(answer, pd.Series) and answer.index.name in ("ward_name", "ward_code"):
        return ["Your answer is a Series with the wards in its index: make it a table with .reset_index(name="
                "'total_rateable_value'), so it has the columns ward_name and total_rateable_value."]
    return compare.table(
        answer, expected, what="the five wards with the most rateable value", key="ward_name",
        rows_meaning="the five wards with the largest total rateable value", sort_by="total_rateable_value",
        rel=1e-9,
        mistakes=[(lambda a: like(a, counts), "These are the numbers of properties in each ward: total their "
                   "rateable values instead, so a ward with a few big warehouses is not missed."),
                  (lambda a: like(a, means), "These are each ward's average rateable value: the question asks for "
                   "the total, .sum()."),
                  (lambda a: set(a["ward_name"]) == set(bottom) and len(a) == len(bottom),
                   "These are the five wards with the LEAST rateable value: sort with ascending=False so the "
                   "largest come first, then keep the first five.")],
    )


MODULE = ModuleSpec(
    id="c05",
    title="Whose wards carry the business rates?",
    dataset="business",
    rows=1500,
    tables_for_learner=("wards",),
    files=_files,
    exercises=(
        ExerciseSpec(
            "q1", "Rateable values as numbers", _check_q1,
            hints=("The values are text like '£12,500': take out the pound sign and the commas, then turn what "
                   "is left into numbers, as the worked example does for three typed-in values.",
                   "Two .str.replace(...) calls, one for '£' and one for ',', then pd.to_numeric(...). Keep every "
                   "row, in order.",
                   "cleaned = rates['rateable_value'].str.replace(___, '').str.replace(___, '')\n"
                   "answer_q1 = pd.to_numeric(___)"),
            praise="Numbers published as text are the most common snag in open data; you can fix them now.",
        ),
        ExerciseSpec(
            "q2", "Rateable value per kind of property", _check_q2,
            hints=("Put your numbers beside the table as a new column, then total that column for each category.",
                   "rates['rv'] = answer_q1 adds the column; .groupby('category')['rv'] then a total, as the "
                   "example counts per category.",
                   "rates['rv'] = answer_q1\nanswer_q2 = rates.groupby(___)[___].___()"),
            praise="A total per category is a pivot table in one line.",
        ),
        ExerciseSpec(
            "q3", "The five wards with the most rateable value", _check_q3,
            hints=("Total the rateable values per ward code, join the ward names on, then keep the five largest.",
                   "The joining example uses .merge(wards, on='ward_code'); total with .groupby('ward_name')[...]"
                   ".sum(), then .reset_index(name='total_rateable_value') and sort largest first.",
                   "named = rates.merge(___, on=___)\n"
                   "totals = named.groupby(___)[___].sum().reset_index(name='total_rateable_value')\n"
                   "answer_q3 = totals.sort_values(___, ascending=False).head(___)"),
            praise="Totals by ward with names a councillor recognises: ready for the briefing.",
        ),
    ),
)
