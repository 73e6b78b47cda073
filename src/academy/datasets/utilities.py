"""Domestic energy consumption, as a utility company would supply it to a council.

The supplier sends an LSOA-level extract in its own shouting-caps column names
with small counts suppressed (fewer than 5 meters: values withheld), the way
sub-national energy statistics are released; the meter-level table behind it
is included so learners can check what suppression hides.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _vector as v
from ._core import DSA, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import CARD as GEO_CARD
from .geography import geography_tables, lsoa_frame

YEAR = 2024
SUPPRESS_BELOW = 5
#: fuel -> (share of meters, median kWh a year, spread, deprivation effect per sd)
FUELS = {"Electricity": (0.55, 2_700.0, 0.45, -0.07), "Gas": (0.45, 11_000.0, 0.40, -0.09)}
#: The log-odds that a meter is on prepayment: (intercept, rise per sd of deprivation). In the most deprived
#: decile about a third of meters are prepayment meters, in the least deprived a few per cent.
PREPAYMENT_LOGIT = (-1.6, 0.7)

CARD = Card(
    name="utilities",
    title="Domestic gas and electricity consumption",
    description=(
        f"Annual domestic energy use for {YEAR}: a meter-level table and the LSOA-level extract the "
        "energy supplier sends to the council, in the supplier's own column names, with areas of "
        f"fewer than {SUPPRESS_BELOW} meters suppressed."
    ),
    licence=DSA,
    primary_table="meters",
    rows_meaning="the number of meters",
    default_rows=100_000,
    min_rows=100,
    tables=(
        TableSpec(
            "meters",
            "One row per domestic meter.",
            (
                Column("meter_id", "str", "Pseudonymised meter number"),
                Column("lsoa_code", "str", "LSOA of the property"),
                Column("fuel", "category", "Electricity or Gas"),
                Column("annual_kwh", "float", f"Consumption in {YEAR}, kWh"),
                Column("economy7", "bool", "On an Economy 7 (off-peak) tariff; always false for gas"),
                Column("prepayment", "bool", "Prepayment meter"),
            ),
            key=("meter_id",),
            joins=(("lsoa_code", "lsoas", "lsoa_code"),),
        ),
        TableSpec(
            "lsoa_consumption",
            "The supplier's extract: one row per LSOA and fuel. Suppressed values are empty.",
            (
                Column("LSOA_CD", "str", "LSOA code"),
                Column("FUEL", "str", "ELEC or GAS"),
                Column("YEAR", "int", "Calendar year"),
                Column("METERS", "int", "Number of meters"),
                Column("TOTAL_KWH", "float", "Total consumption, kWh (empty when suppressed)", nullable=True),
                Column("MEAN_KWH", "float", "Mean per meter, kWh (empty when suppressed)", nullable=True),
                Column("MEDIAN_KWH", "float", "Median per meter, kWh (empty when suppressed)", nullable=True),
            ),
            key=("LSOA_CD", "FUEL"),
            joins=(("LSOA_CD", "lsoas", "lsoa_code"),),
        ),
        GEO_CARD.table("lsoas"),
    ),
    truths=(
        "The median kWh per fuel and how consumption falls with deprivation (truth['model']).",
        f"Which LSOA and fuel cells were suppressed for having fewer than {SUPPRESS_BELOW} meters "
        "(truth['suppressed']).",
        "How the chance that a meter is on prepayment rises with deprivation, on the log-odds scale "
        "(truth['prepayment']): several times as common in IMD decile 1 as in decile 10.",
    ),
)


@register(CARD)
def make_utilities(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` meters and the supplier's LSOA extract built from them."""
    n = check_rows(CARD, n)
    rng = rng_for(seed, "utilities")
    lsoas = lsoa_frame(seed)
    dep = lsoas["deprivation"].to_numpy()
    dep_sd = (dep - dep.mean()) / dep.std()
    # The supplier's market share differs from area to area, so a few LSOAs
    # hold so few of its meters that their figures must be suppressed.
    share = lsoas["households"].to_numpy() * rng.gamma(1.5, 1 / 1.5, len(lsoas))
    where = rng.choice(len(lsoas), size=n, p=share / share.sum())
    names = list(FUELS)
    spec = np.array([FUELS[k] for k in names])
    fuel = rng.choice(len(names), size=n, p=spec[:, 0] / spec[:, 0].sum())
    kwh = spec[fuel, 1] * np.exp(spec[fuel, 3] * dep_sd[where] + spec[fuel, 2] * rng.standard_normal(n))
    prepay = rng.random(n) < 1 / (1 + np.exp(-(PREPAYMENT_LOGIT[0] + PREPAYMENT_LOGIT[1] * dep_sd[where])))

    meters = pd.DataFrame(
        {
            "meter_id": v.ids("MTR", n, 9),
            "lsoa_code": v.take(lsoas["lsoa_code"], where),
            "fuel": v.labels(fuel, names),
            "annual_kwh": np.round(kwh, 1),
            "economy7": (fuel == 0) & (rng.random(n) < 0.12),
            "prepayment": prepay,
        }
    )

    agg = (
        meters.groupby(["lsoa_code", "fuel"], observed=True, sort=True)["annual_kwh"]
        .agg(METERS="size", TOTAL_KWH="sum", MEAN_KWH="mean", MEDIAN_KWH="median")
        .reset_index()
    )
    suppressed = agg["METERS"] < SUPPRESS_BELOW
    for col in ("TOTAL_KWH", "MEAN_KWH", "MEDIAN_KWH"):
        agg[col] = agg[col].round(1).where(~suppressed)
    extract = pd.DataFrame(
        {
            "LSOA_CD": agg["lsoa_code"].astype("str"),
            "FUEL": agg["fuel"].map({"Electricity": "ELEC", "Gas": "GAS"}).astype("str"),
            "YEAR": np.full(len(agg), YEAR, dtype=np.int64),
            "METERS": agg["METERS"].astype(np.int64),
            "TOTAL_KWH": agg["TOTAL_KWH"].astype(float),
            "MEAN_KWH": agg["MEAN_KWH"].astype(float),
            "MEDIAN_KWH": agg["MEDIAN_KWH"].astype(float),
        }
    )
    truth = {
        "model": {k: {"median_kwh": FUELS[k][1], "deprivation_effect_per_sd": FUELS[k][3]} for k in names},
        "suppressed": extract.loc[suppressed.to_numpy(), ["LSOA_CD", "FUEL"]].reset_index(drop=True),
        "suppress_below": SUPPRESS_BELOW,
        "prepayment": {"intercept": PREPAYMENT_LOGIT[0], "deprivation_effect_per_sd": PREPAYMENT_LOGIT[1]},
    }
    tables = {"meters": meters, "lsoa_consumption": extract, **geography_tables(seed, "lsoas")}
    return Dataset(tables, truth, CARD.with_params(n=n, seed=seed))
