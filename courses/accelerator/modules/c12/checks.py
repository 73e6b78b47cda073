"""Challenge c12, wards by their request mix (level 4): the grader's side.

Learners turn each ward's requests into a mix (the share of each request type), scale the mix and group
similar wards with k-means, k of their choice from 2 to 6. There is no one right segmentation, so question 2 is
judged on the learner's own labels: one per ward, 2 to 6 clusters, and a silhouette on the scaled mix clearly
above what a random labelling gets (at least 60% of what k-means itself reaches with that k). Question 3, the
profile of each cluster, is computed from the learner's own labels (and their own mix when it can be built
on), so every right segmentation has its own right profile.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

K_RANGE = (2, 6)
#: A segmentation passes when its silhouette reaches this share of k-means' own with the same k.
SHARE_OF_KMEANS = 0.6

# ------------------------------------------------------------ reference answers


def request_mix(requests: pd.DataFrame) -> pd.DataFrame:
    return pd.crosstab(requests["ward_code"], requests["request_type"].astype(str), normalize="index")


def scaled(mix: pd.DataFrame) -> np.ndarray:
    from sklearn.preprocessing import StandardScaler

    return StandardScaler().fit_transform(mix.to_numpy(dtype=float))


def kmeans_labels(x: np.ndarray, k: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)


def silhouette(x: np.ndarray, labels: np.ndarray) -> float:
    from sklearn.metrics import silhouette_score

    return float(silhouette_score(x, labels))


_BAR: dict[tuple[int, int, int], float] = {}  # (learner's seed, k, the scaled mix) -> bar


def _bar(ctx: Context, x: np.ndarray, k: int) -> float:
    """The silhouette a segmentation with ``k`` clusters must reach (k-means' own, fitted once per learner)."""
    key = (ctx.seed, k, hash(np.round(x, 9).tobytes()))
    if key not in _BAR:
        while len(_BAR) >= 2048:
            _BAR.pop(next(iter(_BAR)), None)
        _BAR[key] = SHARE_OF_KMEANS * silhouette(x, kmeans_labels(x, k))
    return _BAR[key]


def _warm_up(ctx: Context) -> None:
    x = scaled(request_mix(ctx.table("requests")))
    for k in range(K_RANGE[0], K_RANGE[1] + 1):
        _bar(ctx, x, k)


# ------------------------------------------------------------------ reading answers


def _as_mix(answer: Any) -> tuple[pd.DataFrame | None, list[str]]:
    if isinstance(answer, pd.Series):
        return None, [f"You gave {compare.describe(answer)}: the mix is a table, one row per ward and one column "
                      "per request type (pd.crosstab gives one)."]
    if not isinstance(answer, pd.DataFrame):
        return None, [f"I expected a table (DataFrame) with one row per ward; you gave {compare.describe(answer)}."]
    table = answer
    if "ward_code" in table.columns:
        table = table.set_index("ward_code")
    table = table.select_dtypes("number")
    table.columns = table.columns.map(str)
    table.index = table.index.map(str)
    return table, []


def _labels(answer: Any, wards: pd.Index) -> tuple[pd.Series | None, list[str]]:
    if isinstance(answer, np.ndarray) or isinstance(answer, list):
        return None, ["Label each cluster number by its ward: pd.Series(labels, index=mix.index), so every ward "
                      "keeps its own label."]
    if isinstance(answer, pd.DataFrame):
        table = answer.set_index("ward_code") if "ward_code" in answer.columns else answer
        if table.shape[1] != 1:
            return None, ["Give one column of cluster labels, a Series labelled by ward_code."]
        answer = table.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return None, [f"I expected a Series of cluster labels labelled by ward_code; you gave "
                      f"{compare.describe(answer)}."]
    got = answer.set_axis(answer.index.map(str))
    if got.index.has_duplicates:
        return None, ["Some wards appear more than once in your labels: one label per ward."]
    missing = wards.difference(got.index)
    if len(missing) or len(got) != len(wards):
        return None, [f"Your labels cover {len(got):,} wards; the mix has {len(wards):,}. Give every ward of the mix "
                      f"one label{' (missing: ' + ', '.join(map(str, missing[:3])) + ')' if len(missing) else ''}."]
    got = got.reindex(wards)
    if got.isna().any():
        return None, ["Some wards have no cluster label."]
    k = got.nunique()
    if k < K_RANGE[0] or k > K_RANGE[1]:
        return None, [f"Your labels make {k} cluster{'s' if k != 1 else ''}: choose k from {K_RANGE[0]} to "
                      f"{K_RANGE[1]}, so each segment is big enough to plan a service round."]
    return got, []


def _their_mix(ctx: Context) -> pd.DataFrame | None:
    """The learner's own answer_q1 when it can be built on (one numeric row per ward, no blanks)."""
    try:
        mix, problems = _as_mix(ctx.earlier("q1"))
        wards = request_mix(ctx.table("requests")).index
        if problems or mix is None or mix.shape[1] < 2 or mix.isna().any().any():
            return None
        if set(mix.index) != set(wards) or mix.index.has_duplicates:
            return None
        return mix.reindex(wards)
    except Exception:
        return None


def _mixes(ctx: Context) -> list[pd.DataFrame]:
    """The mixes to judge a later answer on: the learner's own first when it differs, then the reference."""
    ref = request_mix(ctx.table("requests"))
    theirs = _their_mix(ctx)
    if theirs is not None and not (theirs.shape == ref.shape and np.allclose(
            theirs.reindex(columns=ref.columns).to_numpy(dtype=float), ref.to_numpy(), atol=1e-9, equal_nan=False)):
        return [theirs, ref]
    return [ref]


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    requests = ctx.table("requests")
    want = request_mix(requests)
    got, problems = _as_mix(answer)
    if problems:
        return problems
    if got.index.name != "ward_code" and set(got.columns) >= {"ward_code"}:
        got = got.set_index("ward_code")
    missing = [c for c in want.columns if c not in got.columns]
    if missing:
        return [f"Your table has no column for {', '.join(repr(c) for c in missing[:3])}: one column per request "
                f"type (it has: {', '.join(list(got.columns)[:6])})."]
    got = got[list(want.columns)]
    if set(got.index) != set(want.index):
        return [f"Your table has {len(got):,} rows; the mix needs one per ward with requests ({len(want):,}), "
                "labelled by ward_code."]
    got = got.reindex(want.index)
    counts = pd.crosstab(requests["ward_code"], requests["request_type"].astype(str))
    named = [
        (counts, "Those are numbers of requests: divide each ward's counts by the ward's total requests, so big "
                 "and small wards can be compared (normalize='index')."),
        (counts / counts.sum(axis=0), "Each COLUMN of yours adds up to 1: the mix is per ward, so each ROW should "
                                      "add up to 1 (normalize='index', not 'columns')."),
        (want * 100, "Those are percentages: give shares between 0 and 1."),
        (counts / counts.to_numpy().sum(), "Your whole table adds up to 1: divide by each ward's own total, so "
                                           "each row adds up to 1."),
    ]
    if np.allclose(got.to_numpy(dtype=float), want.to_numpy(), atol=1e-6):
        return []
    for table, message in named:
        if np.allclose(got.to_numpy(dtype=float), table.reindex(want.index)[want.columns].to_numpy(dtype=float),
                       atol=1e-6):
            return [message]
    diff = np.abs(got.to_numpy(dtype=float) - want.to_numpy())
    i, j = np.unravel_index(np.nanargmax(diff), diff.shape)
    return [f"The share of {want.columns[j]} for ward {want.index[i]} is {got.iat[i, j]:.4g}; expected about "
            f"{want.iat[i, j]:.4g}. Each row is one ward's requests, as shares of that ward's total."]


def _check_q2(answer, ctx: Context) -> list[str]:
    mixes = _mixes(ctx)
    first = None
    for mix in mixes:
        got, problems = _labels(answer, mix.index)
        if not problems:
            problems = _judge_labels(got, mix, ctx)
        if not problems:
            return []
        first = problems if first is None else first
    return first


def _judge_labels(got: pd.Series, mix: pd.DataFrame, ctx: Context) -> list[str]:
    x = scaled(mix)
    codes = pd.factorize(got)[0]
    k = int(codes.max()) + 1
    score, bar = silhouette(x, codes), _bar(ctx, x, k)
    if score >= bar:
        return []
    from sklearn.metrics import adjusted_rand_score

    counts = mix.to_numpy(dtype=float) * ctx.table("requests").groupby("ward_code").size().reindex(mix.index) \
        .to_numpy(dtype=float)[:, None]
    unscaled = kmeans_labels(mix.to_numpy(dtype=float), k)
    if adjusted_rand_score(codes, unscaled) > 0.9:
        return ["Those clusters come from the shares as they are, not scaled: a request type with big shares "
                "(missed bins) outweighs a rare one. Scale the mix first (StandardScaler) and cluster the scaled "
                "table."]
    on_counts = kmeans_labels(counts, k)
    if adjusted_rand_score(codes, on_counts) > 0.5:
        return ["Those clusters group wards by how MANY requests they have (big wards together), not by their mix: "
                "cluster the scaled shares, not counts."]
    return [f"Your {k} clusters are hardly better than a random split of the wards: their silhouette on the scaled "
            f"mix is {score:.3f}, and k-means with k={k} reaches about {bar / SHARE_OF_KMEANS:.3f}. Fit KMeans on "
            "the scaled mix and use its labels (.labels_ or fit_predict)."]


def _pooled(requests: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Each cluster's mix of all its requests pooled (big wards weigh more): another fair profile."""
    segment = requests["ward_code"].astype(str).map(labels)
    pooled = pd.crosstab(segment, requests["request_type"].astype(str), normalize="index")
    pooled.index = pooled.index.map(str)
    return pooled


def _profile_problems(answer: Any, mix: pd.DataFrame, labels: pd.Series,
                      pooled: pd.DataFrame | None = None) -> list[str]:
    want = mix.groupby(labels.reindex(mix.index).to_numpy()).mean()
    want.index = want.index.map(str)
    if isinstance(answer, pd.Series):
        return [f"You gave {compare.describe(answer)}: the profile is a table, one row per cluster and one column "
                "per request type."]
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame), one row per cluster; you gave {compare.describe(answer)}."]
    got = answer.select_dtypes("number").copy()
    got.columns = got.columns.map(str)
    got.index = got.index.map(str)
    missing = [c for c in want.columns if c not in got.columns]
    if missing and set(want.index) <= set(got.columns):
        return ["Your table has one column per cluster: turn it round (.T) so each row is a cluster and each "
                "column a request type."]
    if missing:
        return [f"Your table has no column for {', '.join(repr(c) for c in missing[:3])}: one column per request "
                "type, as in the mix."]
    got = got[list(want.columns)]
    if set(got.index) != set(want.index):
        return [f"Your table's rows are {list(got.index)[:6]}; there should be one per cluster of answer_q2 "
                f"({', '.join(list(want.index))})."]
    got = got.reindex(want.index)
    if np.allclose(got.to_numpy(dtype=float), want.to_numpy(), atol=1e-6):
        return []
    if pooled is not None and pooled.shape == want.shape and np.allclose(
            got.to_numpy(dtype=float), pooled.reindex(index=want.index, columns=want.columns).to_numpy(), atol=1e-6):
        return []
    x = pd.DataFrame(scaled(mix), index=mix.index, columns=mix.columns)
    z = x.groupby(labels.reindex(mix.index).to_numpy()).mean()
    z.index = z.index.map(str)
    if np.allclose(got.to_numpy(dtype=float), z.reindex(want.index).to_numpy(), atol=1e-6):
        return ["Those are the scaled values (how many standard deviations from the average ward): describe the "
                "clusters in shares, the mix of question 1, so a manager can read them."]
    medians = mix.groupby(labels.reindex(mix.index).to_numpy()).median()
    medians.index = medians.index.map(str)
    if np.allclose(got.to_numpy(dtype=float), medians.reindex(want.index).to_numpy(), atol=1e-6):
        return ["Those are medians: give each cluster's average (mean) share, as the worked example did."]
    return ["Your profile's values differ from the average share of each request type in each of your clusters: "
            "group the mix of question 1 by your labels and take the mean."]


def _their_labels(ctx: Context, wards: pd.Index) -> pd.Series | None:
    try:
        got, problems = _labels(ctx.earlier("q2"), wards)
        return None if problems else got
    except Exception:
        return None


def _check_q3(answer, ctx: Context) -> list[str]:
    first = None
    for mix in _mixes(ctx):
        labels = _their_labels(ctx, mix.index)
        if labels is None:
            continue
        pooled = _pooled(ctx.table("requests"), labels)
        problems = _profile_problems(answer, mix, labels, pooled)
        if not problems:
            return []
        first = problems if first is None else first
    if first is not None:
        return first
    # The learner's labels are not known here: judge what can be judged without them.
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame), one row per cluster; you gave {compare.describe(answer)}."]
    got = answer.select_dtypes("number")
    if not K_RANGE[0] <= len(got) <= K_RANGE[1]:
        return [f"Your profile has {len(got)} rows: one per cluster of answer_q2 ({K_RANGE[0]} to {K_RANGE[1]})."]
    if not np.allclose(got.sum(axis=1).to_numpy(dtype=float), 1, atol=1e-6):
        return ["Each cluster's average shares should add up to 1 across the request types: average the mix of "
                "question 1 (shares), not counts or scaled values."]
    return []


MODULE = ModuleSpec(
    id="c12",
    title="Wards by their request mix",
    dataset="service_requests",
    rows=5_000,
    warm_up=_warm_up,
    tables_for_learner=("requests", "wards"),
    exercises=(
        ExerciseSpec(
            "q1", "Each ward's request mix", _check_q1,
            hints=("One row per ward, one column per request type, and each row the shares of that ward's requests "
                   "(adding up to 1), as the worked example did for channels.",
                   "pd.crosstab(rows, columns, normalize='index') counts and divides each row by its total in one go.",
                   "answer_q1 = pd.crosstab(requests[___], requests[___], normalize=___)"),
            praise="Shares, not counts: a small ward and a big ward with the same mix now look the same.",
        ),
        ExerciseSpec(
            "q2", "Segment the wards with k-means", _check_q2,
            hints=("Scale the mix so every request type counts equally, then fit k-means with a k from 2 to 6 that "
                   "the worked example's silhouettes suggest.",
                   "StandardScaler().fit_transform(answer_q1) scales; KMeans(n_clusters=k, n_init=10, random_state=0)"
                   ".fit_predict(scaled) gives one label per ward, in the mix's row order.",
                   "x = StandardScaler().fit_transform(___)\n"
                   "labels = KMeans(n_clusters=___, n_init=10, random_state=0).fit_predict(___)\n"
                   "answer_q2 = pd.Series(labels, index=___)"),
            praise="A segmentation you chose and can defend: there is no single right k.",
            builds_on=("q1",),
        ),
        ExerciseSpec(
            "q3", "What makes each segment different?", _check_q3,
            hints=("Describe each cluster by the average mix of its wards: the mix of question 1 (shares, not scaled "
                   "values) grouped by your labels.",
                   "answer_q1.groupby(answer_q2) groups the wards by their cluster; .mean() averages each request "
                   "type's share within each cluster.",
                   "answer_q3 = ___.groupby(___).___()"),
            praise="Now each segment has a story a street-scene manager can plan rounds around.",
            builds_on=("q1", "q2"),
        ),
    ),
)
