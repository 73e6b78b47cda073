"""Module 9, the capstone: which wards most need an early-help hub?

Four services' records are linked by place (LSOA → ward), never by person:
persistent school absence, anti-social behaviour, families eligible for the
programme and sickness-benefit claimants become one ward profile and one need
score; the wards at the top get a hub, and the claimants there who agreed to
research can be asked what would help. The computed parts are checked here;
the show-and-tell is graded by an instructor (nbgrader's manual grading).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from academy.datasets.attendance import persistently_absent
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

YEAR = "2024-25"
ASB = "Anti-social behaviour"
MEASURES = ["absence_rate", "asb_per_1000", "families_per_1000_households", "claimants_per_1000"]
HUBS = 5

# ------------------------------------------------------------ reference answers


def absence_by_ward(pupils: pd.DataFrame, attendance: pd.DataFrame, lsoas: pd.DataFrame) -> pd.Series:
    """Share of each ward's pupils who were persistently absent over the year."""
    absent = persistently_absent(attendance)
    ward = pupils.set_index("pupil_id")["lsoa_code"].map(lsoas.set_index("lsoa_code")["ward_code"])
    return absent.groupby(ward.reindex(absent.index)).mean().rename("absence_rate")


def asb_per_1000(incidents: pd.DataFrame, wards: pd.DataFrame) -> pd.Series:
    """Anti-social behaviour in the latest year per 1,000 residents; a ward with none has a rate of 0."""
    asb = incidents[(incidents["incident_type"] == ASB) & (incidents["financial_year"] == YEAR)]
    counts = asb["ward_code"].value_counts().reindex(wards["ward_code"], fill_value=0)
    return (counts / wards.set_index("ward_code")["population"] * 1000).rename("asb_per_1000")


def _count_by_ward(table: pd.DataFrame, lsoas: pd.DataFrame, wards: pd.DataFrame) -> pd.Series:
    ward = table["lsoa_code"].map(lsoas.set_index("lsoa_code")["ward_code"])
    return ward.value_counts().reindex(wards["ward_code"], fill_value=0)


def ward_profile(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    wards = t["wards"].set_index("ward_code")
    profile = pd.DataFrame({
        "absence_rate": absence_by_ward(t["pupils"], t["attendance"], t["lsoas"]),
        "asb_per_1000": asb_per_1000(t["incidents"], t["wards"]),
        "families_per_1000_households":
            _count_by_ward(t["families"], t["lsoas"], t["wards"]) / wards["households"] * 1000,
        "claimants_per_1000": _count_by_ward(t["claimants"], t["lsoas"], t["wards"]) / wards["population"] * 1000,
    }).reindex(wards.index)
    z = (profile - profile.mean()) / profile.std()
    return profile.assign(need_score=z.mean(axis=1)).rename_axis("ward_code").reset_index()


def hub_wards(profile: pd.DataFrame) -> list[str]:
    return profile.sort_values("need_score", ascending=False)["ward_code"].head(HUBS).tolist()


def _tables(ctx: Context) -> dict[str, pd.DataFrame]:
    return ctx.data.tables


def _profile(ctx: Context) -> pd.DataFrame:
    return ward_profile(_tables(ctx))


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    t = _tables(ctx)
    want = absence_by_ward(t["pupils"], t["attendance"], t["lsoas"])
    if isinstance(answer, pd.Series) and len(answer) == len(want) and np.allclose(
            pd.to_numeric(answer, errors="coerce").reindex(want.index).to_numpy(dtype=float), want.to_numpy() * 100):
        return ["These are percentages; give shares between 0 and 1 (0.2 rather than 20)."]
    return compare.series(answer, want, what="the persistent absence rate", index_meaning="ward codes",
                          label_word="ward")


def _check_q2(answer, ctx: Context) -> list[str]:
    t = _tables(ctx)
    want = asb_per_1000(t["incidents"], t["wards"])
    if isinstance(answer, pd.Series) and len(answer) < len(want) and set(answer.index.astype(str)) < set(want.index):
        return [f"Your answer has {len(answer)} wards; give all {len(want)}: a ward with no anti-social behaviour "
                "has a rate of 0 (.reindex(wards['ward_code'], fill_value=0))."]
    every_year = t["incidents"][t["incidents"]["incident_type"] == ASB]["ward_code"].value_counts()
    rate_all_years = (every_year.reindex(want.index, fill_value=0)
                      / t["wards"].set_index("ward_code")["population"] * 1000)
    if isinstance(answer, pd.Series) and len(answer) == len(want) and np.allclose(
            pd.to_numeric(answer, errors="coerce").reindex(want.index).to_numpy(dtype=float),
            rate_all_years.to_numpy()):
        return [f"That counts all three years; keep only financial_year {YEAR!r}."]
    return compare.series(answer, want, what="anti-social behaviour per 1,000 residents", index_meaning="ward codes",
                          label_word="ward")


def _check_q3(answer, ctx: Context) -> list[str]:
    want = _profile(ctx)
    problems = compare.table(answer, want.drop(columns="need_score"), what="the ward profile", key="ward_code",
                             rows_meaning="one per ward")
    if problems:
        return problems
    if "need_score" not in answer.columns:
        return ["Add the need_score column: the mean of the four measures' z-scores."]
    got = answer.set_index("ward_code")["need_score"].reindex(want["ward_code"])
    for ddof in (1, 0):
        z = (want[MEASURES] - want[MEASURES].mean()) / want[MEASURES].std(ddof=ddof)
        if np.allclose(pd.to_numeric(got, errors="coerce").to_numpy(dtype=float), z.mean(axis=1).to_numpy(), atol=1e-6,
                       equal_nan=True):
            return []
    raw = want[MEASURES].mean(axis=1)
    if np.allclose(pd.to_numeric(got, errors="coerce").to_numpy(dtype=float), raw.to_numpy(), atol=1e-6):
        return ["That averages the raw measures, so the biggest numbers (claimants per 1,000) decide everything: "
                "turn each column into z-scores first."]
    return ["need_score should be the mean, across the four measures, of each measure's z-score "
            "((value − column mean) / column standard deviation)."]


def _check_q4(answer, ctx: Context) -> list[str]:
    want = hub_wards(_profile(ctx))
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray, tuple)):
        answer = list(answer)
    if not isinstance(answer, list):
        return [f"I expected a list of {HUBS} ward codes; you gave {compare.describe(answer)}."]
    got = [str(a) for a in answer]
    if len(got) != HUBS:
        return [f"Give {HUBS} wards, one per hub; you gave {len(got)}."]
    if len(set(got)) != HUBS:
        return [f"Give {HUBS} different wards, one per hub: your list names a ward more than once."]
    if set(got) == set(want) and got != want:
        return ["The right wards, in the wrong order: highest need first."]
    lowest = _profile(ctx).sort_values("need_score")["ward_code"].head(HUBS).tolist()
    if set(got) == set(lowest):
        return ["These are the wards with the *lowest* need: sort with ascending=False."]
    wrong = [g for g in got if g not in want]
    return [f"{wrong[0]} is not among the {HUBS} wards with the highest need_score."] if wrong else []


def _check_q5(answer, ctx: Context) -> list[str]:
    t = _tables(ctx)
    hubs = hub_wards(_profile(ctx))
    ward = t["claimants"]["lsoa_code"].map(t["lsoas"].set_index("lsoa_code")["ward_code"])
    there = t["claimants"][ward.isin(hubs)]
    value = compare.as_number(answer)
    if value is not None and value == len(there) and there["research_consent"].sum() != len(there):
        return ["That counts every claimant in the hub wards; only those with research_consent may be asked."]
    return compare.number(answer, float(there["research_consent"].sum()),
                          what="claimants in the hub wards who agreed to research")


MODULE = ModuleSpec(
    id="m09",
    title="Capstone: which wards most need an early-help hub?",
    dataset="multi_agency",
    rows=4_000,
    tables_for_learner=("families", "pupils", "attendance", "incidents", "claimants", "lsoas", "wards"),
    exercises=(
        ExerciseSpec(
            "q1", "Schools: persistent absence by ward", _check_q1,
            hints=("As in module 8: add up each pupil's sessions, then absent = attended / possible <= 0.9. "
                   "Then find each pupil's ward through their LSOA.",
                   "lsoas.set_index('lsoa_code')['ward_code'] is a lookup: pupils['lsoa_code'].map(it) gives each "
                   "pupil's ward. The share absent in a ward is the mean of True/False.",
                   "answer_q1 = absent.groupby(ward).mean()  # absent and ward both labelled by pupil_id"),
            praise="The school data now speaks the same language as every other service: wards.",
        ),
        ExerciseSpec(
            "q2", "Community safety: anti-social behaviour per 1,000", _check_q2,
            hints=(f"Keep incidents of type {ASB!r} in financial_year {YEAR!r}, count them per ward, divide by "
                   "the ward's population and multiply by 1,000.",
                   "value_counts() counts per ward; "
                   ".reindex(wards['ward_code'], fill_value=0) adds the wards with none.",
                   "counts / wards.set_index('ward_code')['population'] * 1000"),
            praise="A rate per 1,000 lets a small ward and a big one be compared fairly.",
        ),
        ExerciseSpec(
            "q3", "One ward profile and a need score", _check_q3,
            hints=("Build a table with one row per ward_code and the four measures: absence_rate (question 1), "
                   "asb_per_1000 (question 2), families_per_1000_households and claimants_per_1000.",
                   "Families and claimants carry an lsoa_code: map it to a ward, count per ward "
                   "(.value_counts().reindex(wards['ward_code'], fill_value=0)), divide by households or population.",
                   "z = (profile[measures] - profile[measures].mean()) / profile[measures].std(); "
                   "need_score = z.mean(axis=1)."),
            praise="Four services, one table: the picture no single service could draw on its own.",
        ),
        ExerciseSpec(
            "q4", f"Where should the {HUBS} hubs go?", _check_q4,
            hints=(f"The {HUBS} wards with the highest need_score, highest first.",
                   "answer_q3.sort_values('need_score', ascending=False) puts the neediest first.",
                   "answer_q4 = answer_q3.sort_values('need_score', ascending=False)['ward_code'].head(5).tolist()"),
            praise="A ranked, explainable shortlist is something a committee can debate.",
        ),
        ExerciseSpec(
            "q5", "Who may we ask?", _check_q5,
            hints=("Before the hubs open, the council wants to ask claimants in those wards what would help — but only "
                   "those who agreed to be contacted for research.",
                   "Map each claimant's lsoa_code to a ward, keep those in answer_q4, then count research_consent.",
                   "answer_q5 = claimants.loc[in_hub_wards, 'research_consent'].sum()"),
            praise="Linking places needed no consent; contacting people does.",
        ),
    ),
)
