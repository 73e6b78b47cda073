"""Planning applications and business rates: where businesses invest.

Planning decisions have statutory time limits (8 weeks for minor, 13 weeks for
major applications); approval rates differ by application type; business
rates carry small business rate relief, which by rule applies to properties
with a rateable value under £12,000 — with a few planted records that break
the rule, for a data-quality exercise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _vector as v
from ._core import OGL, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import CARD as GEO_CARD
from .geography import geography_tables, lsoa_frame

#: type -> (code in the reference, share, P(approved), P(major))
APPLICATION_TYPES = {
    "Householder": ("HOU", 0.46, 0.90, 0.0),
    "Full": ("FUL", 0.24, 0.78, 0.12),
    "Outline": ("OUT", 0.05, 0.70, 0.45),
    "Change of use": ("COU", 0.10, 0.74, 0.05),
    "Listed building consent": ("LBC", 0.05, 0.85, 0.0),
    "Advertisement consent": ("ADV", 0.10, 0.88, 0.0),
}
#: category -> (share, median rateable value £, spread)
RATES_CATEGORIES = {
    "Retail": (0.34, 11_500, 0.9),
    "Office": (0.20, 14_000, 1.0),
    "Industrial": (0.18, 22_000, 1.0),
    "Hospitality": (0.12, 13_000, 0.8),
    "Leisure": (0.06, 18_000, 1.1),
    "Other": (0.10, 8_000, 1.0),
}
SBRR_THRESHOLD = 12_000
RULE_BREAK_SHARE = 0.004

CARD = Card(
    name="business",
    title="Planning applications and business rates",
    description=(
        "Planning applications received from April 2022 to March 2025 with their decisions, and the "
        "business-rates list: each non-domestic property's rateable value, use, occupation and relief. "
        "Together they show where businesses invest and how quickly the council decides."
    ),
    licence=OGL,
    primary_table="planning_applications",
    rows_meaning="the number of planning applications (and of business properties)",
    default_rows=5_000,
    min_rows=50,
    tables=(
        TableSpec(
            "planning_applications",
            "One row per planning application.",
            (
                Column("application_ref", "str", "Reference: year / number / type code, e.g. 24/00123/FUL"),
                Column("council_code", "str", "Planning authority"),
                Column("ward_code", "str", "Ward of the site"),
                Column("application_type", "category", "Kind of application"),
                Column("development_scale", "category", "Major or Minor (major: 10+ homes or 1,000 m2+)"),
                Column("received_date", "date", "Date the valid application was received"),
                Column("decision_date", "date", "Date of the decision (empty while pending)", nullable=True),
                Column("decision", "category", "Approved, Refused, Withdrawn or Pending"),
                Column("floorspace_m2", "float", "New floorspace proposed, square metres (empty if none)",
                       nullable=True),
                Column("estimated_jobs", "int", "Jobs the applicant expects the development to create"),
            ),
            key=("application_ref",),
            joins=(("ward_code", "wards", "ward_code"),),
        ),
        TableSpec(
            "business_rates",
            "One row per non-domestic property on the rating list.",
            (
                Column("property_ref", "str", "Billing authority's property reference"),
                Column("council_code", "str", "Billing authority"),
                Column("ward_code", "str", "Ward of the property"),
                Column("category", "category", "Main use of the property"),
                Column("rateable_value", "int", "Rateable value, pounds"),
                Column("occupied", "bool", "Occupied on the list date"),
                Column("relief", "category", "Relief granted, if any"),
                Column("liability_start", "date", "Date the current ratepayer became liable"),
            ),
            key=("property_ref",),
            joins=(("ward_code", "wards", "ward_code"),),
        ),
        GEO_CARD.table("wards"),
    ),
    truths=(
        "Approval probability per application type and the share decided within the statutory period "
        "(truth['planning']).",
        f"Small business rate relief applies below £{SBRR_THRESHOLD:,} rateable value; the records planted against "
        "that rule are listed in truth['relief_rule_breaks'].",
    ),
)


@register(CARD)
def make_business(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` planning applications and ``n`` rated properties."""
    n = check_rows(CARD, n)
    rng = rng_for(seed, "business")
    lsoas = lsoa_frame(seed)
    # Investment concentrates in less deprived and central areas.
    w = lsoas["population"].to_numpy() * np.exp(-0.25 * lsoas["deprivation"].to_numpy())
    site = rng.choice(len(lsoas), size=n, p=w / w.sum())

    names = list(APPLICATION_TYPES)
    spec = np.array([APPLICATION_TYPES[k][1:] for k in names], dtype=float)
    kind = rng.choice(len(names), size=n, p=spec[:, 0] / spec[:, 0].sum())
    major = rng.random(n) < spec[kind, 2]
    received = v.days_between(rng, "2022-04-01", "2025-03-31", n)
    limit_days = np.where(major, 91, 56)
    within = rng.random(n) < np.where(major, 0.72, 0.84)
    days = np.where(within, rng.integers(20, limit_days + 1), limit_days + rng.gamma(1.5, 30, n).astype(int) + 1)
    decided_on = received + pd.to_timedelta(days, unit="D")
    pending = np.asarray(decided_on > pd.Timestamp("2025-03-31"))
    withdrawn = (rng.random(n) < 0.04) & ~pending
    approved = rng.random(n) < spec[kind, 1]
    decision = np.where(pending, 3, np.where(withdrawn, 2, np.where(approved, 0, 1)))
    floorspace = np.where(
        names.index("Householder") == kind, rng.gamma(2, 12, n),
        np.where(major, rng.gamma(2, 900, n), rng.gamma(1.5, 120, n)),
    )
    has_floor = ~np.isin(kind, [names.index("Advertisement consent"), names.index("Listed building consent")])
    jobs = np.where(major, rng.poisson(floorspace / 40), rng.poisson(0.3, n))
    jobs = np.where(names.index("Householder") == kind, 0, jobs)

    year = pd.DatetimeIndex(received).year % 100
    seq = pd.Series(np.arange(n)).groupby(np.asarray(year)).cumcount() + 1
    codes = np.array([APPLICATION_TYPES[k][0] for k in names])[kind]
    refs = (
        pd.Series(year).astype(str).str.zfill(2) + "/" + seq.astype(str).str.zfill(5)
        + "/" + pd.Series(codes, dtype="str")
    )
    order = np.argsort(np.asarray(received), kind="stable")
    planning = pd.DataFrame(
        {
            "application_ref": v.take(refs, order),
            "council_code": v.take(lsoas["council_code"], site[order]),
            "ward_code": v.take(lsoas["ward_code"], site[order]),
            "application_type": v.labels(kind[order], names),
            "development_scale": v.labels(major[order].astype(np.int8), ["Minor", "Major"]),
            "received_date": received[order],
            "decision_date": pd.Series(decided_on).where(~pending).to_numpy()[order],
            "decision": v.labels(decision[order], ["Approved", "Refused", "Withdrawn", "Pending"]),
            "floorspace_m2": pd.Series(np.round(floorspace, 1)).where(has_floor).to_numpy()[order],
            "estimated_jobs": jobs[order].astype(np.int64),
        }
    )

    cats = list(RATES_CATEGORIES)
    rspec = np.array([RATES_CATEGORIES[k] for k in cats], dtype=float)
    cat = rng.choice(len(cats), size=n, p=rspec[:, 0] / rspec[:, 0].sum())
    prop_site = rng.choice(len(lsoas), size=n, p=w / w.sum())
    rv = np.round(np.clip(rspec[cat, 1] * np.exp(rspec[cat, 2] * rng.standard_normal(n)), 500, 5_000_000), -2)
    occupied = rng.random(n) < 0.88
    relief = np.where(~occupied, 3, np.where(rv < SBRR_THRESHOLD, 1, np.where(rng.random(n) < 0.04, 2, 0)))
    breaks = rng.random(n) < RULE_BREAK_SHARE
    relief = np.where(breaks & occupied, np.where(relief == 1, 0, 1), relief)
    rule_broken = breaks & occupied
    prop_ref = v.ids("BR", n, 8)
    rates = pd.DataFrame(
        {
            "property_ref": prop_ref,
            "council_code": v.take(lsoas["council_code"], prop_site),
            "ward_code": v.take(lsoas["ward_code"], prop_site),
            "category": v.labels(cat, cats),
            "rateable_value": rv.astype(np.int64),
            "occupied": occupied,
            "relief": v.labels(relief, ["None", "Small business rate relief", "Charitable relief",
                                        "Empty property relief"]),
            "liability_start": v.days_between(rng, "2005-04-01", "2025-03-31", n),
        }
    )
    truth = {
        "planning": {
            "p_approved": {k: APPLICATION_TYPES[k][2] for k in names},
            "share_in_time": {"Minor": 0.84, "Major": 0.72},
            "statutory_days": {"Minor": 56, "Major": 91},
        },
        "sbrr_threshold": SBRR_THRESHOLD,
        "relief_rule_breaks": prop_ref[rule_broken].tolist(),
    }
    tables = {"planning_applications": planning, "business_rates": rates, **geography_tables(seed, "wards")}
    return Dataset(tables, truth, CARD.with_params(n=n, seed=seed))
