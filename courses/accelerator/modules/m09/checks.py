"""Module 9, the capstone: which wards most need an early-help hub?

Four services' records are linked by place (LSOA → ward), never by person:
persistent school absence, anti-social behaviour, families eligible for the
programme and sickness-benefit claimants become one ward profile and one need
score whose weights the learner chooses (within the council's rule); the wards
at the top get a hub. Then: who there may be phoned (consent to be contacted,
not consent to research), whether the shortlist survives other reasonable
weights, and a table safe to publish (small counts suppressed, with secondary
suppression so the Total column gives nothing away). Later questions are judged
on the learner's own earlier answers, so one slip costs once. The show-and-tell
is graded by an instructor (nbgrader's manual grading, rubric in rubrics.md).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from academy.datasets.attendance import persistently_absent
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

YEAR = "2024-25"
ASB = "Anti-social behaviour"
MEASURES = ["absence_rate", "asb_per_1000", "families_per_1000_households", "claimants_per_1000"]
HUBS = 5
#: The council's rule for the need score's weights: each measure counts for at least this much and at most that.
LOWEST, HIGHEST = 0.1, 0.4
#: The weights of the published solution (any weights within the rule are right).
REFERENCE_WEIGHTS = {"absence_rate": 0.3, "asb_per_1000": 0.2, "families_per_1000_households": 0.3,
                     "claimants_per_1000": 0.2}
#: The sensitivity check's other reasonable weightings: one measure at 0.4, the other three at 0.2.
ALTERNATIVE_HIGH, ALTERNATIVE_LOW = 0.4, 0.2
#: Small-cell suppression: a count under this is hidden before a table is published.
THRESHOLD = 10
TOTAL = "Total"

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


def ward_measures(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The four measures, one row per ward (indexed by ward_code)."""
    wards = t["wards"].set_index("ward_code")
    return pd.DataFrame({
        "absence_rate": absence_by_ward(t["pupils"], t["attendance"], t["lsoas"]),
        "asb_per_1000": asb_per_1000(t["incidents"], t["wards"]),
        "families_per_1000_households":
            _count_by_ward(t["families"], t["lsoas"], t["wards"]) / wards["households"] * 1000,
        "claimants_per_1000": _count_by_ward(t["claimants"], t["lsoas"], t["wards"]) / wards["population"] * 1000,
    }).reindex(wards.index).rename_axis("ward_code")


def z_scores(measures: pd.DataFrame, ddof: int = 1) -> pd.DataFrame:
    m = measures[MEASURES].astype(float)
    return (m - m.mean()) / m.std(ddof=ddof)


def need_score(measures: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """The weighted sum of the four measures' z-scores."""
    return (z_scores(measures) * pd.Series(weights)).sum(axis=1).rename("need_score")


def ward_profile(t: dict[str, pd.DataFrame], weights: dict[str, float] = REFERENCE_WEIGHTS) -> pd.DataFrame:
    measures = ward_measures(t)
    return measures.assign(need_score=need_score(measures, weights)).reset_index()


def top(scores: pd.Series, k: int = HUBS) -> list[str]:
    return [str(w) for w in scores.sort_values(ascending=False, kind="mergesort").index[:k]]


def hub_wards(profile: pd.DataFrame) -> list[str]:
    return top(profile.set_index("ward_code")["need_score"])


def alternative_weights(heavy: str) -> dict[str, float]:
    return {m: ALTERNATIVE_HIGH if m == heavy else ALTERNATIVE_LOW for m in MEASURES}


def hubs_that_stay(measures: pd.DataFrame, hubs: list[str]) -> pd.Series:
    """For each other weighting (one measure at 0.4), how many of ``hubs`` are still in its top five."""
    return pd.Series({m: len(set(top(need_score(measures, alternative_weights(m)))) & set(hubs))
                      for m in MEASURES})


def families_by_criteria(t: dict[str, pd.DataFrame], hubs: list[str]) -> pd.DataFrame:
    """Families in the hub wards by how many criteria they meet, with each ward's Total (the counts, unhidden)."""
    families = t["families"]
    ward = families["lsoa_code"].map(t["lsoas"].set_index("lsoa_code")["ward_code"])
    there = ward.isin(hubs)
    counts = pd.crosstab(ward[there], families.loc[there, "criteria_met"]).reindex(hubs, fill_value=0)
    counts.columns = [int(c) for c in counts.columns]
    return counts.assign(**{TOTAL: counts.sum(axis=1)})


def hidden_cells(counts: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, list]]:
    """Primary suppression (every count under THRESHOLD) and, per ward, the cells that may be the secondary one.

    Returns the primary mask and, for each ward with exactly one hidden count, the columns holding the smallest
    other count (hiding any one of them is right).
    """
    primary = counts < THRESHOLD
    secondary = {}
    cells = [c for c in counts.columns if c != TOTAL]
    for ward in counts.index:
        row = counts.loc[ward, cells]
        if int(primary.loc[ward, cells].sum()) == 1:
            shown = row[~primary.loc[ward, cells]]
            if len(shown):
                secondary[ward] = list(shown.index[shown == shown.min()])
    return primary, secondary


def published(counts: pd.DataFrame) -> pd.DataFrame:
    """The table as it may be published: hidden counts are missing (NaN)."""
    primary, secondary = hidden_cells(counts)
    out = counts.astype(float).mask(primary)
    for ward, columns in secondary.items():
        out.loc[ward, columns[0]] = np.nan
    return out


def _tables(ctx: Context) -> dict[str, pd.DataFrame]:
    return ctx.data.tables


# ------------------------------------------- the learner's own earlier answers


def _wards(ctx: Context) -> pd.Index:
    return pd.Index(ctx.table("wards")["ward_code"].astype(str))


def _own_series(value, wards: pd.Index) -> pd.Series | None:
    """A learner's earlier per-ward Series, numeric and covering every ward once, or None."""
    if not isinstance(value, pd.Series) or len(value) != len(wards):
        return None
    try:
        s = pd.Series(pd.to_numeric(value, errors="coerce").to_numpy(dtype=float), index=value.index.astype(str))
    except (TypeError, ValueError):
        return None
    if s.index.has_duplicates or set(s.index) != set(wards) or not np.isfinite(s.to_numpy()).all():
        return None
    return s.reindex(wards)


def _own_profile(value, wards: pd.Index) -> pd.DataFrame | None:
    """A learner's earlier profile (the four measures and need_score per ward, indexed by ward_code), or None."""
    if not isinstance(value, pd.DataFrame):
        return None
    frame = value
    if "ward_code" in frame.columns:
        frame = frame.set_index("ward_code")
    if not set([*MEASURES, "need_score"]) <= set(frame.columns):
        return None
    try:
        frame = frame[[*MEASURES, "need_score"]].apply(pd.to_numeric, errors="coerce").astype(float)
    except (TypeError, ValueError):
        return None
    frame.index = frame.index.astype(str)
    if len(frame) != len(wards) or frame.index.has_duplicates or set(frame.index) != set(wards):
        return None
    if not np.isfinite(frame.to_numpy()).all():
        return None
    return frame.reindex(wards).rename_axis("ward_code")


def _own_hubs(value, wards: pd.Index) -> list[str] | None:
    """A learner's earlier list of five different hub ward codes, or None."""
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, tuple)):
        value = list(value)
    if not isinstance(value, list) or len(value) != HUBS:
        return None
    got = [str(v) for v in value]
    if len(set(got)) != HUBS or not set(got) <= set(wards):
        return None
    return got


def _profile_for(ctx: Context) -> pd.DataFrame:
    """The learner's own profile from question 3 when usable, else the reference one (indexed by ward_code)."""
    own = _own_profile(ctx.earlier("q3"), _wards(ctx))
    return own if own is not None else ward_profile(_tables(ctx)).set_index("ward_code")


def _hubs_for(ctx: Context) -> list[str]:
    """The learner's own five hubs from question 4 when usable, else the reference ones."""
    own = _own_hubs(ctx.earlier("q4"), _wards(ctx))
    return own if own is not None else top(_profile_for(ctx)["need_score"])


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


#: How far a need score may be from a weighted sum of z-scores and still be one: a score rounded to 2 decimal
#: places for the committee is off by up to 0.005.
ROUNDING = 0.006


def _fits(columns: pd.DataFrame, got: np.ndarray) -> np.ndarray | None:
    """The weights w with columns @ w == got, if there are such weights; else None."""
    x = np.nan_to_num(columns.to_numpy(dtype=float), nan=0.0)  # a missing z-score adds nothing, as in .sum()
    w, *_ = np.linalg.lstsq(x, got, rcond=None)
    scale = max(1.0, float(np.abs(got).max()))
    return w if np.abs(x @ w - got).max() <= ROUNDING * scale else None


def _weights_words(w: np.ndarray) -> str:
    return ", ".join(f"{m} {v:.3g}" for m, v in zip(MEASURES, w, strict=True))


def _check_q3(answer, ctx: Context) -> list[str]:
    wards = _wards(ctx)
    reference = ward_measures(_tables(ctx))
    built_on = reference.copy()
    for exercise, column in (("q1", "absence_rate"), ("q2", "asb_per_1000")):
        own = _own_series(ctx.earlier(exercise), wards)
        if own is not None:
            built_on[column] = own.to_numpy()
    candidates = [built_on] if built_on.equals(reference) else [built_on, reference]
    results = [compare.table(answer, c.reset_index(), what="the ward profile", key="ward_code",
                             rows_meaning="one per ward") for c in candidates]
    if all(results):
        return results[0]
    measures = candidates[results.index([])]
    if "need_score" not in answer.columns:
        return ["Add the need_score column: your weighted sum of the four measures' z-scores."]
    frame = answer.set_index("ward_code") if "ward_code" in answer.columns else answer
    frame = frame[~frame.index.duplicated()]
    got = pd.to_numeric(frame["need_score"].set_axis(frame.index.astype(str)).reindex(wards),
                        errors="coerce").to_numpy(dtype=float)
    if not np.isfinite(got).all():
        return ["need_score has gaps (NaN) for some wards: every ward needs a score."]
    # z-scores with either standard deviation (pandas' .std() or numpy's / scikit-learn's) are right
    found = [w for w in (_fits(z_scores(measures, ddof), got) for ddof in (1, 0)) if w is not None]
    if found:
        adding_to_1 = [w for w in found if math.isclose(w.sum(), 1, abs_tol=0.01)]
        if not adding_to_1:
            w = found[0]
            return [f"Your weights seem to be {_weights_words(w)}, which add up to {w.sum():.3g}: "
                    "make them add up to 1 (divide each by their total)."]
        w = adding_to_1[0]
        if (w < LOWEST - 0.005).any() or (w > HIGHEST + 0.005).any():
            return [f"Your weights seem to be {_weights_words(w)}; the council's rule is that each measure counts "
                    f"for at least {LOWEST} and at most {HIGHEST}, so no service is ignored and none decides alone."]
        return []
    if _fits(measures[MEASURES], got) is not None:
        return ["That weights the raw measures, so the biggest numbers (claimants per 1,000) decide everything: "
                "turn each column into z-scores first."]
    m = measures[MEASURES].astype(float)
    if _fits((m - m.min()) / (m.max() - m.min()), got) is not None:
        return ["That scales each measure from 0 to 1 (smallest to largest); the council's method is z-scores: "
                "(value − column mean) / column standard deviation."]
    return ["need_score should be the weighted sum, over the four measures, of each measure's z-score "
            "((value − column mean) / column standard deviation), with your weights adding up to 1."]


def _check_q4(answer, ctx: Context) -> list[str]:
    scores = _profile_for(ctx)["need_score"]
    want = top(scores)
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray, tuple)):
        answer = list(answer)
    if not isinstance(answer, list):
        return [f"I expected a list of {HUBS} ward codes; you gave {compare.describe(answer)}."]
    got = [str(a) for a in answer]
    if len(got) != HUBS:
        return [f"Give {HUBS} wards, one per hub; you gave {len(got)}."]
    if len(set(got)) != HUBS:
        return [f"Give {HUBS} different wards, one per hub: your list names a ward more than once."]
    names = set(ctx.table("wards")["ward_name"].astype(str))
    if set(got) <= names:
        return ["Those are the wards' names; give their ward_code values (the names can come later, for the "
                "committee)."]
    if set(got) <= set(scores.index) and [scores[g] for g in got] == [scores[w] for w in want]:
        return []  # the same scores in the same order: wards tied on their score may come either way round
    if set(got) == set(want) and got != want:
        return ["The right wards, in the wrong order: highest need first."]
    if set(got) == set(top(-scores)):
        return ["These are the wards with the *lowest* need: sort with ascending=False."]
    wrong = [g for g in got if g not in want]
    return [f"{wrong[0]} is not among the {HUBS} wards with the highest need_score in your answer_q3."] if wrong else []


def _check_q5(answer, ctx: Context) -> list[str]:
    t = _tables(ctx)
    hubs = _hubs_for(ctx)
    ward = t["claimants"]["lsoa_code"].map(t["lsoas"].set_index("lsoa_code")["ward_code"])
    there = t["claimants"][ward.isin(hubs)]
    want = int(there["contact_consent"].sum())
    value = compare.as_number(answer)
    if value is not None and value != want:
        if value == len(there):
            return ["That counts every claimant in the hub wards; only those who agreed to be contacted may be phoned."]
        if value == there["research_consent"].sum():
            return ["That counts research_consent: agreeing that a record may be used for research is not agreeing "
                    "to be phoned. Count those who agreed to be contacted."]
        if value == (there["research_consent"] & there["contact_consent"]).sum():
            return ["That counts those who agreed to both; the call is not research, so consent to be contacted "
                    "is all it needs (and all it may use)."]
        if value == t["claimants"]["contact_consent"].sum():
            return ["That counts claimants who agreed to be contacted in every ward; keep only your hub wards "
                    "(answer_q4)."]
    return compare.number(answer, float(want), what="claimants in your hub wards who agreed to be contacted")


def _as_counts(answer) -> pd.Series | None:
    if isinstance(answer, dict):
        answer = pd.Series(answer, dtype=object)
    if not isinstance(answer, pd.Series):
        return None
    return answer.set_axis(answer.index.astype(str))


def _check_q6(answer, ctx: Context) -> list[str]:
    measures = _profile_for(ctx)
    hubs = _hubs_for(ctx)
    want = hubs_that_stay(measures, hubs)
    got = _as_counts(answer)
    if got is None:
        return [f"I expected a dictionary with one number for each measure, e.g. {{'absence_rate': 3, ...}}; "
                f"you gave {compare.describe(answer)}."]
    missing = [m for m in MEASURES if m not in got.index]
    if missing:
        return [f"Give one number for each of the four measures, labelled by its name: {compare._few(missing)} "
                "is missing."]
    values = pd.to_numeric(got.reindex(MEASURES), errors="coerce")
    if values.isna().any() or isinstance(answer, pd.Series) and answer.dtype == bool:
        return ["Each value should be a number: how many of your five hubs are still in the top five."]
    if (values == HUBS - want).all() and not (want == HUBS - want).all():
        return ["Those count the hubs that drop out; give how many of your five hubs *stay* in the top five."]
    wrong = [m for m in MEASURES if values[m] != want[m]]
    if wrong:
        m = wrong[0]
        return [f"The number for {m} is not right: score every ward again with {m} at {ALTERNATIVE_HIGH} and the "
                f"other three at {ALTERNATIVE_LOW}, take that top five and count how many of your answer_q4 wards "
                "are in it."]
    return []


def _is_hidden(value) -> bool:
    if value is None:
        return True
    number = pd.to_numeric(pd.Series([value], dtype=object), errors="coerce").iloc[0]
    return bool(pd.isna(number))


def _check_q7(answer, ctx: Context) -> list[str]:
    hubs = _hubs_for(ctx)
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame) with one row per hub ward; you gave {compare.describe(answer)}."]
    table = answer.set_index("ward_code") if "ward_code" in answer.columns else answer
    table = table.set_axis(table.index.astype(str), axis=0)
    labels = {str(c).strip(): c for c in table.columns}
    if "Total" not in labels and "All" in labels:
        labels["Total"] = labels["All"]
    if "All" in table.index or "Total" in table.index:
        return ["Leave out the row of totals: the committee's table has a Total for each ward only (a row of "
                "column totals would need more cells hidden)."]
    if sorted(table.index) != sorted(hubs):
        return [f"Give one row for each of your {HUBS} hub wards (answer_q4), labelled by ward_code; your rows are "
                f"{compare._few(list(table.index))}."]
    if "Total" not in labels:
        return ["Add a Total column: each ward's number of families, before anything is hidden."]
    counts = families_by_criteria(_tables(ctx), hubs)
    shown_columns = [c for c in counts.columns if c != TOTAL]
    extra = [c for c in shown_columns if str(c) not in labels and counts[c].sum() > 0]
    if extra:
        return [f"Give one column for each number of criteria met ({', '.join(map(str, shown_columns))}); "
                f"{compare._few(list(map(str, extra)))} is missing."]
    # a column of zeros the learner left out is not published, so it hides nothing and needs no hiding; one they
    # kept is published, so its zeros are held to the rule like any count
    kept_zeros = [n for n in range(5) if str(n) in labels and n not in shown_columns]
    columns = sorted([c for c in shown_columns if str(c) in labels] + kept_zeros)
    counts = counts.reindex(columns=[*columns, TOTAL], fill_value=0)
    primary, secondary = hidden_cells(counts)
    for ward in counts.index:
        for column in counts.columns:
            value = table.loc[ward, labels[str(column)]]
            count = int(counts.loc[ward, column])
            if primary.loc[ward, column]:
                if not _is_hidden(value):
                    return [f"In ward {ward}, the count for {column} is under {THRESHOLD} but shown: hide every count "
                            f"under {THRESHOLD} (0 included), e.g. as NaN."]
            elif not _is_hidden(value) and float(pd.to_numeric(value)) != count:
                what = "its Total" if column == TOTAL else f"the count for {column}"
                return [f"In ward {ward}, {what} should be {count}, not {value}. The Total is every family in the "
                        "ward, before anything is hidden."]
        hidden_here = {c for c in counts.columns if c != TOTAL and _is_hidden(table.loc[ward, labels[str(c)]])}
        primary_here = {c for c in counts.columns if c != TOTAL and primary.loc[ward, c]}
        if ward in secondary:
            extra_hidden = hidden_here - primary_here
            if not extra_hidden:
                return [f"In ward {ward} only one count is hidden, so the Total gives it away (Total minus the shown "
                        "counts): also hide the smallest other count in that row."]
            if len(extra_hidden) > 1 or not extra_hidden <= set(secondary[ward]):
                return [f"In ward {ward}, hide just one more count besides the small one: the smallest of the others "
                        "(hiding more than needed takes information from the committee)."]
        elif hidden_here != primary_here:
            column = sorted(hidden_here - primary_here, key=str)[0]
            count = int(counts.loc[ward, column])
            return [f"In ward {ward}, the count for {column} is {count} and nothing in that row needs protecting by "
                    "it: show it."]
        if _is_hidden(table.loc[ward, labels["Total"]]) and not primary.loc[ward, TOTAL]:
            return [f"In ward {ward}, show the Total: it is {THRESHOLD} or more."]
    return []


MODULE = ModuleSpec(
    id="m09",
    title="Capstone: which wards most need an early-help hub?",
    dataset="multi_agency",
    rows=4_000,
    tables_for_learner=("families", "pupils", "attendance", "incidents", "claimants", "lsoas", "wards"),
    exercises=(
        ExerciseSpec(
            "q1", "Schools: persistent absence by ward", _check_q1,
            hints=("As in module 8: add up each pupil's sessions over the three terms, then a pupil is absent when "
                   "attended / possible is 0.9 or less. Then find each pupil's ward through their LSOA, as the "
                   "worked example did for claimants.",
                   "The share absent in a ward is the mean of True/False per ward. Your True/False Series is "
                   "labelled by pupil_id, so the ward of each pupil must be labelled by pupil_id too "
                   "(pupils.set_index('pupil_id')).",
                   "answer_q1 = absent.groupby(___).mean()  # ___: each pupil's ward_code, labelled by pupil_id"),
            praise="The school data now speaks the same language as every other service: wards.",
        ),
        ExerciseSpec(
            "q2", "Community safety: anti-social behaviour per 1,000", _check_q2,
            hints=(f"Keep incidents of type {ASB!r} in financial_year {YEAR!r} (two conditions joined with &), count "
                   "them per ward, divide by the ward's population and multiply by 1,000.",
                   "value_counts() counts per ward; .reindex(wards['ward_code'], fill_value=0) adds the wards with "
                   "none, as in the youth-offence example.",
                   "asb = incidents[(incidents['incident_type'] == ___) & (incidents['financial_year'] == ___)]\n"
                   "counts = asb['ward_code'].___().reindex(wards['ward_code'], fill_value=0)\n"
                   "answer_q2 = counts / ___ * 1000"),
            praise="A rate per 1,000 lets a small ward and a big one be compared fairly.",
        ),
        ExerciseSpec(
            "q3", "One ward profile and your need score", _check_q3,
            hints=("Build a table with one row per ward and the four measures: absence_rate (answer_q1), "
                   "asb_per_1000 (answer_q2), families_per_1000_households and claimants_per_1000. Families and "
                   "claimants carry an lsoa_code: map it to a ward and count per ward, as in the first worked example.",
                   "pd.DataFrame({'name': series, ...}) lines Series up by their ward_code labels. Then z-scores "
                   "as in the worked example, one column each, and your weights in a dictionary that adds up to 1.",
                   "z = (profile - profile.___()) / profile.___()\n"
                   "profile['need_score'] = (z * pd.Series(weights)).sum(axis=___)\n"
                   "answer_q3 = profile.rename_axis('ward_code').___()"),
            praise="Four services, one table, and a score whose weights you can explain to the committee.",
            builds_on=("q1", "q2"),
        ),
        ExerciseSpec(
            "q4", f"Where should the {HUBS} hubs go?", _check_q4,
            hints=(f"The {HUBS} wards with the highest need_score in your answer_q3, highest first.",
                   "Sorting with ascending=False (or nlargest) puts the neediest first, as in the worked example.",
                   "answer_q4 = answer_q3.nlargest(___, ___)['ward_code'].___()"),
            praise="A ranked, explainable shortlist is something a committee can debate.",
            builds_on=("q3",),
        ),
        ExerciseSpec(
            "q5", "Who may we phone?", _check_q5,
            hints=("Two consents, two different permissions: research_consent lets the council use a record for "
                   "research; contact_consent lets it get in touch. A phone call needs the second.",
                   "Map each claimant's lsoa_code to a ward, keep those whose ward is in answer_q4 (.isin), then "
                   "count the True values of the right consent column (.sum()).",
                   "in_hubs = claimants['lsoa_code'].map(___).isin(answer_q4)\n"
                   "answer_q5 = claimants.loc[in_hubs, ___].sum()"),
            praise="Linking places needed no consent; contacting people does, and only the consent they gave for it.",
            builds_on=("q4",),
        ),
        ExerciseSpec(
            "q6", "How sure are we? Other reasonable weights", _check_q6,
            hints=(f"Four other weightings: each measure in turn at {ALTERNATIVE_HIGH}, the other three at "
                   f"{ALTERNATIVE_LOW}. For each, score every ward again, take the top five and count how many of "
                   "your answer_q4 wards are in it.",
                   "Your z-scores from question 3 do not change; only the weights do. len(set(a) & set(b)) counts "
                   "the wards two lists share, as in the worked example.",
                   "for m in measures:\n"
                   "    w = {other: ___ for other in measures}\n"
                   "    w[m] = ___\n"
                   "    top5 = (z * pd.Series(w)).sum(axis=1).nlargest(5).index\n"
                   "    answer_q6[m] = len(set(top5) & set(___))"),
            praise="Now you can tell the committee which hubs are robust and which hang on a judgement call.",
            builds_on=("q3", "q4"),
        ),
        ExerciseSpec(
            "q7", "A table safe to publish", _check_q7,
            hints=(f"First the real counts: families in your hub wards by criteria_met, one row per ward, with a "
                   f"Total column. Then hide every count under {THRESHOLD}; then, in any row where just one count is "
                   "hidden, hide the smallest other count too.",
                   "pd.crosstab(ward, criteria) counts; table.mask(table < 10) hides the small ones (they become "
                   "NaN). For the second step, go through the rows as in the worked example: row.isna().sum() "
                   "counts what is hidden and row.dropna().idxmin() names the smallest shown count.",
                   "safe = counts.mask(counts < ___)\n"
                   "for ward in safe.index:\n"
                   "    row = safe.loc[ward, criteria_columns]\n"
                   "    if row.isna().sum() == ___:\n"
                   "        safe.loc[ward, row.dropna().___()] = None\n"
                   "answer_q7 = safe"),
            praise="Nobody can be picked out of your table, and the committee still sees the pattern.",
            builds_on=("q4",),
        ),
    ),
)
