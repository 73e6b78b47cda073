"""A council's own council-tax base: every dwelling's band, and the year's charges.

Charges follow the statutory ratios to band D (A 6/9, B 7/9, C 8/9, D 9/9,
E 11/9, F 13/9, G 15/9, H 18/9). Bands follow deprivation: in deprived areas
most homes are band A, as across much of the North West.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _vector as v
from ._core import OGL, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import CARD as GEO_CARD
from .geography import geography_tables, lsoa_frame

BANDS = ("A", "B", "C", "D", "E", "F", "G", "H")
NINTHS = (6, 7, 8, 9, 11, 13, 15, 18)
FINANCIAL_YEAR = "2024-25"
#: Band shares for the most and the least deprived areas; others lie between.
SHARES_DEPRIVED = np.array([0.72, 0.15, 0.07, 0.03, 0.015, 0.01, 0.004, 0.001])
SHARES_AFFLUENT = np.array([0.10, 0.18, 0.26, 0.20, 0.12, 0.08, 0.05, 0.01])

CARD = Card(
    name="council_tax",
    title="Council-tax base and charges",
    description=(
        f"One council's council-tax base for {FINANCIAL_YEAR}: every dwelling with its band (A-H), "
        "whether it gets the single-person discount, and the year's charge for each band, set from "
        "band D by the statutory ninths. Which council depends on the seed."
    ),
    licence=OGL,
    primary_table="properties",
    rows_meaning="the number of dwellings",
    default_rows=30_000,
    min_rows=100,
    tables=(
        TableSpec(
            "properties",
            "One row per dwelling on the valuation list.",
            (
                Column("property_ref", "str", "Council-tax property reference"),
                Column("council_code", "str", "Billing council"),
                Column("lsoa_code", "str", "LSOA of the dwelling"),
                Column("band", "category", "Council-tax band, A (lowest) to H"),
                Column("single_person_discount", "bool", "Gets the 25% single-person discount"),
            ),
            key=("property_ref",),
            joins=(("lsoa_code", "lsoas", "lsoa_code"), ("band", "band_charges", "band")),
        ),
        TableSpec(
            "band_charges",
            f"The council's charge per band for {FINANCIAL_YEAR}.",
            (
                Column("council_code", "str", "Billing council"),
                Column("financial_year", "str", "Financial year, April to March"),
                Column("band", "str", "Band"),
                Column("ratio_to_band_d", "str", "The statutory ratio, e.g. 6/9"),
                Column("charge", "float", "Annual charge before discounts, pounds"),
            ),
            key=("band",),
        ),
        GEO_CARD.table("lsoas"),
    ),
    truths=(
        "The council and its band D charge (truth['council_code'], truth['band_d']); every band's charge is band D "
        "times its ninths, rounded to the penny.",
        "How band shares move with deprivation (truth['shares_deprived'], truth['shares_affluent']).",
    ),
)


@register(CARD)
def make_council_tax(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` dwellings of one council, chosen by the seed, with its band charges."""
    n = check_rows(CARD, n)
    rng = rng_for(seed, "council_tax")
    lsoas = lsoa_frame(seed)
    councils = lsoas["council_code"].unique()
    council = str(councils[rng.integers(0, len(councils))])
    own = lsoas[lsoas["council_code"] == council].reset_index(drop=True)
    where = rng.choice(len(own), size=n, p=(h := own["households"].to_numpy()) / h.sum())
    # 0 = most deprived in the council's range, 1 = least.
    dep = own["deprivation"].to_numpy()
    t = ((dep.max() - dep) / (dep.max() - dep.min() + 1e-9))[where]
    shares = (1 - t)[:, None] * SHARES_DEPRIVED + t[:, None] * SHARES_AFFLUENT
    band = v.choice_per_row(rng, shares)
    single = rng.random(n) < np.where(band <= 1, 0.40, 0.28)

    band_d = round(float(rng.uniform(1950, 2350)), 2)
    charges = [round(band_d * k / 9, 2) for k in NINTHS]
    properties = pd.DataFrame(
        {
            "property_ref": v.ids(f"CT{council[-2:]}", n, 7),
            "council_code": v.constant(council, n),
            "lsoa_code": v.take(own["lsoa_code"], where),
            "band": v.labels(band, BANDS),
            "single_person_discount": single,
        }
    )
    band_charges = pd.DataFrame(
        {
            "council_code": pd.Series([council] * len(BANDS), dtype=v.STR),
            "financial_year": pd.Series([FINANCIAL_YEAR] * len(BANDS), dtype=v.STR),
            "band": pd.Series(BANDS, dtype=v.STR),
            "ratio_to_band_d": pd.Series([f"{k}/9" for k in NINTHS], dtype=v.STR),
            "charge": charges,
        }
    )
    truth = {
        "council_code": council,
        "band_d": band_d,
        "charges": dict(zip(BANDS, charges)),
        "shares_deprived": dict(zip(BANDS, SHARES_DEPRIVED.tolist())),
        "shares_affluent": dict(zip(BANDS, SHARES_AFFLUENT.tolist())),
    }
    tables = {"properties": properties, "band_charges": band_charges, **geography_tables(seed, "lsoas")}
    return Dataset(tables, truth, CARD.with_params(n=n, seed=seed))
