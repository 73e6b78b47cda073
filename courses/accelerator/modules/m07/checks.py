"""Module 7, segmentation: finding groups among sickness-benefit claimants.

The claimants were generated from three planted segments (older and better
paid; poor mental health; married men with poor physical health). Cluster
labels are arbitrary numbers, so answers are compared with the planted
segments by agreement (the adjusted Rand index), never label by label.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

FEATURES = ["age", "weekly_pay", "physical_functioning", "mental_health_score", "depressed", "married", "male"]
SEGMENTS = ["older_higher_pay", "poor_mental_health", "married_male"]
#: Agreement with the planted segments that counts as finding them (scaled k-means gets about 0.88).
GOOD_AGREEMENT = 0.7

# ------------------------------------------------------------ reference answers


def features(claimants: pd.DataFrame) -> pd.DataFrame:
    return claimants[["age", "weekly_pay", "physical_functioning", "mental_health_score"]].assign(
        depressed=claimants["clinical_depression"].astype(int),
        married=(claimants["marital_status"] == "Married").astype(int),
        male=(claimants["sex"] == "Male").astype(int),
    )


def scaled(x: pd.DataFrame) -> pd.DataFrame:
    return (x - x.mean()) / x.std(ddof=0)


def agreement(a: Any, b: Any) -> float:
    """Adjusted Rand index of two labellings: 1 = the same groups, about 0 = no better than chance."""
    table = pd.crosstab(np.asarray(a), np.asarray(b)).to_numpy()
    pairs = lambda n: n * (n - 1) / 2  # noqa: E731
    total = pairs(table.sum())
    index = pairs(table).sum()
    rows, cols = pairs(table.sum(axis=1)).sum(), pairs(table.sum(axis=0)).sum()
    expected = rows * cols / total if total else 0.0
    best = (rows + cols) / 2
    return float((index - expected) / (best - expected)) if best != expected else 1.0


# ------------------------------------------------------------------------ checks


def _planted(ctx: Context) -> pd.Series:
    return ctx.data.truth["segments"]["segment"]


def _check_q1(answer, ctx: Context) -> list[str]:
    expected = features(ctx.table("claimants"))
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame) with the columns {FEATURES}; you gave {compare.describe(answer)}."]
    missing = [c for c in FEATURES if c not in answer.columns]
    if missing:
        return [f"Your table is missing the columns {missing}. Make 0/1 columns for depressed, married and male."]
    extra = [c for c in answer.columns if c not in FEATURES]
    if extra:
        return [f"Leave out {extra}: only the {len(FEATURES)} features listed. "
                "An ID or a code is not a property of a person."]
    if len(answer) != len(expected):
        return [f"Your table has {len(answer):,} rows; expected one per claimant ({len(expected):,})."]
    for column in FEATURES:
        try:
            same = np.allclose(answer[column].to_numpy(dtype=float), expected[column].to_numpy(dtype=float))
        except (TypeError, ValueError):
            same = False
        if not same:
            return [f"The column {column!r} does not hold the expected values"
                    + (" (1 for yes, 0 for no)." if column in ("depressed", "married", "male") else ".")]
    return []


def _check_q2(answer, ctx: Context) -> list[str]:
    x = features(ctx.table("claimants"))
    if isinstance(answer, pd.DataFrame):
        values = answer.reindex(columns=FEATURES).to_numpy(dtype=float) if set(FEATURES) <= set(answer.columns) \
            else answer.to_numpy(dtype=float)
    elif isinstance(answer, np.ndarray):
        values = answer.astype(float)
    else:
        return [f"Give the scaled features as a table or array; you gave {compare.describe(answer)}."]
    if values.shape != x.shape:
        return [f"Your scaled features have shape {values.shape}; expected {x.shape} (claimants × features)."]
    if np.allclose(values, x.to_numpy(dtype=float)):
        return ["These are the raw features: scale each column to mean 0 and standard deviation 1."]
    for ddof in (0, 1):
        if np.allclose(values, ((x - x.mean()) / x.std(ddof=ddof)).to_numpy(dtype=float), atol=1e-6):
            return []
    if np.allclose(values.mean(axis=0), 0, atol=1e-6) and not np.allclose(values.std(axis=0), 1, atol=1e-2):
        return ["Each column has mean 0 but not standard deviation 1: divide by each column's standard deviation too."]
    return ["Each column should become (value − column mean) / column standard deviation."]


def _check_q3(answer, ctx: Context) -> list[str]:
    planted = _planted(ctx)
    try:
        labels = np.asarray(answer).ravel()
    except Exception:
        labels = np.array([])
    if answer is None or len(labels) != len(planted):
        return [f"Give one cluster label per claimant ({len(planted):,}); you gave {compare.describe(answer)}."]
    groups = len(pd.unique(labels))
    if groups != 3:
        return [f"Your labels form {groups} groups; this question asks for k = 3."]
    score = agreement(labels, planted)
    if score < GOOD_AGREEMENT:
        return [f"Your groups agree with the claimants' real segments only {score:.2f} on a 0–1 scale. "
                "Did you cluster the *scaled* features? Unscaled, pay in pounds drowns out everything else."]
    return []


def _check_q4(answer, ctx: Context) -> list[str]:
    planted = _planted(ctx)
    if not isinstance(answer, pd.Series):
        return [f"Give a Series: the number of claimants in each cluster; you gave {compare.describe(answer)}."]
    try:
        sizes = np.sort(answer.to_numpy(dtype=float))[::-1]
    except (TypeError, ValueError):
        return ["The sizes should be numbers of claimants."]
    if len(sizes) != 3:
        return [f"Give one size per cluster (3); you gave {len(sizes)}."]
    if np.isclose(sizes.sum(), 1.0):
        return ["These are shares (they add up to 1); give numbers of claimants."]
    if sizes.sum() != len(planted):
        return [f"The sizes add up to {sizes.sum():,.0f}; "
                f"every one of the {len(planted):,} claimants is in one cluster."]
    expected = np.sort(planted.value_counts().to_numpy(dtype=float))[::-1]
    if np.any(np.abs(sizes - expected) > 0.1 * expected):
        return ["These sizes are far from the clusters k-means finds on the scaled features: count your "
                "question 3 labels (pd.Series(answer_q3).value_counts())."]
    return []


def _check_q5(answer, ctx: Context) -> list[str]:
    planted = _planted(ctx)
    try:
        names = pd.Series(np.asarray(answer, dtype=object).ravel()).astype(str)
    except Exception:
        names = pd.Series([], dtype=str)
    if answer is None or len(names) != len(planted):
        return [f"Give one segment name per claimant ({len(planted):,}), e.g. your labels mapped to names; "
                f"you gave {compare.describe(answer)}."]
    bad = sorted(set(names) - set(SEGMENTS))
    if bad:
        return [f"Use only the segment names {SEGMENTS}; {bad[:3]} is not one of them."]
    right = float((names.to_numpy() == planted.to_numpy()).mean())
    if right >= 0.8:
        return []
    if agreement(names, planted) >= GOOD_AGREEMENT:
        return [f"Your groups are right but only {right:.0%} of claimants get the right name: some names are "
                "swapped. Compare each cluster's average age, pay and mental health score with the descriptions."]
    return [f"Only {right:.0%} of claimants get the right segment name. Start from your question 3 clusters."]


_NAMING = ("older_higher_pay: older, better paid; poor_mental_health: low mental health score, often depressed; "
           "married_male: mostly married men, with poor physical functioning.")

MODULE = ModuleSpec(
    id="m07",
    title="Segmentation: groups among sickness-benefit claimants",
    dataset="claimants",
    rows=3_000,
    tables_for_learner=("claimants",),
    exercises=(
        ExerciseSpec(
            "q1", "Features a model can use", _check_q1,
            hints=(f"A table with exactly these columns: {FEATURES}.",
                   "The first four are columns already; make depressed, married and male 0/1 from clinical_depression, "
                   "marital_status == 'Married' and sex == 'Male' with .astype(int).",
                   "claimants[[...four columns...]].assign(depressed=..., married=..., male=...)"),
            praise="Only properties of people go in: IDs, codes and distances to an office would only add noise.",
        ),
        ExerciseSpec(
            "q2", "Put every feature on the same scale", _check_q2,
            hints=("Pay runs into hundreds of pounds, 'married' is 0 or 1: k-means measures distance, so pay would "
                   "decide everything. Scale each column to mean 0 and standard deviation 1.",
                   "(x - x.mean()) / x.std() does every column at once; "
                   "or sklearn's StandardScaler().fit_transform(x).",
                   "answer_q2 = (answer_q1 - answer_q1.mean()) / answer_q1.std()"),
            praise="Scaled, a year of age and a point of mental health count for comparable amounts.",
        ),
        ExerciseSpec(
            "q3", "Three clusters", _check_q3,
            hints=("Run k-means with k = 3 on the scaled features and keep the label of each claimant.",
                   "from sklearn.cluster import KMeans; KMeans(n_clusters=3, n_init=10, random_state=0)",
                   "answer_q3 = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(answer_q2)"),
            praise="The labels are just numbers: what makes them useful is describing each group, next.",
        ),
        ExerciseSpec(
            "q4", "How big is each group?", _check_q4,
            hints=("Count the claimants with each cluster label from question 3.",
                   "pd.Series(answer_q3) turns the labels into a Series; .value_counts() counts each label.",
                   "answer_q4 = pd.Series(answer_q3).value_counts()"),
            praise="Sizes decide what is worth a service of its own: a segment of a dozen people is not.",
        ),
        ExerciseSpec(
            "q5", "Name each group", _check_q5,
            hints=("Describe each cluster: answer_q1.groupby(answer_q3).mean() "
                   "shows each one's average age, pay and so on.",
                   "The segments are: " + _NAMING,
                   "names = {0: '...', 1: '...', 2: '...'}; answer_q5 = pd.Series(answer_q3).map(names)"),
            praise="A group with a name and a description is something a service can design for.",
        ),
    ),
)
