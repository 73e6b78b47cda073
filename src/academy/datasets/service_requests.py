"""Street-scene service requests (fly-tipping, missed bins, potholes...) with
opened and closed timestamps, for the pandas foundations module.

Each request type takes its own typical time to close (log-normal, so a few
take very long and the median is the honest summary), demand follows the
seasons (potholes in winter, fly-tipping in spring and summer), and a few
planted wards have far more missed-bin reports per household than the rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _vector as v
from ._core import OGL, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import CARD as GEO_CARD
from .geography import geography_tables, lsoa_frame

START, END = "2023-04-01", "2025-03-31"
EXTRACT_AT = pd.Timestamp("2025-04-07 09:00:00")
#: type -> (share of requests, median days to close, spread, month weights Jan..Dec)
TYPES = {
    "Fly-tipping": (0.24, 3.0, 0.8, (0.8, 0.8, 1.0, 1.2, 1.25, 1.2, 1.15, 1.15, 1.0, 0.9, 0.8, 0.75)),
    "Missed bin": (0.30, 1.5, 0.6, (1.3, 1.0, 0.95, 0.95, 1.0, 0.95, 0.95, 1.0, 0.95, 0.95, 1.0, 1.3)),
    "Pothole": (0.18, 12.0, 0.9, (1.6, 1.7, 1.4, 1.0, 0.8, 0.6, 0.55, 0.6, 0.7, 0.9, 1.2, 1.5)),
    "Street lighting": (0.10, 7.0, 0.7, (1.4, 1.3, 1.1, 0.9, 0.7, 0.6, 0.6, 0.7, 0.9, 1.2, 1.4, 1.5)),
    "Graffiti": (0.08, 6.0, 0.9, (0.9, 0.9, 1.0, 1.0, 1.1, 1.1, 1.2, 1.2, 1.0, 0.9, 0.9, 0.8)),
    "Dog fouling": (0.10, 4.0, 0.7, (1.2, 1.2, 1.1, 1.0, 0.9, 0.85, 0.85, 0.9, 0.95, 1.0, 1.1, 1.2)),
}
CHANNELS = ("Online form", "Phone", "App", "Email")
MISSED_BIN_HOTSPOT_WARDS = 3
MISSED_BIN_HOTSPOT_FACTOR = 3.0

CARD = Card(
    name="service_requests",
    title="Street-scene service requests",
    description=(
        f"Requests from residents to the council's street-scene services, {START} to {END}: "
        "fly-tipping, missed bins, potholes, street lighting, graffiti and dog fouling, with when "
        f"each was opened and closed. Requests still open on {EXTRACT_AT:%d %B %Y} have no closed time."
    ),
    licence=OGL,
    primary_table="requests",
    rows_meaning="the number of service requests",
    default_rows=50_000,
    min_rows=100,
    tables=(
        TableSpec(
            "requests",
            "One row per request.",
            (
                Column("request_id", "str", "Request reference"),
                Column("request_type", "category", "What was reported"),
                Column("channel", "category", "How it was reported"),
                Column("opened_at", "datetime", "When the request was logged"),
                Column("closed_at", "datetime", "When it was closed (empty if still open)", nullable=True),
                Column("status", "category", "Open or Closed"),
                Column("lsoa_code", "str", "LSOA of the reported location"),
                Column("ward_code", "str", "Ward of the reported location"),
            ),
            key=("request_id",),
            joins=(("lsoa_code", "lsoas", "lsoa_code"), ("ward_code", "wards", "ward_code")),
        ),
        GEO_CARD.table("wards"),
        GEO_CARD.table("lsoas"),
    ),
    truths=(
        "The median days to close for each request type (truth['median_days_to_close']).",
        "The wards with planted missed-bin problems (truth['missed_bin_hotspot_wards']).",
        "The monthly seasonality of each request type (truth['month_weight']).",
    ),
)


@register(CARD)
def make_service_requests(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` requests; truth holds each type's median time to close and the hotspot wards."""
    n = check_rows(CARD, n)
    rng = rng_for(seed, "service_requests")
    lsoas = lsoa_frame(seed)
    names = list(TYPES)
    shares = np.array([t[0] for t in TYPES.values()])
    kind = rng.choice(len(names), size=n, p=shares / shares.sum())

    # Opened date: each type with its own seasonality.
    day_index = np.arange(np.datetime64(START, "D"), np.datetime64(END, "D") + 1)
    month = day_index.astype("datetime64[M]").astype(int) % 12
    day = np.empty(n, dtype="datetime64[D]")
    for k, spec in enumerate(TYPES.values()):
        mask = kind == k
        w = np.asarray(spec[3])[month]
        day[mask] = day_index[rng.choice(len(day_index), size=int(mask.sum()), p=w / w.sum())]
    opened = pd.DatetimeIndex(day.astype("datetime64[s]")) + pd.to_timedelta(
        rng.integers(7 * 3600, 21 * 3600, n), unit="s"
    )

    wards = lsoas["ward_code"].unique()
    hot_wards = rng.choice(wards, size=MISSED_BIN_HOTSPOT_WARDS, replace=False)
    is_hot_lsoa = lsoas["ward_code"].isin(hot_wards).to_numpy()
    households = lsoas["households"].to_numpy().astype(float)
    base_w = households * np.exp(0.3 * lsoas["deprivation"].to_numpy())
    bin_w = base_w * np.where(is_hot_lsoa, MISSED_BIN_HOTSPOT_FACTOR, 1.0)
    where = rng.choice(len(lsoas), size=n, p=base_w / base_w.sum())
    bins = kind == names.index("Missed bin")
    where[bins] = rng.choice(len(lsoas), size=int(bins.sum()), p=bin_w / bin_w.sum())

    median = np.array([t[1] for t in TYPES.values()])[kind]
    spread = np.array([t[2] for t in TYPES.values()])[kind]
    days_to_close = median * np.exp(spread * rng.standard_normal(n))
    closed = opened + pd.to_timedelta(np.round(days_to_close * 86400), unit="s")
    still_open = np.asarray(closed > EXTRACT_AT)
    closed_col = pd.Series(closed).where(~still_open)

    order = np.argsort(opened.asi8, kind="stable")
    requests = pd.DataFrame(
        {
            "request_id": v.ids("SR", n, 8),
            "request_type": v.labels(kind[order], names),
            "channel": v.choice(rng, CHANNELS, n, [0.45, 0.30, 0.15, 0.10]),
            "opened_at": opened[order],
            "closed_at": closed_col.to_numpy()[order],
            "status": v.labels(still_open[order].astype(np.int8), ["Closed", "Open"]),
            "lsoa_code": v.take(lsoas["lsoa_code"], where[order]),
            "ward_code": v.take(lsoas["ward_code"], where[order]),
        }
    )
    truth = {
        "median_days_to_close": {k: t[1] for k, t in TYPES.items()},
        "missed_bin_hotspot_wards": sorted(str(w) for w in hot_wards),
        "month_weight": {k: dict(zip(range(1, 13), t[3])) for k, t in TYPES.items()},
        "extract_at": EXTRACT_AT,
    }
    tables = {"requests": requests, **geography_tables(seed, "wards", "lsoas")}
    return Dataset(tables, truth, CARD.with_params(n=n, seed=seed))
