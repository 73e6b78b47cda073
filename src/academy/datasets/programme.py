"""A Troubled-Families-style programme whose naive evaluation misleads.

Families with more need were more likely to join, and need also drags their
outcomes down, so comparing joined with not-joined families after the
programme gets the effect wrong (usually the wrong sign). Outcomes move with a
shared trend too, so a before/after comparison of joiners alone credits the
programme with the trend. Changes over time do not depend on need, so a
difference-in-differences (or a regression on the baseline) recovers the
effect held in ``truth['effects']``.

Two things keep the evaluation honest rather than tidy. One outcome (an adult
in work) has no true effect at all, as the 2016 national evaluation of
Troubled Families found for its main outcomes, so its interval should usually
include zero. And families were referred at a crisis point: their anti-social
behaviour rose in the year before they joined (``EARLIER`` to ``BEFORE``) and
falls back afterwards whatever the programme does. Parallel trends fail for
that outcome only, which the ``earlier`` column shows, and there the
difference in differences overstates the effect by ``truth['pre_trend_gap']``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _vector as v
from ._core import DSA, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import CARD as GEO_CARD
from .geography import geography_tables, lsoa_frame

EARLIER, BEFORE, AFTER = "2021-22", "2022-23", "2024-25"
#: outcome -> (unit, plain description, true effect, shared trend per period, target change)
OUTCOMES = {
    "school_attendance_pct": ("percentage points", "Children's school attendance", 3.0, 0.6, 5.0),
    "asb_incidents": ("incidents per year", "Anti-social behaviour incidents involving the family", -0.6, -0.15, -1.0),
    "adult_in_work": ("share of families", "An adult in the family is in work", 0.0, 0.02, 0.05),
    "cost_to_public_purse": ("pounds per year", "Estimated cost of services to the public purse",
                             -2000.0, 450.0, -2000.0),
}
#: outcome -> how much more it rose for joiners in the year before they joined, a spike that falls back
#: afterwards whatever the programme does (families are referred at a crisis point).
PRE_TREND_GAP = {"asb_incidents": 0.8}

CARD = Card(
    name="programme",
    title="Supporting Families programme",
    description=(
        "Families eligible for an intensive support programme in the style of Troubled Families "
        "(2012): who met which criteria, who joined, and four outcomes measured two years before "
        f"({EARLIER}), the year before ({BEFORE}) and after ({AFTER}). Families who joined were needier "
        "than those who did not."
    ),
    licence=DSA,
    primary_table="families",
    rows_meaning="the number of families",
    default_rows=4_000,
    min_rows=200,
    tables=(
        TableSpec(
            "families",
            "One row per eligible family.",
            (
                Column("family_id", "str", "Family identifier"),
                Column("lsoa_code", "str", "LSOA the family lives in"),
                Column("council_code", "str", "Council running the family's support"),
                Column("n_adults", "int", "Adults in the household"),
                Column("n_children", "int", "Children in the household"),
                Column("crime_asb", "bool", "Criterion: youth crime or anti-social behaviour"),
                Column("truancy", "bool", "Criterion: children not in school (truancy or exclusion)"),
                Column("out_of_work", "bool", "Criterion: an adult on out-of-work benefits"),
                Column("high_cost", "bool", "Criterion: high cost to the public purse"),
                Column("criteria_met", "int", "How many of the four criteria the family meets"),
                Column("joined", "bool", "The family joined the programme"),
                Column("joined_date", "date", "Date the family joined (empty if it did not)", nullable=True),
            ),
            key=("family_id",),
            joins=(("lsoa_code", "lsoas", "lsoa_code"),),
        ),
        TableSpec(
            "members",
            "One row per person in an eligible family.",
            (
                Column("person_id", "str", "Person identifier"),
                Column("family_id", "str", "Family the person belongs to"),
                Column("role", "category", "Adult or Child"),
                Column("age", "int", "Age in years at the start of the programme"),
                Column("sex", "category", "Female or Male"),
            ),
            key=("person_id",),
            joins=(("family_id", "families", "family_id"),),
        ),
        TableSpec(
            "outcomes",
            "One row per family and outcome: the value two years before, the year before and the year after.",
            (
                Column("family_id", "str", "Family"),
                Column("outcome", "category", "Which outcome (see the objectives table)"),
                Column("earlier", "float", f"Value in {EARLIER}, a year before `before`"),
                Column("before", "float", f"Value in {BEFORE}"),
                Column("after", "float", f"Value in {AFTER}"),
            ),
            key=("family_id", "outcome"),
            joins=(("family_id", "families", "family_id"), ("outcome", "objectives", "outcome")),
        ),
        TableSpec(
            "objectives",
            "The programme's objectives: what each outcome should change by.",
            (
                Column("outcome", "str", "Outcome name"),
                Column("description", "str", "What is measured"),
                Column("unit", "str", "Unit of the outcome"),
                Column("target_change", "float", "The change the programme aimed for among joiners"),
            ),
            key=("outcome",),
        ),
        GEO_CARD.table("lsoas"),
    ),
    truths=(
        "The true effect of joining on each outcome among joiners (truth['effects']) "
        "and the shared trend (truth['trends']).",
        "Joining was more likely for needier families (truth['need'] per family), "
        "so joined-vs-not comparisons mislead.",
        "Whether each objective's target was truly met (truth['target_met']); adult_in_work has no true "
        "effect at all.",
        "Joiners' anti-social behaviour rose before they joined and falls back after, so parallel trends fail "
        "for that outcome and difference in differences overstates its effect by truth['pre_trend_gap'].",
    ),
)


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@register(CARD)
def make_programme(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` eligible families; ``truth['effects']`` holds the true effect per outcome."""
    n = check_rows(CARD, n)
    rng = rng_for(seed, "programme")
    lsoas = lsoa_frame(seed)
    dep = lsoas["deprivation"].to_numpy()
    weight = lsoas["population"].to_numpy() * np.exp(0.9 * dep)
    where = rng.choice(len(lsoas), size=n, p=weight / weight.sum())
    need = 0.6 * (dep[where] - dep.mean()) / dep.std() + 0.8 * rng.standard_normal(n)

    criteria = {
        name: rng.random(n) < _logistic(base + 1.1 * need)
        for name, base in (("crime_asb", -0.6), ("truancy", -0.3), ("out_of_work", 0.4), ("high_cost", -0.8))
    }
    criteria_met = sum(c.astype(np.int64) for c in criteria.values())
    joined = rng.random(n) < _logistic(-1.0 + 1.4 * need + 0.25 * (criteria_met - 2))
    joined_date = pd.Series(v.days_between(rng, "2023-04-01", "2024-03-31", n)).where(joined)

    n_adults = rng.choice([1, 2, 3], size=n, p=[0.45, 0.48, 0.07])
    n_children = 1 + rng.poisson(1.3 + 0.2 * np.clip(need, 0, None), n)

    effect_scale = rng.uniform(0.9, 1.1, len(OUTCOMES))
    effects = {k: float(spec[2] * s) for (k, spec), s in zip(OUTCOMES.items(), effect_scale)}
    trends = {k: spec[3] for k, spec in OUTCOMES.items()}
    j = joined.astype(float)

    # Each outcome: an expected value before, the same plus trend plus effect
    # after, and noise on top. The truth is the effect on the expected values.
    attend_mu = np.clip(92.5 - 3.5 * need, 55, 99)
    asb_mu = np.exp(0.3 + 0.45 * need)
    work_p = _logistic(-0.2 - 0.9 * need)
    cost_mu = 11_000 + 5_000 * need + 1_500 * n_children
    spike = {k: PRE_TREND_GAP.get(k, 0.0) * j for k in OUTCOMES}

    after_mu = {
        "school_attendance_pct": np.clip(
            attend_mu + trends["school_attendance_pct"] + effects["school_attendance_pct"] * j, 0, 100),
        "asb_incidents": np.maximum(asb_mu + trends["asb_incidents"] + effects["asb_incidents"] * j, 0.02),
        "adult_in_work": np.clip(work_p + trends["adult_in_work"] + effects["adult_in_work"] * j, 0.0, 1.0),
        "cost_to_public_purse": np.maximum(
            cost_mu + trends["cost_to_public_purse"] + effects["cost_to_public_purse"] * j, 300),
    }
    observed = {
        "school_attendance_pct": (
            np.clip(attend_mu + rng.normal(0, 2.5, n), 0, 100),
            np.clip(after_mu["school_attendance_pct"] + rng.normal(0, 2.5, n), 0, 100),
        ),
        "asb_incidents": (rng.poisson(asb_mu + spike["asb_incidents"]).astype(float),
                          rng.poisson(after_mu["asb_incidents"]).astype(float)),
        "adult_in_work": (
            (rng.random(n) < work_p).astype(float),
            (rng.random(n) < after_mu["adult_in_work"]).astype(float),
        ),
        "cost_to_public_purse": (
            np.round(np.maximum(cost_mu + rng.normal(0, 5_000, n), 300), 0),
            np.round(np.maximum(after_mu["cost_to_public_purse"] + rng.normal(0, 5_000, n), 300), 0),
        ),
    }
    before_mu = {"school_attendance_pct": attend_mu, "asb_incidents": asb_mu, "adult_in_work": work_p,
                 "cost_to_public_purse": cost_mu}
    # Clipping at natural bounds makes the realised effect differ slightly from
    # the nominal one, so the truth is measured on the expected values.
    realised = {
        k: float(np.mean((after_mu[k] - before_mu[k] - trends[k])[joined])) for k in OUTCOMES
    }

    family_id = v.ids("TF", n, 6)
    families = pd.DataFrame(
        {
            "family_id": family_id,
            "lsoa_code": v.take(lsoas["lsoa_code"], where),
            "council_code": v.take(lsoas["council_code"], where),
            "n_adults": n_adults.astype(np.int64),
            "n_children": n_children.astype(np.int64),
            **criteria,
            "criteria_met": criteria_met,
            "joined": joined,
            "joined_date": joined_date,
        }
    )

    size = n_adults + n_children
    fam_of_person = np.repeat(np.arange(n), size)
    within = np.arange(len(fam_of_person)) - np.repeat(np.cumsum(size) - size, size)
    is_adult = within < np.repeat(n_adults, size)
    m = len(fam_of_person)
    adult_age = rng.normal(39, 9, m).clip(18, 80)
    child_age = rng.integers(0, 18, m)
    members = pd.DataFrame(
        {
            "person_id": v.ids("TFP", m, 7),
            "family_id": v.take(family_id, fam_of_person),
            "role": v.labels(np.where(is_adult, 0, 1), ["Adult", "Child"]),
            "age": np.where(is_adult, np.round(adult_age), child_age).astype(np.int64),
            "sex": v.choice(rng, ["Female", "Male"], m, [0.52, 0.48]),
        }
    )

    # Two years before: the expected value before (without the joiners' spike) less a year's shared trend.
    # Drawn after everything else, so the families table (shared with multi_agency) stays as it was.
    earlier_mu = {k: before_mu[k] - trends[k] for k in OUTCOMES}
    earlier = {
        "school_attendance_pct": np.clip(np.clip(earlier_mu["school_attendance_pct"], 0, 100)
                                         + rng.normal(0, 2.5, n), 0, 100),
        "asb_incidents": rng.poisson(np.maximum(earlier_mu["asb_incidents"], 0.02)).astype(float),
        "adult_in_work": (rng.random(n) < np.clip(earlier_mu["adult_in_work"], 0.0, 1.0)).astype(float),
        "cost_to_public_purse": np.round(np.maximum(earlier_mu["cost_to_public_purse"]
                                                    + rng.normal(0, 5_000, n), 300), 0),
    }

    names = list(OUTCOMES)
    # Family-major order (every outcome of a family together) without a sort.
    outcomes = pd.DataFrame(
        {
            "family_id": v.take(family_id, np.repeat(np.arange(n), len(names))),
            "outcome": v.labels(np.tile(np.arange(len(names)), n), names),
            "earlier": np.column_stack([earlier[k] for k in names]).ravel().round(2),
            "before": np.column_stack([observed[k][0] for k in names]).ravel().round(2),
            "after": np.column_stack([observed[k][1] for k in names]).ravel().round(2),
        }
    )

    objectives = pd.DataFrame(
        {
            "outcome": pd.Series(names, dtype="str"),
            "description": pd.Series([OUTCOMES[k][1] for k in names], dtype="str"),
            "unit": pd.Series([OUTCOMES[k][0] for k in names], dtype="str"),
            "target_change": [float(OUTCOMES[k][4]) for k in names],
        }
    )
    target_met = {k: bool((realised[k] >= OUTCOMES[k][4]) if OUTCOMES[k][4] > 0 else (realised[k] <= OUTCOMES[k][4]))
                  for k in names}
    truth = {
        "effects": realised,
        "nominal_effects": effects,
        "trends": trends,
        "target_met": target_met,
        "pre_trend_gap": {k: float(PRE_TREND_GAP.get(k, 0.0)) for k in names},
        "need": pd.DataFrame({"family_id": family_id, "need": need}),
        "periods": {"earlier": EARLIER, "before": BEFORE, "after": AFTER},
    }
    tables = {"families": families, "members": members, "outcomes": outcomes, "objectives": objectives,
              **geography_tables(seed, "lsoas")}
    return Dataset(tables, truth, CARD.with_params(n=n, seed=seed))
