"""Module 10, energy and fuel poverty from a utility's extract: what only the grader knows (checks, hints, typical
mistakes). The questions, set-up and solutions are in source/m10/m10.ipynb.

The learner reads an energy supplier's LSOA extract (its own capitals, ELEC/GAS codes, areas of fewer than 5 meters
suppressed), measures what suppression hides against the meter-level table, finds the wards whose published total
would give a suppressed figure away by differencing, joins the meters to the council's deprivation deciles
(prepayment share and median use per decile), charts one measure of their choice for a cabinet member, and decides
what the data sharing agreement lets the council do (marked on submission). A note to the cabinet member is marked
by an instructor (rubrics.md).

Every number is worked out from the learner's own variant of the data; the chart (q6) is judged on the learner's own
answers to questions 4 and 5 when they are known, so one slip costs once.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.utilities import SUPPRESS_BELOW
from academy.exercises import compare
from academy.exercises.chart_reader import ChartData
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

FUELS = ("ELEC", "GAS")
NAMES = {"ELEC": "Electricity", "GAS": "Gas"}
DECILES = list(range(1, 11))
#: A per cent rounded to one decimal place, and kWh rounded to whole numbers, are right.
ONE_DECIMAL, WHOLE_KWH = 0.051, 0.51
#: q2 is not rounded: the per cent of meters in suppressed areas is often within a few hundredths of the per cent
#: of kWh, and must not pass for it.
UNROUNDED = 5e-5

#: What the data sharing agreement allows: statement -> (allowed?, why). Each is taught before question 7.
TERMS: dict[str, tuple[bool, str]] = {
    "publish_a_chart_of_prepayment_share_by_decile_with_the_attribution": (
        True, "an aggregate over deciles of over a thousand meters each, attributed (terms 3 and 5)"),
    "publish_ward_totals_from_the_meter_table_beside_the_lsoa_extract": (
        False, "question 3 found wards whose total would give suppressed areas away by subtraction (term 4)"),
    "fill_suppressed_cells_with_the_ward_average_before_publishing": (
        False, "suppressed figures may not be estimated or filled in (term 4)"),
    "send_the_meter_table_to_a_housing_association_running_a_warm_homes_scheme": (
        False, "the meter-level table stays within the council's energy team, partners included (term 2)"),
    "publish_the_number_of_meters_in_a_suppressed_area": (True, "meter counts may be published (term 4)"),
    "leave_the_attribution_off_a_briefing_for_the_cabinet_member": (
        False, "every output, briefings for members included, carries the attribution (term 5)"),
    "publish_the_median_use_of_each_fuel_in_each_decile": (
        True, "an aggregate over groups of many meters (term 3)"),
    "use_the_extract_to_choose_streets_for_a_council_tax_recovery_campaign": (
        False, "the data are for fuel poverty and energy-efficiency work only (term 1)"),
}

# ------------------------------------------------------------ reference answers


def suppressed_by_fuel(extract: pd.DataFrame) -> pd.DataFrame:
    """Per fuel: how many areas are suppressed and how many meters they hold."""
    hidden = extract[extract["TOTAL_KWH"].isna()]
    out = hidden.groupby("FUEL").agg(areas=("LSOA_CD", "size"), meters=("METERS", "sum"))
    return out.reindex(list(FUELS), fill_value=0)


def missing_share(extract: pd.DataFrame, meters: pd.DataFrame) -> pd.Series:
    """Per fuel: the per cent of the true total kWh that the sum of the published TOTAL_KWH leaves out."""
    true = _true_totals(meters)
    published = extract.groupby("FUEL")["TOTAL_KWH"].sum().reindex(list(FUELS), fill_value=0.0)
    return (true - published) / true * 100


def disclosive_wards(extract: pd.DataFrame, lsoas: pd.DataFrame) -> set[tuple[str, str]]:
    """(ward, fuel) pairs whose suppressed areas hold between 1 and 4 meters: a ward total would give them away."""
    per_ward = _hidden_per_ward(extract, lsoas)
    return set(per_ward.index[(per_ward["meters"] > 0) & (per_ward["meters"] < SUPPRESS_BELOW)])


def prepayment_by_decile(meters: pd.DataFrame, lsoas: pd.DataFrame) -> pd.Series:
    joined = meters.merge(lsoas[["lsoa_code", "imd_decile"]], on="lsoa_code")
    return (joined.groupby("imd_decile")["prepayment"].mean() * 100).reindex(DECILES)


def median_by_decile(meters: pd.DataFrame, lsoas: pd.DataFrame, how: str = "median") -> pd.DataFrame:
    """Deciles 1 to 10 down the side, ELEC and GAS across: each fuel's median (or mean) kWh per meter."""
    joined = meters.merge(lsoas[["lsoa_code", "imd_decile"]], on="lsoa_code")
    joined = joined.assign(FUEL=joined["fuel"].astype(str).map({v: k for k, v in NAMES.items()}))
    return joined.groupby(["imd_decile", "FUEL"])["annual_kwh"].agg(how).unstack().reindex(DECILES)[list(FUELS)]


# ------------------------------------------------------------------------ helpers


def _true_totals(meters: pd.DataFrame) -> pd.Series:
    codes = meters["fuel"].astype(str).map({v: k for k, v in NAMES.items()})
    return meters["annual_kwh"].groupby(codes).sum().reindex(list(FUELS), fill_value=0.0)


def _hidden_per_ward(extract: pd.DataFrame, lsoas: pd.DataFrame) -> pd.DataFrame:
    joined = extract.merge(lsoas[["lsoa_code", "ward_code"]], left_on="LSOA_CD", right_on="lsoa_code")
    hidden = joined[joined["TOTAL_KWH"].isna()]
    return hidden.groupby(["ward_code", "FUEL"]).agg(areas=("LSOA_CD", "size"), meters=("METERS", "sum"))


def _fuel(label: Any) -> str | None:
    """ELEC or GAS for the supplier's codes and the meter table's names, in any case; None for anything else."""
    return {"ELEC": "ELEC", "ELECTRICITY": "ELEC", "GAS": "GAS"}.get(str(label).strip().upper())


def _fuel_column(table: pd.DataFrame) -> Any:
    return next((c for c in table.columns if str(c).strip().lower() == "fuel"), None)


def _by_fuel_table(answer: Any, what: str) -> tuple[pd.DataFrame | None, list[str]]:
    """A table with one row per fuel, its rows labelled ELEC and GAS (from the index or a FUEL column)."""
    if isinstance(answer, pd.Series):
        return None, [f"You gave {compare.describe(answer)}, but {what} should be a table (DataFrame) with named "
                      "columns: .agg(name=(column, how)) makes one."]
    if not isinstance(answer, pd.DataFrame):
        return None, [f"I expected a table (DataFrame) for {what}; you gave {compare.describe(answer)}."]
    table = answer
    column = _fuel_column(table)
    if column is not None:
        table = table.set_index(column)
    labels = [_fuel(i) for i in table.index]
    if None in labels or len(set(labels)) != len(labels):
        return None, [f"Label the rows by fuel, ELEC and GAS, one row each (yours are {list(table.index[:4])})."]
    if set(labels) != set(FUELS):
        return None, ["Give one row for each fuel: ELEC and GAS."]
    return table.set_axis(labels).reindex(list(FUELS)), []


def _fuel_series(answer: Any) -> pd.Series | None:
    """A Series (or a one-number-column table) labelled by fuel, as ELEC and GAS; None when it is not one."""
    if isinstance(answer, pd.DataFrame):
        column = _fuel_column(answer)
        if column is not None:
            answer = answer.set_index(column)
        numeric = answer.select_dtypes("number")
        if numeric.shape[1] != 1:
            return None
        answer = numeric.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return None
    labels = [_fuel(i) for i in answer.index]
    if None in labels or sorted(labels) != sorted(FUELS):
        return None
    return pd.to_numeric(answer.set_axis(labels), errors="coerce").reindex(list(FUELS))


def _close(got: Any, want: Any, atol: float, rel: float = 1e-3) -> bool:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=rel, atol=atol))


def _deciles_as_index(answer: Any) -> Any:
    """A table with the deciles in a column (groupby(..., as_index=False), .reset_index()) as one labelled by them."""
    if isinstance(answer, pd.DataFrame) and "imd_decile" in answer.columns:
        return answer.set_index("imd_decile")
    return answer


def _decile_series(answer: Any) -> pd.Series | None:
    """An answer's numbers labelled by deciles 1 to 10 (as whole numbers), in the answer's own order; or None."""
    answer = _deciles_as_index(answer)
    if isinstance(answer, pd.DataFrame):
        numeric = answer.select_dtypes(include=["number", "bool"])
        if numeric.shape[1] != 1:
            return None
        answer = numeric.iloc[:, 0]
    if not isinstance(answer, pd.Series) or len(answer) != 10:
        return None
    try:
        index = pd.Index(pd.to_numeric(answer.index), dtype=float)
        values = pd.to_numeric(answer, errors="coerce").to_numpy(dtype=float)
    except (TypeError, ValueError):
        return None
    if sorted(index) != DECILES:
        return None
    return pd.Series(values, index=index.astype(int))


def _decile_table(answer: Any) -> pd.DataFrame | None:
    """An answer as deciles 1 to 10 down the side and ELEC, GAS across; None when it is not one."""
    answer = _deciles_as_index(answer)
    if not isinstance(answer, pd.DataFrame) or answer.shape != (10, 2):
        return None
    try:
        fuels = [_fuel(c) for c in answer.columns]
        deciles = pd.to_numeric(pd.Index(answer.index)).astype(int)
    except (TypeError, ValueError):
        return None
    if sorted(f or "" for f in fuels) != list(FUELS) or sorted(deciles) != DECILES:
        return None
    table = answer.apply(pd.to_numeric, errors="coerce").astype(float)
    return table.set_axis(fuels, axis=1).set_axis(deciles, axis=0).reindex(DECILES)[list(FUELS)]


# ------------------------------------------------------------------ q1: what is hidden


def _check_q1(answer, ctx: Context) -> list[str]:
    extract = ctx.table("lsoa_consumption")
    expected = suppressed_by_fuel(extract)
    table, problems = _by_fuel_table(answer, "the suppressed areas and their meters per fuel")
    if table is None:
        return problems
    missing = [c for c in ("areas", "meters") if c not in table.columns]
    if missing:
        return [f"Your table has no column named {', '.join(map(repr, missing))} "
                f"(it has: {', '.join(map(str, table.columns))}); name them areas and meters."]
    got = table[["areas", "meters"]].apply(pd.to_numeric, errors="coerce")
    if _close(got, expected, atol=0, rel=0):
        return []
    every = extract.groupby("FUEL").agg(areas=("LSOA_CD", "size"), meters=("METERS", "sum")).reindex(list(FUELS))
    shown = extract[extract["TOTAL_KWH"].notna()]
    published = shown.groupby("FUEL").agg(areas=("LSOA_CD", "size"), meters=("METERS", "sum")).reindex(list(FUELS))
    if _close(got, every, atol=0, rel=0):
        return ["Those are every area and meter the supplier sent: keep only the suppressed rows first, the ones "
                "whose TOTAL_KWH is empty (.isna())."]
    if _close(got, published, atol=0, rel=0):
        return ["Those are the areas whose figures were published: the suppressed ones are those whose TOTAL_KWH is "
                "empty (.isna(), not .notna())."]
    if _close(got["areas"], expected["areas"], atol=0, rel=0):
        if _close(got["meters"], expected["areas"], atol=0, rel=0):
            return ["The areas are right, but meters counts rows again: add up the METERS column of the suppressed "
                    "rows ('sum', not 'size')."]
        return [f"The areas are right; the meters are not: expected {int(expected.loc['ELEC', 'meters']):,} "
                f"electricity meters, you have {got.loc['ELEC', 'meters']:,.0f}. Add up METERS in the suppressed rows."]
    if _close(got.loc[:, ::-1].to_numpy(), expected.to_numpy(), atol=0, rel=0):
        return ["The two columns are swapped: areas is the number of suppressed rows, meters the METERS in them."]
    fuel = "ELEC" if not _close(got.loc["ELEC"], expected.loc["ELEC"], atol=0, rel=0) else "GAS"
    return [f"For {fuel} expected {int(expected.loc[fuel, 'areas']):,} suppressed areas holding "
            f"{int(expected.loc[fuel, 'meters']):,} meters; you have {got.loc[fuel, 'areas']:,.0f} and "
            f"{got.loc[fuel, 'meters']:,.0f}."]


# ------------------------------------------------------------ q2: the published total


def _check_q2(answer, ctx: Context) -> list[str]:
    extract, meters = ctx.table("lsoa_consumption"), ctx.table("meters")
    expected = missing_share(extract, meters)
    got = _fuel_series(answer)
    if got is None:
        if isinstance(answer, pd.Series) or isinstance(answer, pd.DataFrame):
            return ["Give one per cent per fuel, labelled ELEC and GAS (or Electricity and Gas); "
                    f"you gave {compare.describe(answer)} labelled {list(answer.index[:4])}."]
        return [f"I expected a Series: one per cent per fuel, labelled by fuel; you gave {compare.describe(answer)}."]
    if not np.isfinite(got.to_numpy(dtype=float)).all():
        return ["Some of your per cents are empty (NaN): are the fuels labelled the same way on both sides before "
                "you subtract? ELEC is not Electricity until you .rename() one of them."]
    if _close(got, expected, atol=UNROUNDED, rel=1e-5):
        return []
    true = _true_totals(meters)
    published = extract.groupby("FUEL")["TOTAL_KWH"].sum().reindex(list(FUELS))
    hidden = suppressed_by_fuel(extract)["meters"]
    all_meters = extract.groupby("FUEL")["METERS"].sum().reindex(list(FUELS))
    for wrong, message in (
        (expected / 100, "These look like fractions (0.03); give per cents (3)."),
        (100 - expected, "That is the per cent that *is* published; the question asks what is missing."),
        ((true - published) / published * 100, "Divide by the true total from the meter table, not by the published "
                                               "total: the question asks what share of the truth is missing."),
        (true - published, "That is the missing kWh itself; give it as a per cent of the true total."),
        (hidden / all_meters * 100, "That is the per cent of *meters* in suppressed areas; the question asks about "
                                    "the kWh, from annual_kwh in the meter table and TOTAL_KWH in the extract."),
    ):
        if _close(got, wrong, atol=UNROUNDED, rel=1e-5):
            return [message]
    fuel = "ELEC" if not _close(got["ELEC"], expected["ELEC"], atol=UNROUNDED, rel=1e-5) else "GAS"
    direction = "too high" if got[fuel] > expected[fuel] else "too low"
    return [f"Your per cent for {fuel}, {got[fuel]:,.3g}, is {direction}: the missing kWh is the true total (sum of "
            "annual_kwh for the fuel) minus the sum of TOTAL_KWH, as a per cent of the true total."]


# ------------------------------------------------------ q3: disclosure by differencing


def _pairs(answer: Any) -> set[tuple[str, str]] | None:
    """(ward_code, ELEC/GAS) pairs from a table, a Series labelled by ward and fuel, or a list of pairs."""
    if isinstance(answer, pd.Series):
        if pd.api.types.is_bool_dtype(answer):
            answer = answer[answer]
        if answer.index.nlevels != 2:
            return None
        rows = list(answer.index)
    elif isinstance(answer, pd.DataFrame):
        table = answer.reset_index() if "ward_code" not in answer.columns else answer
        fuel = _fuel_column(table)
        if "ward_code" not in table.columns or fuel is None:
            return None
        rows = list(zip(table["ward_code"], table[fuel]))
    elif isinstance(answer, (list, tuple, set, frozenset, pd.Index)):
        rows = list(answer)
        if not all(isinstance(r, tuple) and len(r) == 2 for r in rows):
            return None
    else:
        return None
    pairs = set()
    for a, b in rows:
        if _fuel(b) is not None:
            pairs.add((str(a), _fuel(b)))
        elif _fuel(a) is not None:
            pairs.add((str(b), _fuel(a)))
        else:
            return None
    return pairs


def _check_q3(answer, ctx: Context) -> list[str]:
    extract, lsoas = ctx.table("lsoa_consumption"), ctx.table("lsoas")
    got = _pairs(answer)
    if got is None:
        if isinstance(answer, pd.DataFrame) and "ward_code" in set(answer.columns) | set(answer.index.names):
            return ["Keep the fuels apart: a ward's electricity and gas are published separately, so give a FUEL "
                    "column beside ward_code (group by both)."]
        if isinstance(answer, pd.Series) and answer.index.nlevels == 1:
            return ["Your answer is labelled by one thing only: group by ward_code *and* FUEL, so each ward and fuel "
                    "is judged on its own."]
        return ["I expected a table with the columns ward_code and FUEL, one row per ward and fuel at risk; "
                f"you gave {compare.describe(answer)}."]
    expected = disclosive_wards(extract, lsoas)
    if got == expected:
        if isinstance(answer, pd.DataFrame) and len(answer) != len(got):
            return ["Some wards and fuels appear more than once: list each at most once."]
        return []
    per_ward = _hidden_per_ward(extract, lsoas)
    exactly_one = set(per_ward.index[per_ward["areas"] == 1])
    any_hidden = set(per_ward.index)
    up_to_five = set(per_ward.index[per_ward["meters"] <= SUPPRESS_BELOW])
    if got == exactly_one:
        return ["You listed the wards with exactly one suppressed area. A ward with two or three small suppressed "
                "areas is at risk too: what matters is how many meters its suppressed areas hold between them "
                f"(fewer than {SUPPRESS_BELOW})."]
    if got == any_hidden:
        return [f"That is every ward with a suppressed area. Where the suppressed areas hold {SUPPRESS_BELOW} or more "
                "meters between them, the left-over is not a figure about fewer than 5 meters: add up METERS of the "
                "suppressed areas per ward and fuel, and keep those under 5."]
    if got == up_to_five:
        return [f"Fewer than {SUPPRESS_BELOW} means 1 to 4: a ward whose suppressed areas hold exactly "
                f"{SUPPRESS_BELOW} meters is not at risk (< 5, not <= 5)."]
    extra, absent = sorted(got - expected), sorted(expected - got)
    if extra:
        ward, fuel = extra[0]
        if (ward, fuel) in per_ward.index:
            held = int(per_ward.loc[(ward, fuel), "meters"])
            why = f"its suppressed {fuel} areas hold {held} meters between them"
        else:
            why = f"none of its {fuel} areas is suppressed"
        return [f"Ward {ward} ({fuel}) is not at risk: {why}. ({len(extra):,} listed that should not be.)"]
    ward, fuel = absent[0]
    held = int(per_ward.loc[(ward, fuel), "meters"])
    return [f"Ward {ward} ({fuel}) is missing: its suppressed areas hold only {held} meters between them, so its "
            f"total would give them away. ({len(absent):,} missing.)"]


# ------------------------------------------------------------ q4: prepayment by decile


def _check_q4(answer, ctx: Context) -> list[str]:
    meters, lsoas = ctx.table("meters"), ctx.table("lsoas")
    expected = prepayment_by_decile(meters, lsoas)
    got = _decile_series(answer)
    if got is not None and _close(got.reindex(DECILES), expected, atol=ONE_DECIMAL):
        if list(got.index) != DECILES:
            return ["The per cents are right; now put them in decile order, 1 to 10 (.sort_index())."]
        return []
    joined = meters.merge(lsoas[["lsoa_code", "imd_decile"]], on="lsoa_code")
    by_area = joined.groupby(["imd_decile", "lsoa_code"])["prepayment"].mean().groupby("imd_decile").mean() * 100
    electric = joined[joined["fuel"].astype(str) == "Electricity"]
    counts = joined.groupby("imd_decile")["prepayment"].sum()
    mistakes = [
        (expected / 100, "These look like fractions (0.25); give per cents (25)."),
        (counts, "Those are numbers of prepayment meters; the question asks what per cent of each decile's meters "
                 "they are (.mean() of the True/False column, times 100)."),
        (counts / counts.sum() * 100, "Those add up to 100: they say how the prepayment meters split between the "
                                      "deciles. The question asks, within each decile, what per cent of its meters "
                                      "are prepayment."),
        (by_area, "That is the average of each area's share, so a small area counts as much as a large one: take "
                  "the share of all the meters in the decile."),
        (electric.groupby("imd_decile")["prepayment"].mean() * 100,
         "Those are electricity meters only; the question asks about both fuels together."),
    ]
    if got is not None:
        for wrong, message in mistakes:
            if _close(got.reindex(DECILES), wrong.reindex(DECILES), atol=ONE_DECIMAL):
                return [message]
    return compare.series(answer, expected, what="the per cent of meters on prepayment in each decile",
                          index_meaning="deciles 1 to 10", rel=1e-3, label_word="decile",
                          normalise_index=lambda i: pd.Index(pd.to_numeric(i)).astype(int)) or [
        "Some per cents are off by more than rounding to one decimal place allows."]


# ------------------------------------------------------------ q5: median use by decile


def _check_q5(answer, ctx: Context) -> list[str]:
    meters, lsoas = ctx.table("meters"), ctx.table("lsoas")
    expected = median_by_decile(meters, lsoas)
    if isinstance(answer, pd.Series):
        if answer.index.nlevels == 2:
            return ["Your medians are in one long column, labelled by decile and fuel: .unstack() turns the fuels "
                    "into columns, one row per decile."]
        return [f"You gave {compare.describe(answer)}: keep the fuels apart, one column each (group by decile and "
                "fuel, then .unstack()). A gas meter uses about four times what an electricity meter does."]
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame): deciles down the side, fuels across; you gave "
                f"{compare.describe(answer)}."]
    got = _decile_table(answer)
    sideways = isinstance(answer, pd.DataFrame) and answer.shape == (2, 10)
    if got is None and sideways and _decile_table(answer.T) is not None:
        return ["Your table is on its side: deciles should be the rows and the fuels the columns (.T turns it round)."]
    if got is None:
        return [f"I expected 10 rows (deciles 1 to 10) and 2 columns (Electricity and Gas); your table has "
                f"{answer.shape[0]} rows and columns {list(map(str, answer.columns))[:4]}."]
    if _close(got, expected, atol=WHOLE_KWH, rel=1e-5):
        labels = pd.to_numeric(pd.Index(_deciles_as_index(answer).index)).astype(int)
        if list(labels) != DECILES:
            return ["The medians are right; now put the deciles in order, 1 to 10 (.sort_index())."]
        return []
    extract = ctx.table("lsoa_consumption").merge(lsoas[["lsoa_code", "imd_decile"]], left_on="LSOA_CD",
                                                  right_on="lsoa_code")
    of_medians = extract.groupby(["imd_decile", "FUEL"])["MEDIAN_KWH"].median().unstack().reindex(DECILES)
    for wrong, message in (
        (median_by_decile(meters, lsoas, "mean"), "These are means, not medians: a few very large users pull the "
                                                  "mean up. Use .median()."),
        (of_medians[list(FUELS)], "That is the median of the areas' medians from the extract: each area counts "
                                  "once whatever its number of meters, and the suppressed areas are missing. Use "
                                  "annual_kwh in the meter table."),
        (expected[list(FUELS)[::-1]].to_numpy(), "The two columns are swapped: check which fuel is which."),
    ):
        if _close(got, wrong, atol=WHOLE_KWH, rel=1e-5):
            return [message]
    off = ~np.isclose(got.to_numpy(), expected.to_numpy(), rtol=1e-5, atol=WHOLE_KWH)
    row, col = map(int, np.argwhere(off)[0])
    fuel = NAMES[FUELS[col]]
    return [f"The median for {fuel} in decile {DECILES[row]} is {got.iloc[row, col]:,.1f} kWh; expected about "
            f"{expected.iloc[row, col]:,.1f} ({int(off.sum()) - 1} more are off too)."]


# ---------------------------------------------------------------- q6: the member's chart


def _labelled(text: str, *words: str) -> bool:
    return any(re.search(w, text or "", flags=re.IGNORECASE) for w in words)


def _own_q4(ctx: Context) -> pd.Series | None:
    got = _decile_series(ctx.earlier("q4"))
    if got is None or not np.isfinite(got.to_numpy()).all():
        return None
    return got.reindex(DECILES)


def _own_q5(ctx: Context) -> pd.DataFrame | None:
    try:
        got = _decile_table(ctx.earlier("q5"))
    except Exception:  # an odd earlier answer: the reference decides
        return None
    return got if got is not None and np.isfinite(got.to_numpy()).all() else None


def _candidates(ctx: Context) -> list[tuple[str, np.ndarray, float]]:
    """(measure, heights for deciles 1 to 10, tolerance) the chart may show: the learner's own and the reference."""
    meters, lsoas = ctx.table("meters"), ctx.table("lsoas")
    found = []
    for q4 in (_own_q4(ctx), prepayment_by_decile(meters, lsoas)):
        if q4 is not None:
            found.append(("prepayment", q4.to_numpy(dtype=float), ONE_DECIMAL))
    for q5 in (_own_q5(ctx), median_by_decile(meters, lsoas)):
        if q5 is not None:
            found += [(fuel, q5[fuel].to_numpy(dtype=float), WHOLE_KWH) for fuel in FUELS]
    return found


def _chart_values_problem(values: np.ndarray, ctx: Context) -> str:
    meters, lsoas = ctx.table("meters"), ctx.table("lsoas")
    for measure, want, tol in _candidates(ctx):
        if _close(np.sort(values), np.sort(want), atol=tol):
            return ("The heights are right but the deciles are out of order: draw deciles 1 to 10 from left to right "
                    "(sort by decile, not by value).")
        if measure == "prepayment" and _close(values, want / 100, atol=ONE_DECIMAL / 100):
            return "The bars are fractions (0.25); draw per cents (25), as in question 4."
    means = median_by_decile(meters, lsoas, "mean")
    if any(_close(values, means[f], atol=WHOLE_KWH) for f in FUELS):
        return "Those are mean kWh; the chart should show the median, as in question 5."
    return ("The bar heights are not one of your measures: the per cents from question 4, or one fuel's column from "
            "question 5, in decile order 1 to 10.")


def _check_q6(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    chart: ChartData
    if len(chart.bars) == 20:
        return ["Your chart has 20 bars: show one measure (prepayment, or one fuel's median), ten bars, one per "
                "decile. One point per chart."]
    if len(chart.bars) != 10:
        return [f"Your chart has {len(chart.bars)} bars; expected one per decile (10)."]
    if chart.horizontal:
        return ["Use upright bars (ax.bar) with deciles 1 to 10 from left to right."]
    labels, values = chart.bar_values()
    heights = np.asarray(values, dtype=float)
    numbered = [int(t) for t in labels if re.fullmatch(r"\d+(\.0+)?", t.strip())]
    if len(numbered) == 10 and sorted(numbered) == DECILES and numbered != DECILES:
        return ["The deciles are out of order: draw deciles 1 to 10 from left to right (sort by decile, not by value)."]
    shown = next((measure for measure, want, tol in _candidates(ctx) if _close(heights, want, atol=tol)), None)
    if shown is None:
        return [_chart_values_problem(heights, ctx)]
    problems = []
    if not _labelled(chart.xlabel, "decile"):
        problems.append("Label the horizontal axis so a reader knows 1 is the most deprived, "
                        "e.g. 'IMD decile (1 = most deprived 10%)'.")
    if shown == "prepayment":
        if not _labelled(chart.ylabel, r"%", r"per ?cent", "percent"):
            problems.append(f"Label the vertical axis with the unit, e.g. '% of meters on prepayment'; it says "
                            f"{chart.ylabel!r}.")
        if not _labelled(chart.title, "prepay"):
            problems.append("Give the chart a title that says it is about prepayment meters (ax.set_title(...)).")
    else:
        if not _labelled(chart.ylabel, "kwh", "kilowatt"):
            problems.append(f"Label the vertical axis with the unit, e.g. 'Median kWh a year per meter'; it says "
                            f"{chart.ylabel!r}.")
        fuel_words = ("electric",) if shown == "ELEC" else ("gas",)
        if not chart.title.strip():
            problems.append("Give the chart a title that says what it shows (ax.set_title(...)).")
        elif not _labelled(chart.title + " " + chart.ylabel, *fuel_words):
            problems.append(f"Say which fuel the bars show ({NAMES[shown].lower()}) in the title or the axis label: "
                            "a gas meter uses about four times what an electricity meter does.")
    return problems


# ------------------------------------------------------------ q7: what the terms allow


def _form_q7(answer, ctx: Context) -> list[str]:
    return compare.statements_form(answer, TERMS)


def _check_q7(answer, ctx: Context) -> list[str]:
    return compare.statements(answer, {k: allowed for k, (allowed, _) in TERMS.items()})


MODULE = ModuleSpec(
    id="m10",
    title="Energy and fuel poverty from a utility's extract",
    dataset="utilities",
    rows=40_000,
    tables_for_learner=("lsoa_consumption", "meters", "lsoas"),
    exercises=(
        ExerciseSpec(
            "q1", "What suppression hides", _check_q1,
            hints=("Keep only the suppressed rows (TOTAL_KWH empty), then make one row per fuel: how many rows, and "
                   "the sum of their METERS.",
                   "The worked example built a pivot table with .groupby('FUEL').agg(name=(column, how)); do the same "
                   "on the suppressed rows only, with 'size' for areas and 'sum' for meters.",
                   "Skeleton:\n"
                   "hidden = extract[extract[___].___()]\n"
                   "answer_q1 = hidden.groupby(___).agg(areas=(___, 'size'), meters=(___, ___))"),
            praise="Now you know how much of the supplier's picture is blank before anyone adds it up.",
        ),
        ExerciseSpec(
            "q2", "The published total against the truth", _check_q2,
            hints=("Two totals per fuel: the truth from the meter table (annual_kwh) and the published one from the "
                   "extract (TOTAL_KWH, whose .sum() skips the empty cells). Missing = truth minus published, as a "
                   "per cent of the truth.",
                   "The two tables name the fuels differently. Group each by its own fuel column, then translate the "
                   "extract's labels with .rename({'ELEC': 'Electricity', 'GAS': 'Gas'}) as in the example, so the "
                   "subtraction matches label by label.",
                   "Skeleton:\n"
                   "true_total = meters.groupby(___)[___].sum()\n"
                   "published = extract.groupby(___)[___].sum().rename(___)\n"
                   "answer_q2 = (___ - ___) / ___ * 100"),
            praise="A few per cent missing, silently: the total of a suppressed extract is always an undercount.",
        ),
        ExerciseSpec(
            "q3", "Ward totals that would give a suppressed area away", _check_q3,
            hints=("Join each area's ward onto the extract, keep the suppressed rows, and add up their METERS per "
                   "ward and fuel. The wards and fuels at risk are those where that sum is under 5.",
                   "The example joined the geography with .merge(..., left_on='LSOA_CD', right_on='lsoa_code') and "
                   "grouped by two columns; group by ward_code and FUEL instead of council_code and FUEL, and sum "
                   "METERS. .reset_index() turns the labels back into columns.",
                   "Skeleton:\n"
                   "joined = extract.merge(lsoas[[___, ___]], left_on=___, right_on=___)\n"
                   "hidden = joined[joined[___].isna()]\n"
                   "per_ward = hidden.groupby([___, ___])[___].sum().reset_index()\n"
                   "answer_q3 = per_ward[per_ward[___] ___ 5]"),
            praise="These are the wards where a helpful-looking total would undo the supplier's suppression: "
                   "publish them as suppressed, or publish a larger area instead.",
        ),
        ExerciseSpec(
            "q4", "Prepayment meters by deprivation decile", _check_q4,
            hints=("Join each meter's IMD decile from lsoas, then for each decile take the share of meters whose "
                   "prepayment is True, as a per cent.",
                   "The mean of a True/False column is the share of Trues, as in the Economy 7 example; group by "
                   "imd_decile instead of council_code, and keep both fuels.",
                   "Skeleton:\n"
                   "with_decile = meters.merge(lsoas[[___, ___]], on=___)\n"
                   "answer_q4 = with_decile.groupby(___)[___].mean() * ___"),
            praise="A steep gradient: prepayment is several times as common in the most deprived areas.",
        ),
        ExerciseSpec(
            "q5", "Typical use by deprivation decile", _check_q5,
            hints=("Join each meter's IMD decile, then take the median annual_kwh for each decile and fuel, with "
                   "the fuels as columns.",
                   "The example grouped by council_code and fuel, took the median and used .unstack() to turn the "
                   "fuels into columns; group by imd_decile instead.",
                   "Skeleton:\n"
                   "with_decile = meters.merge(___, on='lsoa_code')\n"
                   "answer_q5 = with_decile.groupby([___, ___])[___].median().___()"),
            praise="Lower use where deprivation is higher: smaller homes, or cold ones. The numbers cannot say which.",
        ),
        ExerciseSpec(
            "q6", "One chart for the cabinet member", _check_q6, builds_on=("q4", "q5"),
            hints=("Choose one measure: your question 4 per cents, or one fuel's column of question 5. Draw ten "
                   "upright bars, deciles 1 to 10 from left to right, with a title and both axes labelled.",
                   "As in the example: ax.bar(deciles, heights), ax.set_xlabel(...) saying 1 = most deprived, "
                   "ax.set_ylabel(...) with the unit (% or kWh), ax.set_title(...). For a fuel, name it in the "
                   "title. fig.text(...) adds the attribution.",
                   "Skeleton:\n"
                   "fig, ax = plt.subplots(figsize=(7, 4))\n"
                   "ax.bar(___.index, ___.values)\n"
                   "ax.set_xlabel(___)\n"
                   "ax.set_ylabel(___)\n"
                   "ax.set_title(___)\n"
                   "fig.text(0.01, 0.01, ___, fontsize=7)\n"
                   "answer_q6 = ax"),
            praise="One measure, deciles in order, units on the axis and the source at the foot: a chart a member "
                   "can quote.",
        ),
        ExerciseSpec(
            "q7", "What the agreement allows", _check_q7,
            hints=("Read the five terms again. For each statement ask: is it aggregate (groups of 5 meters or more), "
                   "does it keep suppressed figures suppressed, is it for fuel poverty or energy-efficiency work, "
                   "and does it carry the attribution?",
                   "Question 3 showed that a ward total can give suppressed areas away by subtraction. Meter counts "
                   "are not suppressed; consumption figures are. Briefings for members are outputs too.",
                   "answer_q7 = {'publish_a_chart_of_prepayment_share_by_decile_with_the_attribution': ___,\n"
                   "             'publish_ward_totals_from_the_meter_table_beside_the_lsoa_extract': ___,\n"
                   "             ...}  # True or False for each of the eight; marked when you submit"),
            praise="These are the questions the supplier's data protection team will ask before the next extract.",
            form=_form_q7,
        ),
    ),
)
