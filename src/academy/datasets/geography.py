"""One synthetic geography that every other family sits on.

Councils are the ten Greater Manchester authorities with their real ONS codes
(public reference data, e.g. E08000006 Salford). Everything below a council is
invented: ward codes start ``E059`` and LSOA codes ``E019``, a range no real
code uses, so a learner's join can never silently hit real boundaries.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from . import _names
from . import _vector as v
from ._core import OGL, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for, seed_to_int

#: (code, name, share of LSOAs, relative deprivation, centroid lat, centroid lon)
COUNCILS = (
    ("E08000001", "Bolton", 0.104, 0.30, 53.578, -2.429),
    ("E08000002", "Bury", 0.069, -0.20, 53.593, -2.298),
    ("E08000003", "Manchester", 0.162, 0.80, 53.479, -2.245),
    ("E08000004", "Oldham", 0.082, 0.60, 53.541, -2.118),
    ("E08000005", "Rochdale", 0.079, 0.60, 53.616, -2.155),
    ("E08000006", "Salford", 0.089, 0.50, 53.488, -2.332),
    ("E08000007", "Stockport", 0.107, -0.50, 53.408, -2.149),
    ("E08000008", "Tameside", 0.081, 0.40, 53.480, -2.081),
    ("E08000009", "Trafford", 0.081, -0.70, 53.426, -2.352),
    ("E08000010", "Wigan", 0.116, 0.10, 53.545, -2.632),
)
LSOAS_IN_ENGLAND = 33_755
DOMAINS = ("income", "employment", "health", "education", "crime", "housing", "environment")
#: How strongly each IMD domain follows overall deprivation (housing and
#: environment barely do, which is why they surprise people).
DOMAIN_LOADING = (0.95, 0.9, 0.8, 0.75, 0.6, 0.25, 0.2)
DEFAULT_LSOAS = 1_600

CARD = Card(
    name="geography",
    title="Councils, wards and LSOAs",
    description=(
        "The ten Greater Manchester councils, with invented wards and Lower-layer Super Output "
        "Areas (LSOAs, about 1,500 residents each). Each LSOA has a population, households, an "
        "Index of Multiple Deprivation rank and decile (1 = most deprived 10% in England), domain "
        "deciles, and a centroid for maps. Every other dataset uses these codes."
    ),
    licence=OGL,
    primary_table="lsoas",
    rows_meaning="the number of LSOAs",
    default_rows=DEFAULT_LSOAS,
    min_rows=100,
    tables=(
        TableSpec(
            "councils",
            "One row per local authority.",
            (
                Column("council_code", "str", "ONS GSS code of the local authority (E08 = metropolitan district)"),
                Column("council_name", "str", "Council name"),
                Column("council_type", "str", "Kind of authority"),
                Column("region", "str", "Region"),
                Column("population", "int", "Residents (sum of the council's LSOAs)"),
            ),
            key=("council_code",),
        ),
        TableSpec(
            "wards",
            "One row per electoral ward.",
            (
                Column("ward_code", "str", "Ward code, E05 plus 6 digits (synthetic range E059xxxxx)"),
                Column("ward_name", "str", "Ward name (invented)"),
                Column("council_code", "str", "Council the ward belongs to"),
                Column("population", "int", "Residents"),
                Column("households", "int", "Households"),
            ),
            key=("ward_code",),
            joins=(("council_code", "councils", "council_code"),),
        ),
        TableSpec(
            "lsoas",
            "One row per LSOA, the small areas deprivation is published for.",
            (
                Column("lsoa_code", "str", "LSOA code, E01 plus 6 digits (synthetic range E019xxxxx)"),
                Column("lsoa_name", "str", "LSOA name in the ONS style: council, MSOA number, letter"),
                Column("msoa_code", "str", "Middle-layer area the LSOA sits in (E029xxxxx)"),
                Column("ward_code", "str", "Ward containing the LSOA"),
                Column("council_code", "str", "Council containing the LSOA"),
                Column("population", "int", "Residents"),
                Column("households", "int", "Households"),
                Column("imd_rank", "int", "IMD rank among England's LSOAs, 1 = most deprived"),
                Column("imd_decile", "int", "IMD decile, 1 = most deprived 10%, 10 = least deprived"),
                *(Column(f"{d}_decile", "int", f"IMD {d} domain decile (1 = most deprived)") for d in DOMAINS),
                Column("latitude", "float", "Centroid latitude (WGS84), synthetic"),
                Column("longitude", "float", "Centroid longitude (WGS84), synthetic"),
            ),
            key=("lsoa_code",),
            joins=(("ward_code", "wards", "ward_code"), ("council_code", "councils", "council_code")),
        ),
    ),
    truths=(
        "Each LSOA's latent deprivation score (truth['deprivation']); ranks and deciles are derived from "
        "it with noise per domain, so housing and environment deciles follow it only weakly.",
        "Councils differ in deprivation in the direction of the real ones (Manchester most, Trafford least).",
    ),
)


def _split(total: int, shares: np.ndarray) -> np.ndarray:
    """Largest-remainder rounding: counts that add up exactly to ``total``."""
    raw = shares / shares.sum() * total
    counts = np.floor(raw).astype(int)
    counts[np.argsort(raw - counts)[::-1][: total - counts.sum()]] += 1
    return counts


def _national_rank(score: np.ndarray) -> np.ndarray:
    """Place scores among England's LSOAs; a logistic stands in for the normal CDF."""
    share_less_deprived = 1.0 / (1.0 + np.exp(1.702 * score))
    return np.clip(np.ceil(share_less_deprived * LSOAS_IN_ENGLAND), 1, LSOAS_IN_ENGLAND).astype(np.int64)


def _decile(rank: np.ndarray) -> np.ndarray:
    return np.minimum(10, (rank - 1) * 10 // LSOAS_IN_ENGLAND + 1).astype(np.int64)


@register(CARD)
def make_geography(n: int = DEFAULT_LSOAS, seed: Seed = 0) -> Dataset:
    """Councils, wards and ``n`` LSOAs; other families call this with the same seed."""
    n = check_rows(CARD, n)
    seed_int = seed_to_int(seed)
    tables, truth = _default(seed_int) if n == DEFAULT_LSOAS else _build(n, seed_int)
    # pandas copies on write, so shallow copies keep the cached tables safe.
    return Dataset({k: t.copy(deep=False) for k, t in tables.items()}, dict(truth), CARD.with_params(n=n, seed=seed))


@lru_cache(maxsize=8)
def _default(seed: int) -> tuple[dict[str, pd.DataFrame], dict]:
    """The geography every other family shares, built once per seed."""
    return _build(DEFAULT_LSOAS, seed)


def _build(n: int, seed: int) -> tuple[dict[str, pd.DataFrame], dict]:
    rng = rng_for(seed, "geography")
    codes, names, shares, council_dep, lat0, lon0 = (np.asarray(c) for c in zip(*COUNCILS))
    shares = shares.astype(float)
    per_council = _split(n, shares)
    council_of_lsoa = np.repeat(np.arange(len(COUNCILS)), per_council)

    wards_per_council = np.maximum(3, np.round(per_council / 8).astype(int))
    ward_offset = np.concatenate([[0], np.cumsum(wards_per_council)[:-1]])
    # Within a council, LSOAs fall into wards in runs of uneven length.
    position = np.concatenate([np.arange(k) for k in per_council])
    frac = position / np.repeat(per_council, per_council)
    ward_of_lsoa = ward_offset[council_of_lsoa] + np.floor(
        frac * wards_per_council[council_of_lsoa]
    ).astype(int)
    n_wards = int(wards_per_council.sum())
    council_of_ward = np.repeat(np.arange(len(COUNCILS)), wards_per_council)

    ward_effect = rng.normal(0, 0.5, n_wards)
    latent = 0.35 + council_dep.astype(float)[council_of_lsoa] + ward_effect[ward_of_lsoa] + rng.normal(0, 0.55, n)

    population = np.clip(rng.normal(1600, 230, n), 1000, 3200).astype(np.int64)
    hh_size = np.clip(2.35 + 0.12 * latent + rng.normal(0, 0.15, n), 1.6, 3.4)
    households = np.round(population / hh_size).astype(np.int64)

    imd_rank = _national_rank(latent)
    domain_deciles = {
        f"{d}_decile": _decile(_national_rank(w * latent + rng.normal(0, np.sqrt(1 - w * w) * 1.1, n)))
        for d, w in zip(DOMAINS, DOMAIN_LOADING)
    }

    ward_lat = lat0.astype(float)[council_of_ward] + rng.normal(0, 0.028, n_wards)
    ward_lon = lon0.astype(float)[council_of_ward] + rng.normal(0, 0.045, n_wards)
    lat = np.round(ward_lat[ward_of_lsoa] + rng.normal(0, 0.006, n), 6)
    lon = np.round(ward_lon[ward_of_lsoa] + rng.normal(0, 0.009, n), 6)

    ward_codes = v.ids("E059", n_wards, 5)
    base_names = _names.place_names(rng, min(n_wards, 3_000))
    ward_names = [
        base_names[i % len(base_names)] + ("" if i < len(base_names) else f" {i // len(base_names) + 1}")
        for i in range(n_wards)
    ]
    # ONS names LSOAs "<council> <MSOA number><letter>"; about five LSOAs make an MSOA.
    msoa_in_council = position // 5
    msoa_global = np.concatenate([[0], np.cumsum(per_council // 5 + 1)[:-1]])[council_of_lsoa] + msoa_in_council
    council_codes = pd.Series(codes, dtype=v.STR)
    lsoa_names = v.join(
        v.take(pd.Series(names, dtype=v.STR), council_of_lsoa), " ",
        v.codes("", msoa_in_council + 1, 3), v.take(pd.Series(list("ABCDE"), dtype=v.STR), position % 5),
    )

    lsoas = pd.DataFrame(
        {
            "lsoa_code": v.ids("E019", n, 5),
            "lsoa_name": lsoa_names,
            "msoa_code": v.codes("E029", msoa_global + 1, 5),
            "ward_code": v.take(ward_codes, ward_of_lsoa),
            "council_code": v.take(council_codes, council_of_lsoa),
            "population": population,
            "households": households,
            "imd_rank": imd_rank,
            "imd_decile": _decile(imd_rank),
            **domain_deciles,
            "latitude": lat,
            "longitude": lon,
        }
    )

    by_ward = lsoas.groupby("ward_code", sort=True)[["population", "households"]].sum()
    wards = pd.DataFrame(
        {
            "ward_code": ward_codes,
            "ward_name": pd.Series(ward_names, dtype=v.STR),
            "council_code": v.take(council_codes, council_of_ward),
        }
    )
    wards = wards.join(by_ward, on="ward_code")
    wards[["population", "households"]] = wards[["population", "households"]].astype(np.int64)

    councils = pd.DataFrame(
        {
            "council_code": pd.Series(codes, dtype="str"),
            "council_name": pd.Series(names, dtype="str"),
            "council_type": pd.Series(["Metropolitan district"] * len(codes), dtype="str"),
            "region": pd.Series(["North West"] * len(codes), dtype="str"),
            "population": np.bincount(council_of_lsoa, weights=population, minlength=len(codes)).astype(np.int64),
        }
    )
    truth = {
        "deprivation": pd.DataFrame({"lsoa_code": lsoas["lsoa_code"], "latent_score": latent}),
        "council_deprivation_effect": dict(zip(codes.tolist(), council_dep.astype(float).tolist())),
    }
    return {"councils": councils, "wards": wards, "lsoas": lsoas}, truth


def lsoa_frame(seed: Seed) -> pd.DataFrame:
    """The default geography's LSOAs plus the latent deprivation score.

    Other families draw people and events from this, so every family built
    with one seed shares one geography.
    """
    tables, truth = _default(seed_to_int(seed))
    out = tables["lsoas"].copy(deep=False)
    out["deprivation"] = truth["deprivation"]["latent_score"].to_numpy()
    return out


def geography_tables(seed: Seed, *names: str) -> dict[str, pd.DataFrame]:
    """Copies of the default geography's tables, to ship beside another family's data."""
    tables, _ = _default(seed_to_int(seed))
    return {name: tables[name].copy(deep=False) for name in names}
