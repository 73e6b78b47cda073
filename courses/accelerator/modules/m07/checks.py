"""Module 7, segmentation: finding groups among sickness-benefit claimants who agreed to research.

The claimants were generated from three planted segments (older and better paid; poor mental health;
married men with poor physical health). The learner chooses the features (never sex or marital status,
protected characteristics under the Equality Act 2010) and k; their choice is judged by the silhouette
of their clusters on their own scaled features, not against one right k. Later questions are judged on the
learner's own earlier answers (``builds_on``), so one slip costs once. Cluster labels are arbitrary numbers,
so clusters are compared with the planted segments by who is in them, never label by label.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

SEGMENTS = ["older_higher_pay", "poor_mental_health", "poor_physical_health"]
#: The dataset names its third planted segment by who is in it; learners name segments by need.
PLANTED_AS = {"married_male": "poor_physical_health"}
#: Columns that describe a claimant's situation and may be chosen as features (True/False as 0/1).
CANDIDATES = ["age", "weekly_pay", "physical_functioning", "mental_health_score", "clinical_depression",
              "months_claiming", "distance_to_jobcentre_m"]
#: Protected characteristics in the table (Equality Act 2010): never clustering features.
PROTECTED = {"sex": "Male", "marital_status": "Married"}
#: The published solution's choice of features and k.
REFERENCE_FEATURES = ["age", "weekly_pay", "physical_functioning", "mental_health_score"]
REFERENCE_K = 3
MIN_FEATURES = 3
#: A clustering whose silhouette is below this does not separate groups clearly enough to design services on.
GOOD_SILHOUETTE = 0.33
#: A k whose silhouette is within this of the best k's (2 to 6) on the same features is as good a choice.
CLOSE_TO_BEST = 0.05
#: A cluster may take the name of any segment whose share of its members is this close to the largest share,
#: or at least MIXED_SHARE of them (a cluster that mixes two kinds, as k = 2 makes, may take either name).
NAME_MARGIN = 0.10
MIXED_SHARE = 0.35

# ------------------------------------------------------------ reference answers


def consented(claimants: pd.DataFrame) -> pd.DataFrame:
    return claimants[claimants["research_consent"].astype(bool)]


def standardise(x: pd.DataFrame, ddof: int = 1) -> pd.DataFrame:
    x = x.astype(float)
    return (x - x.mean()) / x.std(ddof=ddof)


def _one_thread():
    """k-means on a few thousand rows is fastest on one thread; its default thread pool, on a busy shared
    machine, can take a hundred times longer."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


def reference_labels(rows: pd.DataFrame) -> np.ndarray:
    from sklearn.cluster import KMeans

    with _one_thread():
        return KMeans(n_clusters=REFERENCE_K, n_init=10, random_state=0).fit_predict(
            standardise(rows[REFERENCE_FEATURES]))


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


def silhouette(x: np.ndarray, labels: Any) -> float:
    from sklearn.metrics import silhouette_score

    with _one_thread():
        return float(silhouette_score(x, np.asarray(labels)))


@lru_cache(maxsize=64)
def _best_by_k(key: bytes, shape: tuple[int, int]) -> tuple[tuple[int, float], ...]:
    from sklearn.cluster import KMeans

    x = np.frombuffer(key, dtype=float).reshape(shape)
    with _one_thread():
        return tuple((k, silhouette(x, KMeans(n_clusters=k, n_init=4, random_state=0).fit_predict(x)))
                     for k in range(2, 7))


def best_by_k(x: np.ndarray) -> dict[int, float]:
    """The silhouette k-means reaches on ``x`` for each k from 2 to 6 (cached: checks repeat it)."""
    x = np.ascontiguousarray(np.round(x, 9), dtype=float)
    return dict(_best_by_k(x.tobytes(), x.shape))


# ----------------------------------------------------------- the learner's data


def _all(ctx: Context) -> pd.DataFrame:
    return ctx.table("claimants")


def _rows(ctx: Context) -> pd.DataFrame:
    """The claimants the learner works on: their own question 1 table when it is a usable one, else those
    who agreed to research (so a learner who kept everyone is not marked down again for it)."""
    own = ctx.earlier("q1")
    claimants = _all(ctx)
    if isinstance(own, pd.DataFrame) and "claimant_id" in own.columns and len(own) >= 30:
        ids = own["claimant_id"]
        if ids.is_unique and ids.isin(claimants["claimant_id"]).all():
            return claimants.set_index("claimant_id").loc[ids.to_numpy()].reset_index()
    return consented(claimants).reset_index(drop=True)


def _planted(ctx: Context, rows: pd.DataFrame) -> np.ndarray:
    truth = ctx.data.truth["segments"].set_index("claimant_id")["segment"]
    return truth.loc[rows["claimant_id"].to_numpy()].astype(str).replace(PLANTED_AS).to_numpy()


def _values(column: Any) -> np.ndarray | None:
    try:
        values = np.asarray(column, dtype=float)
    except (TypeError, ValueError):
        return None
    return values if values.ndim == 1 else None


def _which(values: np.ndarray, rows: pd.DataFrame, *, scaled: bool) -> str | None:
    """The candidate (or protected) column ``values`` holds, raw or scaled to mean 0 and sd 1."""
    options = {c: rows[c].astype(float) for c in CANDIDATES}
    for column, level in PROTECTED.items():
        yes = (rows[column].astype(str) == level).astype(float)
        options[column], options[column + " (reversed)"] = yes, 1 - yes
    for name, option in options.items():
        option = option.to_numpy()
        tries = [standardise(pd.DataFrame({"x": option}), ddof)["x"].to_numpy() for ddof in (0, 1)] \
            if scaled else [option]
        for want in tries:
            if len(want) == len(values) and np.allclose(values, want, atol=1e-6, equal_nan=True):
                return name.replace(" (reversed)", "")
    return None


def _columns(answer: Any) -> list[tuple[str, np.ndarray | None]]:
    if isinstance(answer, pd.DataFrame):
        return [(str(c), _values(answer[c])) for c in answer.columns]
    array = np.asarray(answer)
    return [(f"column {i}", _values(array[:, i])) for i in range(array.shape[1])]


_PROTECTED_WORDS = ("Leave out {what}: under the Equality Act 2010 it is a protected characteristic. Clustering on "
                    "it would make segments, and services designed for them, partly about {who}. You will check "
                    "the segments for it afterwards instead (question 7).")


def _protected_problem(name: str) -> str:
    what, who = ("sex", "being a man or a woman") if name == "sex" else \
        ("marital status", "being married or not")
    return _PROTECTED_WORDS.format(what=what, who=who)


def _feature_names(answer: Any, rows: pd.DataFrame, *, scaled: bool) -> tuple[list[str], list[str]]:
    """(the features each column holds, problems)."""
    found, problems = [], []
    for label, values in _columns(answer):
        if label in PROTECTED:
            return [], [_protected_problem(label)]
        if values is None:
            return [], [f"The column {label!r} holds text or something else that is not a number: "
                        "k-means needs numbers (True/False can become 1/0 with .astype(int))."]
        which = _which(values, rows, scaled=scaled)
        if which in PROTECTED:
            return [], [_protected_problem(which)]
        if which is None:
            found.append("?")
            problems.append(label)
        else:
            found.append(which)
    return found, problems


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    claimants = _all(ctx)
    agreed = consented(claimants)
    if isinstance(answer, pd.Series) and len(answer) == len(claimants):
        return ["This is a True/False column, one per claimant: use it to pick the rows, "
                "claimants[...], so you keep the table of the people who agreed."]
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame) of the claimants who agreed; you gave {compare.describe(answer)}."]
    if "claimant_id" not in answer.columns:
        return ["Keep every column of the claimants table (including claimant_id): just fewer rows."]
    ids = set(answer["claimant_id"])
    want = set(agreed["claimant_id"])
    if ids == set(claimants["claimant_id"]):
        return [f"This is every claimant ({len(claimants):,}); {len(claimants) - len(agreed):,} of them did not "
                "agree to their record being used for research, and must be left out."]
    if ids == set(claimants["claimant_id"]) - want:
        return ["These are the claimants who did NOT agree: keep the ones whose research_consent is True."]
    if ids != want or len(answer) != len(agreed):
        return [f"Your table has {len(answer):,} rows; {len(agreed):,} claimants agreed to research "
                "(research_consent is True). Keep exactly those, once each."]
    return []


def _check_q2(answer, ctx: Context) -> list[str]:
    rows = _rows(ctx)
    if isinstance(answer, pd.Series):
        return ["This is one column: give a table (DataFrame) of the features you chose, at least "
                f"{MIN_FEATURES} columns."]
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame) of features; you gave {compare.describe(answer)}."]
    if len(answer) != len(rows):
        return [f"Your table has {len(answer):,} rows; expected one per claimant who agreed to research "
                f"({len(rows):,}). Start from answer_q1."]
    for column in answer.columns:
        if str(column) in ("claimant_id", "lsoa_code"):
            return [f"Leave out {column}: an identifier or an area code is a label, not something about the person "
                    "that k-means can measure a distance on."]
    names, unknown = _feature_names(answer.reset_index(drop=True), rows, scaled=False)
    if names == [] and unknown:  # a protected characteristic or text
        return unknown
    if unknown:
        return [f"I cannot match the column(s) {unknown[:3]} to the claimants' data: keep the values as they are "
                f"in answer_q1 ({', '.join(CANDIDATES)}), with True/False as 1/0."]
    if len(set(names)) < len(names):
        return ["The same feature is in your table twice: it would count double in every distance."]
    if len(names) < MIN_FEATURES:
        return [f"Choose at least {MIN_FEATURES} features: with {len(names)}, the groups can only be told apart "
                "on one or two things."]
    return []


def _check_q3(answer, ctx: Context) -> list[str]:
    rows = _rows(ctx)
    if isinstance(answer, pd.DataFrame):
        array = answer
    elif isinstance(answer, np.ndarray) and answer.ndim == 2:
        array = answer
    else:
        return [f"Give your scaled features as a table or an array; you gave {compare.describe(answer)}."]
    if len(array) != len(rows):
        return [f"Your scaled features have {len(array):,} rows; expected one per claimant who agreed "
                f"({len(rows):,})."]
    own = ctx.earlier("q2")
    if isinstance(own, pd.DataFrame) and len(own) == len(rows) and own.shape[1] != np.shape(array)[1]:
        return [f"Your question 2 table has {own.shape[1]} features; this has {np.shape(array)[1]}. "
                "Scale the features you chose, all of them."]
    columns = _columns(array)
    if any(values is None for _, values in columns):
        return ["Every column should hold numbers."]
    values = np.column_stack([v for _, v in columns])
    if np.allclose(values.mean(axis=0), 0, atol=1e-6) and np.allclose(values.std(axis=0), 1, atol=0.01):
        names, unknown = _feature_names(array if isinstance(array, pd.DataFrame) else values, rows, scaled=True)
        if names == [] and unknown:
            return unknown
        if unknown:
            return [f"The column(s) {unknown[:3]} are scaled, but are not one of the claimants' columns: scale "
                    "your question 2 features."]
        return []
    names, unknown = _feature_names(values, rows, scaled=False)
    if names and not unknown:
        return ["These are your features as they were: scale each column to mean 0 and standard deviation 1."]
    if np.allclose(values.mean(axis=0), 0, atol=1e-6):
        return ["Each column has mean 0 but not standard deviation 1: divide by each column's standard "
                "deviation too."]
    if np.allclose(values.min(axis=0), 0) and np.allclose(values.max(axis=0), 1):
        return ["Each column now runs from 0 to 1: that is another scaling. This question asks for mean 0 and "
                "standard deviation 1: (value − column mean) / column standard deviation."]
    return ["Each column should become (value − column mean) / column standard deviation, column by column."]


def _space(ctx: Context, rows: pd.DataFrame) -> tuple[np.ndarray, bool]:
    """The scaled features the learner clustered: their question 3 answer when usable, else the reference's.
    The flag says whether it is their own."""
    own = ctx.earlier("q3")
    try:
        x = np.asarray(own, dtype=float)
        if x.ndim == 2 and len(x) == len(rows) and x.shape[1] >= 1 and np.isfinite(x).all() \
                and np.allclose(x.mean(axis=0), 0, atol=1e-6) and np.allclose(x.std(axis=0), 1, atol=0.01):
            return x, True
    except (TypeError, ValueError):
        pass
    return standardise(rows[REFERENCE_FEATURES]).to_numpy(), False


def _labels(answer: Any, n: int) -> tuple[np.ndarray | None, list[str]]:
    if answer is None or isinstance(answer, (str, dict, pd.DataFrame)) or np.ndim(answer) != 1:
        if hasattr(answer, "fit_predict") or hasattr(answer, "labels_"):
            return None, ["This is the fitted model: give its labels, one per claimant "
                          "(.fit_predict(...) or the model's .labels_)."]
        if isinstance(answer, np.ndarray) and answer.ndim == 2:
            return None, ["This looks like the cluster centres or a table: give one cluster label per claimant."]
        return None, [f"Give one cluster label per claimant ({n:,}); you gave {compare.describe(answer)}."]
    labels = np.asarray(answer, dtype=object).ravel()
    if len(labels) != n:
        return None, [f"Give one cluster label per claimant who agreed ({n:,}); you gave {len(labels):,}."]
    if pd.isna(pd.Series(labels)).any():
        return None, ["Some claimants have no cluster label: every claimant should be in one cluster."]
    return pd.Series(labels).astype(str).to_numpy(), []


def _check_q4(answer, ctx: Context) -> list[str]:
    rows = _rows(ctx)
    labels, problems = _labels(answer, len(rows))
    if problems:
        return problems
    k = len(pd.unique(labels))
    if k < 2:
        return ["All your claimants are in one cluster: k must be at least 2."]
    if k > 8:
        return [f"Your labels make {k} groups: far too many segments for services to design for. "
                "Compare k = 2 to 6."]
    x, own = _space(ctx, rows)
    scores = best_by_k(x)
    best_k = max(scores, key=scores.get)
    best = scores[best_k]
    score = silhouette(x, labels)
    yours = "your" if own else "the"
    if best < GOOD_SILHOUETTE:
        return [f"Even the best k on {yours} features reaches a silhouette of only {best:.2f} (k = {best_k}): the "
                "groups overlap too much to design services on. Columns that do not differ between kinds of people "
                "(how long someone has claimed, how far they live from the jobcentre) blur the groups: go back to "
                "question 2 and choose other features, then scale and cluster again."]
    if score < best - CLOSE_TO_BEST or score < GOOD_SILHOUETTE:
        if k in scores and scores[k] >= best - CLOSE_TO_BEST:
            return [f"Your {k} clusters have a silhouette of {score:.2f}, but k-means with k = {k} on {yours} scaled "
                    f"features reaches {scores[k]:.2f}. Did you cluster your scaled features (answer_q3), not the "
                    "raw ones? Unscaled, the column with the biggest numbers decides everything."]
        return [f"Your {k} clusters have a silhouette of {score:.2f}; on {yours} features k = {best_k} reaches "
                f"{best:.2f}. Try each k from 2 to 6, compare their silhouettes, and choose one close to the "
                "highest."]
    return []


def _clusters(ctx: Context, rows: pd.DataFrame) -> np.ndarray:
    """The learner's own cluster labels (question 4) as text, else the reference clustering's."""
    labels, problems = _labels(ctx.earlier("q4"), len(rows))
    if labels is not None and not problems and len(pd.unique(labels)) >= 2:
        return labels
    return pd.Series(reference_labels(rows)).astype(str).to_numpy()


def _check_q5(answer, ctx: Context) -> list[str]:
    rows = _rows(ctx)
    labels = _clusters(ctx, rows)
    expected = pd.Series(labels).value_counts()
    if isinstance(answer, pd.DataFrame):
        return ["Give a Series (one count per cluster), not a table: count the labels themselves, e.g. with "
                ".value_counts() on pd.Series(answer_q4)."]
    if not isinstance(answer, pd.Series):
        return [f"Give a Series: the number of claimants in each cluster; you gave {compare.describe(answer)}."]
    try:
        sizes = answer.to_numpy(dtype=float)
    except (TypeError, ValueError):
        return ["The sizes should be numbers of claimants."]
    if len(sizes) != len(expected):
        return [f"Give one size per cluster ({len(expected)}); you gave {len(sizes)}."]
    if np.isclose(sizes.sum(), 1.0):
        return ["These are shares (they add up to 1); give numbers of claimants."]
    if np.isclose(sizes.sum(), 100.0) and not np.isclose(sizes.sum(), len(rows)):
        return ["These are percentages (they add up to 100); give numbers of claimants."]
    if not np.isclose(sizes.sum(), len(rows)):
        return [f"The sizes add up to {sizes.sum():,.0f}; every one of the {len(rows):,} claimants who agreed is in "
                "one cluster."]
    by_label = pd.Series(sizes, index=answer.index.astype(str))
    if by_label.index.is_unique and set(by_label.index) == set(expected.index):
        if np.allclose(by_label.reindex(expected.index).to_numpy(), expected.to_numpy()):
            return []
        return ["The counts are not those of your question 4 labels: count each label of answer_q4."]
    if np.allclose(np.sort(sizes), np.sort(expected.to_numpy(dtype=float))):
        return []
    return ["These sizes are not the counts of your question 4 labels: count each label of answer_q4 "
            "(pd.Series(answer_q4).value_counts())."]


def _names(answer: Any) -> dict[str, str] | None:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        return None
    return {str(k): str(v) for k, v in answer.items()}


def _form_q6(answer, ctx: Context) -> list[str]:
    names = _names(answer)
    if names is not None and len(names) == len(_rows(ctx)) > 10:
        return ["This gives a name to each claimant: give one name per cluster instead, a dict like "
                "{0: 'older_higher_pay', 1: ...} with one entry for each of your cluster labels."]
    if names is None:
        return ["Give a dict: each of your cluster labels paired with a segment name, e.g. "
                "{0: 'older_higher_pay', 1: ...}; you gave " + compare.describe(answer) + "."]
    bad = sorted(set(names.values()) - set(SEGMENTS))
    if bad:
        return [f"Use only the segment names {SEGMENTS}; {bad[:3]} is not one of them."]
    labels = set(_clusters(ctx, _rows(ctx)))
    if set(names) != labels:
        missing, extra = sorted(labels - set(names)), sorted(set(names) - labels)
        return ["Give exactly one name for each of your question 4 clusters"
                + (f"; missing: {missing[:6]}" if missing else "")
                + (f"; not one of your cluster labels: {extra[:6]}" if extra else "") + "."]
    return []


def _check_q6(answer, ctx: Context) -> list[str]:
    problems = _form_q6(answer, ctx)
    if problems:
        return problems
    rows = _rows(ctx)
    labels = _clusters(ctx, rows)
    planted = pd.Series(_planted(ctx, rows))
    names = _names(answer)
    wrong = []
    for label in sorted(set(labels)):
        shares = planted[labels == label].value_counts(normalize=True)
        given = shares.get(names[label], 0.0)
        if given < shares.max() - NAME_MARGIN and given < MIXED_SHARE:
            wrong.append(f"cluster {label} is mostly {shares.idxmax()} ({shares.max():.0%} of its claimants), "
                         f"not {names[label]}")
    if wrong:
        return ["Compare each cluster's averages with the descriptions: " + "; ".join(wrong) + "."]
    return []


def _share_column(answer: pd.DataFrame, word: str) -> str | None:
    found = [c for c in answer.columns if word in str(c).lower() and ("un" + word if word == "married" else "fe"
                                                                     + word) not in str(c).lower()]
    return found[0] if len(found) == 1 else None


def _check_q7(answer, ctx: Context) -> list[str]:
    rows = _rows(ctx)
    labels = _clusters(ctx, rows)
    expected = pd.DataFrame({
        "male": (rows["sex"].astype(str) == "Male").to_numpy(),
        "married": (rows["marital_status"].astype(str) == "Married").to_numpy(),
    }).astype(float).groupby(labels).mean()
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table with one row per cluster and the columns male and married; you gave "
                f"{compare.describe(answer)}."]
    columns = {word: _share_column(answer, word) for word in ("male", "married")}
    if None in columns.values():
        return ["Give two columns, male and married: the share of each cluster's claimants who are men, and who "
                f"are married. Your columns are {list(map(str, answer.columns))[:6]}."]
    got = answer[[columns["male"], columns["married"]]].set_axis(["male", "married"], axis=1)
    try:
        got = got.astype(float)
    except (TypeError, ValueError):
        return ["The shares should be numbers between 0 and 1."]
    if len(got) != len(expected):
        if len(got) == len(rows):
            return ["Give one row per cluster, not per claimant: the average of a 0/1 column within each cluster "
                    "is its share."]
        return [f"Give one row per cluster ({len(expected)}); your table has {len(got)}."]
    if (got.to_numpy() > 1).any() and (got.to_numpy() <= 100).all():
        got = got / 100
    got.index = got.index.astype(str)
    if got.index.is_unique and set(got.index) == set(expected.index):
        got = got.reindex(expected.index)
    else:  # labelled some other way: compare the clusters in order of their share of men
        got = got.sort_values(["male", "married"]).set_axis(range(len(got)))
        expected = expected.sort_values(["male", "married"]).set_axis(range(len(expected)))
    counts = (rows["sex"].astype(str) == "Male").astype(float).groupby(labels).sum()
    if np.allclose(got["male"].sort_values().to_numpy(), np.sort(counts.to_numpy())):
        return ["These are numbers of men; give shares: the number in the cluster divided by its size "
                "(the mean of a 0/1 column does it)."]
    for column, what in (("male", "are men"), ("married", "are married")):
        if not np.allclose(got[column].to_numpy(), expected[column].to_numpy(), atol=0.005):
            if np.allclose(got[column].to_numpy(), 1 - expected[column].to_numpy(), atol=0.005):
                return [f"The column {column} holds the share who are NOT {column}: turn it round."]
            return [f"The column {column} should hold the share of each cluster's claimants who {what} "
                    "(0 to 1)."]
    return []


# ------------------------------------------------------------------------- hints

_NAMING = ("older_higher_pay: older, with the highest pay and good health; poor_mental_health: the lowest "
           "mental health scores, often clinically depressed, lower pay; poor_physical_health: the poorest "
           "physical functioning.")

MODULE = ModuleSpec(
    id="m07",
    title="Segmentation: groups among sickness-benefit claimants",
    dataset="claimants",
    rows=3_000,
    tables_for_learner=("claimants",),
    exercises=(
        ExerciseSpec(
            "q1", "Only claimants who agreed to research", _check_q1,
            hints=("research_consent is True for the claimants who agreed. Keep only their rows.",
                   "A True/False column inside square brackets keeps the rows where it is True, like the "
                   "worked example's claimants[long_claim].",
                   "answer_q1 = claimants[___]"),
            praise="Only people who agreed are analysed: consent is the first thing to check, before any method.",
        ),
        ExerciseSpec(
            "q2", "Choose your features", _check_q2,
            hints=("Pick at least three number columns that describe a claimant's situation: age, pay, health "
                   "scores, depression. Not IDs or area codes, and not sex or marital status.",
                   "Double square brackets pick several columns: answer_q1[['col_a', 'col_b', ...]]. "
                   "A True/False column becomes 1/0 with .astype(int).",
                   "answer_q2 = answer_q1[[___, ___, ___]]"),
            praise="Your choice: the silhouette in question 4 will show how well it separates groups of people.",
            builds_on=("q1",),
        ),
        ExerciseSpec(
            "q3", "Put every feature on the same scale", _check_q3,
            hints=("Pay runs into hundreds of pounds, a health score to 100: k-means measures distance, so the "
                   "biggest numbers would decide everything. Give every column mean 0 and standard deviation 1.",
                   "The worked example scaled one column: (column − its mean) / its standard deviation. The same "
                   "sum on a whole table works column by column.",
                   "answer_q3 = (___ - ___.mean()) / ___.std()"),
            praise="Scaled, a year of age and a point of mental health count for comparable amounts.",
            builds_on=("q1", "q2"),
        ),
        ExerciseSpec(
            "q4", "Choose k and cluster", _check_q4,
            hints=("Run k-means on your scaled features (answer_q3) for each k from 2 to 6, note each silhouette, "
                   "and keep the labels of a k whose silhouette is the highest or close to it.",
                   "The worked example's loop prints a silhouette for each k: run the same loop on answer_q3.",
                   "answer_q4 = KMeans(n_clusters=___, n_init=10, random_state=0).fit_predict(___)"),
            praise="You chose k from the data: the silhouette says your groups are clearly apart.",
            builds_on=("q1", "q3"),
        ),
        ExerciseSpec(
            "q5", "How big is each segment?", _check_q5,
            hints=("Count the claimants with each cluster label from question 4.",
                   "pd.Series(answer_q4) turns the labels into a column; .value_counts() counts each label, like "
                   "the worked example.",
                   "answer_q5 = pd.Series(___).___()"),
            praise="Sizes decide what is worth a service of its own: a segment of a dozen people is not.",
            builds_on=("q1", "q4"),
        ),
        ExerciseSpec(
            "q6", "Name each segment", _check_q6,
            hints=("Describe each of your clusters: the average of each column per cluster, like the worked "
                   "example's profile, then compare with the descriptions.",
                   "The segments are: " + _NAMING,
                   "answer_q6 = {___: 'older_higher_pay', ___: 'poor_mental_health', ___: 'poor_physical_health'}  "
                   "(one entry per cluster of yours)"),
            praise="A group with a name and a description is something a service can design for.",
            builds_on=("q1", "q4"),
            form=_form_q6,
        ),
        ExerciseSpec(
            "q7", "Check the segments for sex and marital status", _check_q7,
            hints=("The share of a cluster who are men is the average of a 1-for-male, 0-for-female column within "
                   "that cluster; the same for married.",
                   "answer_q1['sex'] == 'Male' gives True/False for each claimant; group it by your labels "
                   "(answer_q4) and take the mean, like the worked example did for depression.",
                   "answer_q7 = pd.DataFrame({'male': (___ == 'Male').groupby(___).mean(),\n"
                   "                          'married': (___ == ___).groupby(___).mean()})"),
            praise="Checked, not assumed: you can now tell a manager how far each segment leans one way.",
            builds_on=("q1", "q4"),
        ),
    ),
)
