"""Anti-social behaviour and youth-offending incidents with dates and places.

Incidents are more common in deprived areas, peak in summer evenings, and a
few planted hotspot LSOAs have several times their expected rate, which a
map or a rate-per-1,000 table should reveal.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _vector as v
from ._core import OGL, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import CARD as GEO_CARD
from .geography import geography_tables, lsoa_frame

START, END = "2022-04-01", "2025-03-31"
ASB_CATEGORIES = (
    "Rowdy or inconsiderate behaviour", "Neighbour dispute", "Vehicle nuisance", "Noise",
    "Street drinking", "Youth-related nuisance", "Criminal damage",
)
ASB_SHARES = (0.30, 0.16, 0.14, 0.12, 0.08, 0.12, 0.08)
YOUTH_OFFENCES = ("Theft", "Violence against the person", "Criminal damage", "Drugs", "Public order")
OUTCOMES = ("Advice or warning given", "Community resolution", "No further action", "Referred to youth justice service",
            "Under investigation")
#: Summer peak: Jan..Dec.
MONTH_WEIGHT = (0.80, 0.78, 0.88, 0.95, 1.05, 1.20, 1.30, 1.28, 1.05, 1.00, 0.90, 0.81)
HOUR_WEIGHT = np.array([3, 2, 1.5, 1, 0.8, 0.6, 0.8, 1.2, 1.8, 2.2, 2.6, 3,
                        3.4, 3.6, 3.9, 4.6, 5.4, 6, 6.6, 6.8, 6.5, 5.6, 4.6, 3.8])
HOTSPOT_SHARE, HOTSPOT_FACTOR = 0.02, 4.0
YOUTH_SHARE = 0.18

CARD = Card(
    name="incidents",
    title="Anti-social behaviour and youth offending incidents",
    description=(
        "Incidents reported to the council's community safety team, "
        f"{START} to {END} (financial years 2022-23 to 2024-25): anti-social behaviour by "
        "category, and offences by young people aged 10-17, each with a date, a time and a place."
    ),
    licence=OGL,
    primary_table="incidents",
    rows_meaning="the number of incidents",
    default_rows=20_000,
    min_rows=100,
    tables=(
        TableSpec(
            "incidents",
            "One row per incident.",
            (
                Column("incident_id", "str", "Incident reference"),
                Column("reported_at", "datetime", "When the incident was reported"),
                Column("financial_year", "category", "Financial year, April to March, e.g. 2024-25"),
                Column("incident_type", "category", "Anti-social behaviour or Youth offence"),
                Column("category", "category", "ASB category or offence type"),
                Column("lsoa_code", "str", "LSOA where it happened"),
                Column("ward_code", "str", "Ward where it happened"),
                Column("latitude", "float", "Approximate latitude (blurred to the area)"),
                Column("longitude", "float", "Approximate longitude (blurred to the area)"),
                Column("age_band", "category", "Age band of the young person (youth offences) or Unknown"),
                Column("outcome", "category", "What happened next"),
            ),
            key=("incident_id",),
            joins=(("lsoa_code", "lsoas", "lsoa_code"), ("ward_code", "wards", "ward_code")),
        ),
        GEO_CARD.table("lsoas"),
        GEO_CARD.table("wards"),
    ),
    truths=(
        "The planted hotspot LSOAs (truth['hotspots']) with several times their expected incident rate.",
        "The monthly seasonality (summer peak) and the deprivation effect on the rate (truth['rate_model']).",
    ),
)


@register(CARD)
def make_incidents(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` incidents; truth lists the planted hotspots."""
    n = check_rows(CARD, n)
    rng = rng_for(seed, "incidents")
    lsoas = lsoa_frame(seed)
    dep = lsoas["deprivation"].to_numpy()
    hotspot = rng.random(len(lsoas)) < HOTSPOT_SHARE
    rate = lsoas["population"].to_numpy() * np.exp(0.45 * dep) * np.where(hotspot, HOTSPOT_FACTOR, 1.0)
    where = rng.choice(len(lsoas), size=n, p=rate / rate.sum())

    days = v.seasonal_days(rng, START, END, n, MONTH_WEIGHT)
    seconds = rng.choice(24, size=n, p=HOUR_WEIGHT / HOUR_WEIGHT.sum()) * 3600 + rng.integers(0, 3600, n)
    reported_at = days + pd.to_timedelta(seconds, unit="s")

    youth = rng.random(n) < YOUTH_SHARE
    asb_cat = rng.choice(len(ASB_CATEGORIES), size=n, p=np.asarray(ASB_SHARES) / sum(ASB_SHARES))
    youth_cat = rng.choice(len(YOUTH_OFFENCES), size=n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    categories = list(ASB_CATEGORIES) + [c for c in YOUTH_OFFENCES if c not in ASB_CATEGORIES]
    youth_codes = np.array([categories.index(c) for c in YOUTH_OFFENCES])[youth_cat]
    age_bands = ["10-13", "14-15", "16-17", "Unknown"]
    age = np.where(youth, rng.choice(3, size=n, p=[0.2, 0.4, 0.4]), 3)
    outcome = np.where(
        youth,
        rng.choice(len(OUTCOMES), size=n, p=[0.2, 0.25, 0.1, 0.35, 0.1]),
        rng.choice(len(OUTCOMES), size=n, p=[0.45, 0.15, 0.3, 0.0, 0.1]),
    )

    order = np.argsort(reported_at.asi8, kind="stable")
    incidents = pd.DataFrame(
        {
            "incident_id": v.ids("ASB-", n, 7),
            "reported_at": reported_at[order],
            "financial_year": v.financial_year(reported_at[order]),
            "incident_type": v.labels(youth[order].astype(np.int8), ["Anti-social behaviour", "Youth offence"]),
            "category": v.labels(np.where(youth, youth_codes, asb_cat)[order], categories),
            "lsoa_code": v.take(lsoas["lsoa_code"], where[order]),
            "ward_code": v.take(lsoas["ward_code"], where[order]),
            "latitude": np.round(lsoas["latitude"].to_numpy()[where][order] + rng.normal(0, 0.002, n), 5),
            "longitude": np.round(lsoas["longitude"].to_numpy()[where][order] + rng.normal(0, 0.003, n), 5),
            "age_band": v.labels(age[order], age_bands),
            "outcome": v.labels(outcome[order], OUTCOMES),
        }
    )
    truth = {
        "hotspots": lsoas.loc[hotspot, "lsoa_code"].tolist(),
        "rate_model": {"deprivation_coefficient": 0.45, "hotspot_factor": HOTSPOT_FACTOR,
                       "month_weight": dict(zip(range(1, 13), MONTH_WEIGHT))},
    }
    tables = {"incidents": incidents, **geography_tables(seed, "lsoas", "wards")}
    return Dataset(tables, truth, CARD.with_params(n=n, seed=seed))
