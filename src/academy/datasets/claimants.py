"""Sickness-benefit claimants with three planted segments, for the segmentation module.

The segments follow the alpha project's findings: an older, higher-paid group in
good health; a low-to-medium-paid group with very poor mental health (over half
clinically depressed, about 82% unmarried); and a mostly married, mostly male
group with poor physical functioning. Scaled k-means at k=3 can find them; two
features are there to trip people up: ``months_claiming`` carries no segment
signal, and ``distance_to_jobcentre_m`` carries none either but is measured in
metres, so k-means on unscaled data clusters on distance and fails.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _vector as v
from ._core import DSA, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import CARD as GEO_CARD
from .geography import geography_tables, lsoa_frame

SEGMENTS = ("older_higher_pay", "poor_mental_health", "married_male")
#: Per segment: age mean/sd, weekly pay mean/sd, physical mean/sd, mental mean/sd,
#: P(clinical depression), P(married), P(male).
PROFILE: dict[str, Any] = {
    "age": ((57, 5), (38, 8), (45, 7)),
    "weekly_pay": ((540, 85), (270, 70), (370, 80)),
    "physical_functioning": ((74, 10), (61, 12), (34, 11)),
    "mental_health_score": ((68, 10), (28, 10), (55, 11)),
    "p_depression": (0.12, 0.62, 0.25),
    "p_married": (0.50, 0.18, 0.63),
    "p_male": (0.50, 0.42, 0.78),
}
BASE_SHARES = (0.30, 0.40, 0.30)

CARD = Card(
    name="claimants",
    title="Sickness-benefit claimants",
    description=(
        "People claiming a sickness-related benefit, with age, previous pay, health scores "
        "(0-100, higher is better, in the style of the SF-36 questionnaire) and household facts. "
        "Used to find groups of claimants who need different kinds of support."
    ),
    licence=DSA,
    primary_table="claimants",
    rows_meaning="the number of claimants",
    default_rows=5_000,
    min_rows=30,
    tables=(
        TableSpec(
            "claimants",
            "One row per claimant.",
            (
                Column("claimant_id", "str", "Pseudonymous claimant identifier"),
                Column("lsoa_code", "str", "LSOA the claimant lives in"),
                Column("age", "int", "Age in years"),
                Column("sex", "category", "Female or Male"),
                Column("marital_status", "category", "Married or Unmarried"),
                Column("weekly_pay", "float", "Weekly pay before claiming, pounds"),
                Column("physical_functioning", "float", "Physical functioning score, 0-100 (higher is better)"),
                Column("mental_health_score", "float", "Mental health score, 0-100 (higher is better)"),
                Column("clinical_depression", "bool", "Diagnosed clinical depression"),
                Column("months_claiming", "int", "Months since the claim started"),
                Column("distance_to_jobcentre_m", "float", "Distance from home to the nearest Jobcentre, metres"),
                Column("research_consent", "bool", "Agreed to their record being used for research"),
            ),
            key=("claimant_id",),
            joins=(("lsoa_code", "lsoas", "lsoa_code"),),
        ),
        GEO_CARD.table("lsoas"),
    ),
    truths=(
        "Each claimant's true segment (truth['segments']): older_higher_pay, poor_mental_health or married_male.",
        "The profile each segment was drawn from (truth['profiles']) and the share of each segment.",
        "months_claiming and distance_to_jobcentre_m carry no segment signal; distance is on a much "
        "larger scale, so unscaled k-means fails while scaled k-means at k=3 recovers the segments.",
    ),
)


@register(CARD)
def make_claimants(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` claimants; ``truth['segments']`` holds each claimant's planted segment."""
    n = check_rows(CARD, n)
    rng = rng_for(seed, "claimants")
    shares = rng.dirichlet(np.asarray(BASE_SHARES) * 300)
    seg = rng.choice(len(SEGMENTS), size=n, p=shares)

    def normal(feature: str) -> np.ndarray:
        mean, sd = (np.asarray(x, dtype=float) for x in zip(*PROFILE[feature], strict=True))
        return mean[seg] + sd[seg] * rng.standard_normal(n)

    def bernoulli(feature: str) -> np.ndarray:
        return rng.random(n) < np.asarray(PROFILE[feature])[seg]

    lsoas = lsoa_frame(seed)
    weight = lsoas["population"].to_numpy() * np.exp(0.6 * lsoas["deprivation"].to_numpy())
    lsoa_idx = rng.choice(len(lsoas), size=n, p=weight / weight.sum())

    table = pd.DataFrame(
        {
            "claimant_id": v.ids("CL", n, 7),
            "lsoa_code": v.take(lsoas["lsoa_code"], lsoa_idx),
            "age": np.clip(np.round(normal("age")), 18, 66).astype(np.int64),
            "sex": v.labels(bernoulli("p_male").astype(np.int8), ["Female", "Male"]),
            "marital_status": v.labels((~bernoulli("p_married")).astype(np.int8), ["Married", "Unmarried"]),
            "weekly_pay": np.round(np.clip(normal("weekly_pay"), 60, 1500), 2),
            "physical_functioning": np.round(np.clip(normal("physical_functioning"), 0, 100), 1),
            "mental_health_score": np.round(np.clip(normal("mental_health_score"), 0, 100), 1),
            "clinical_depression": bernoulli("p_depression"),
            "months_claiming": np.clip(rng.gamma(2.0, 14.0, n), 1, 240).astype(np.int64),
            "distance_to_jobcentre_m": np.round(rng.gamma(2.2, 1900.0, n) + 150, 0),
            "research_consent": rng.random(n) < 0.86,
        }
    )
    truth = {
        "segments": pd.DataFrame(
            {"claimant_id": table["claimant_id"], "segment": v.labels(seg, SEGMENTS)}
        ),
        "n_segments": len(SEGMENTS),
        "segment_names": list(SEGMENTS),
        "shares": dict(zip(SEGMENTS, shares.round(4).tolist())),
        "profiles": {k: dict(zip(SEGMENTS, vals)) for k, vals in PROFILE.items()},
        "informative_features": [
            "age", "weekly_pay", "physical_functioning", "mental_health_score",
            "clinical_depression", "marital_status", "sex",
        ],
        "noise_features": ["months_claiming", "distance_to_jobcentre_m"],
        "large_scale_feature": "distance_to_jobcentre_m",
    }
    return Dataset({"claimants": table, **geography_tables(seed, "lsoas")}, truth, CARD.with_params(n=n, seed=seed))
