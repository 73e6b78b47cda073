"""School attendance by pupil and term, for predicting persistent absence.

A pupil is persistently absent when they miss 10% or more of possible
sessions in the school year (the DfE's definition). Risk is driven by known factors (free school
meals, special educational needs, deprivation, last year's attendance). One
planted unfairness: behaviour incidents are under-recorded for pupils with
English as an additional language, so a model leaning on recorded incidents
misses more of them, which the fairness exercise should find. As many pupils again are kept back
(``unseen_pupils``): learners see only what was known about them in September, and the truth holds how their
year went, so a model can be judged on pupils nobody trained on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _vector as v
from ._core import DSA, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import CARD as GEO_CARD
from .geography import geography_tables, lsoa_frame

ACADEMIC_YEAR = "2024-25"
TERMS = ("Autumn", "Spring", "Summer")
#: Possible sessions (two a day) per term.
SESSIONS = (140, 120, 130)
#: Persistently absent, as the DfE defines it: missing 10% or more of the possible sessions, so attending 90%
#: or less (351 of 390 sessions is persistently absent). ``attended / possible <= 0.9`` is exact in floating
#: point: a pupil exactly on the line divides to the very number 0.9 is stored as.
PERSISTENT_THRESHOLD = 0.90
EAL_INCIDENT_RECORDING = 0.3

def persistently_absent(attendance: pd.DataFrame) -> pd.Series:
    """Per pupil: attended 90% or less of the year's possible sessions (summed over terms, not an
    average of term rates, since terms differ in length). What learners compute from the table."""
    totals = attendance.groupby("pupil_id")[["attended_sessions", "possible_sessions"]].sum()
    return ((totals["attended_sessions"] / totals["possible_sessions"] <= PERSISTENT_THRESHOLD)
            .rename("persistently_absent"))


#: What a school knows of a pupil at the start of the year: the pupils' columns, and the unseen pupils'.
KNOWN_IN_SEPTEMBER = (
    Column("school_id", "str", "School"),
    Column("lsoa_code", "str", "LSOA the pupil lives in"),
    Column("year_group", "int", "National curriculum year, 1-11"),
    Column("sex", "category", "Female or Male"),
    Column("free_school_meals", "bool", "Eligible for free school meals"),
    Column("send", "bool", "Has special educational needs or disabilities"),
    Column("eal", "bool", "English is an additional language"),
    Column("prior_attendance_pct", "float", "Attendance last school year, percent"),
    Column("incidents_recorded", "int", "Behaviour incidents recorded last school year"),
    Column("household_known_to_services", "bool", "Household known to early-help services"),
)

CARD = Card(
    name="attendance",
    title="School attendance and persistent absence",
    description=(
        f"Pupils in the council's schools with their {ACADEMIC_YEAR} attendance per term "
        "(Autumn, Spring, Summer; two sessions a day) and what was known at the start of the year. "
        "A pupil is persistently absent when they miss 10% or more of possible sessions (attend 90% or less)."
    ),
    licence=DSA,
    primary_table="pupils",
    rows_meaning="the number of pupils (the attendance table has one row per pupil per term)",
    default_rows=10_000,
    min_rows=100,
    tables=(
        TableSpec(
            "pupils",
            "One row per pupil, with what was known at the start of the school year.",
            (
                Column("pupil_id", "str", "Pseudonymous pupil identifier"),
                *KNOWN_IN_SEPTEMBER,
            ),
            key=("pupil_id",),
            joins=(("lsoa_code", "lsoas", "lsoa_code"),),
        ),
        TableSpec(
            "attendance",
            "One row per pupil per term.",
            (
                Column("pupil_id", "str", "Pupil"),
                Column("academic_year", "str", "School year, September to August"),
                Column("term", "category", "Autumn, Spring or Summer"),
                Column("possible_sessions", "int", "Sessions the pupil could attend"),
                Column("attended_sessions", "int", "Sessions attended"),
                Column("authorised_absences", "int", "Absences the school authorised (illness, appointments)"),
                Column("unauthorised_absences", "int", "Absences not authorised"),
            ),
            key=("pupil_id", "term"),
            joins=(("pupil_id", "pupils", "pupil_id"),),
        ),
        TableSpec(
            "unseen_pupils",
            "As many pupils again, kept back by the council to judge models fairly: what was known about "
            "them in September (the same columns as pupils), but not their attendance.",
            (
                Column("pupil_id", "str", "Pseudonymous pupil identifier (none is in pupils)"),
                *KNOWN_IN_SEPTEMBER,
            ),
            key=("pupil_id",),
            joins=(("lsoa_code", "lsoas", "lsoa_code"),),
        ),
        GEO_CARD.table("lsoas"),
    ),
    truths=(
        "Each pupil's true yearly attendance rate and persistent-absence label (truth['pupils']).",
        "The coefficients of the risk model (truth['risk_coefficients']).",
        f"Incidents are recorded for only {EAL_INCIDENT_RECORDING:.0%} of the true rate for EAL pupils "
        "(truth['under_recorded_group']), so models using incidents have lower recall for them.",
        "How the year went for the unseen pupils, whose attendance learners never see (truth['unseen_pupils']).",
    ),
)

RISK = {"intercept": -1.6, "free_school_meals": 0.55, "send": 0.5, "deprivation": 0.25,
        "household_known_to_services": 0.6, "year_group": 0.07, "behaviour": 0.8}


def _binomial_approx(rng: np.random.Generator, trials: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Counts with a binomial's mean and spread, a tenth of the cost of exact draws.

    With 120-140 sessions a term the normal approximation is indistinguishable
    for teaching purposes, and counts stay whole and within 0..trials.
    """
    mean = trials * p
    draw = np.rint(mean + rng.standard_normal(mean.shape) * np.sqrt(mean * (1 - p)))
    return np.clip(draw, 0, trials).astype(np.int64)


def _rate(risk: np.ndarray) -> np.ndarray:
    """Attendance falls steeply as risk rises (absence is heavy-tailed)."""
    return np.clip(1 - 0.055 * np.exp(0.75 * risk + 0.9), 0.30, 0.995)


@register(CARD)
def make_attendance(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` pupils with three terms each; truth holds who is truly persistently absent.

    ``unseen_pupils`` are as many pupils again, drawn the same way from a stream of their own (so the
    other tables do not change): learners see only what was known about them in September, and
    ``truth['unseen_pupils']`` holds how their year went, for judging a model on pupils nobody trained on.
    """
    n = check_rows(CARD, n)
    lsoas = lsoa_frame(seed)
    pupils, attendance, truth_pupils = _cohort(rng_for(seed, "attendance"), n, lsoas, start=1)
    unseen, _, truth_unseen = _cohort(rng_for(seed, "attendance", "unseen"), n, lsoas, start=n + 1)
    truth = {
        "pupils": truth_pupils,
        "unseen_pupils": truth_unseen,
        "risk_coefficients": dict(RISK),
        "persistent_threshold": PERSISTENT_THRESHOLD,
        "under_recorded_group": {"column": "eal", "value": True, "recording_rate": EAL_INCIDENT_RECORDING},
    }
    return Dataset({"pupils": pupils, "attendance": attendance, "unseen_pupils": unseen,
                    **geography_tables(seed, "lsoas")}, truth, CARD.with_params(n=n, seed=seed))


def _cohort(rng: np.random.Generator, n: int, lsoas: pd.DataFrame,
            start: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``n`` pupils (ids from ``start``): the pupils table, their attendance per term, and the truth."""
    dep = lsoas["deprivation"].to_numpy()
    where = rng.choice(len(lsoas), size=n, p=(w := lsoas["population"].to_numpy()) / w.sum())
    d = (dep[where] - dep.mean()) / dep.std()

    n_schools = max(4, n // 600)
    school = np.minimum((where * n_schools) // len(lsoas), n_schools - 1)
    year_group = rng.integers(1, 12, n)
    fsm = rng.random(n) < 1 / (1 + np.exp(-(-1.1 + 0.8 * d)))
    send = rng.random(n) < 0.15
    eal = rng.random(n) < 0.18
    known = rng.random(n) < 1 / (1 + np.exp(-(-2.4 + 0.7 * d + 0.8 * fsm)))
    behaviour = rng.gamma(1.2, 1.0, n) * (1 + 0.4 * send)

    base = (
        RISK["intercept"] + RISK["free_school_meals"] * fsm + RISK["send"] * send + RISK["deprivation"] * d
        + RISK["household_known_to_services"] * known + RISK["year_group"] * (year_group - 6)
        + rng.normal(0, 0.45, n)
    )
    # This year's behaviour matters more than it did last year, so last year's
    # attendance alone misses it and the incident record carries real signal.
    risk = base + RISK["behaviour"] * (behaviour - 1.2) + rng.normal(0, 0.3, n)
    last_year_risk = base + 0.15 * (behaviour - 1.2) + rng.normal(0, 0.5, n)
    year_rate = _rate(risk)
    prior = np.clip(_rate(last_year_risk) + rng.normal(0, 0.01, n), 0.3, 1.0)
    incidents = rng.poisson(2.0 * behaviour * np.where(eal, EAL_INCIDENT_RECORDING, 1.0))

    term_rate = np.clip(year_rate[:, None] + rng.normal(0, 0.02, (n, 3)) + np.array([0.01, -0.01, 0.0]), 0, 1)
    possible = np.broadcast_to(np.asarray(SESSIONS), (n, 3))
    attended = _binomial_approx(rng, possible, term_rate)
    absent = possible - attended
    authorised = _binomial_approx(rng, absent, np.clip(0.8 - 0.25 * (risk[:, None] > 0), 0, 1))

    pupil_id = v.ids("UPN", n, 8, start=start)
    pupils = pd.DataFrame(
        {
            "pupil_id": pupil_id,
            "school_id": "SCH" + pd.Series(school + 1).astype(str).str.zfill(3),
            "lsoa_code": v.take(lsoas["lsoa_code"], where),
            "year_group": year_group.astype(np.int64),
            "sex": v.choice(rng, ["Female", "Male"], n, [0.49, 0.51]),
            "free_school_meals": fsm,
            "send": send,
            "eal": eal,
            "prior_attendance_pct": np.round(prior * 100, 1),
            "incidents_recorded": incidents.astype(np.int64),
            "household_known_to_services": known,
        }
    )
    attendance = pd.DataFrame(
        {
            "pupil_id": v.take(pupil_id, np.repeat(np.arange(n), 3)),
            "academic_year": v.constant(ACADEMIC_YEAR, 3 * n),
            "term": v.labels(np.tile(np.arange(3), n), TERMS),
            "possible_sessions": possible.ravel().astype(np.int64),
            "attended_sessions": attended.ravel().astype(np.int64),
            "authorised_absences": authorised.ravel().astype(np.int64),
            "unauthorised_absences": (absent - authorised).ravel().astype(np.int64),
        }
    )
    observed_rate = attended.sum(axis=1) / possible.sum(axis=1)
    truth = pd.DataFrame(
        {
            "pupil_id": pupil_id,
            "true_attendance_rate": year_rate,
            "attendance_rate": observed_rate,
            "persistently_absent": observed_rate <= PERSISTENT_THRESHOLD,
        }
    )
    return pupils, attendance, truth
