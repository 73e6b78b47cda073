"""Module 8, predictive modelling and fairness: persistent school absence.

Learners label who was persistently absent, train a model on what was known
at the start of the year, and judge it the way a service would: how many of
the pupils it flags really need help (precision) and how many of those in
need it finds (recall) when the team can only see one pupil in ten. Behaviour
incidents are under-recorded for pupils with English as an additional
language, so the model finds far fewer of them: the fairness exercise finds
that, and the last one finds why.

The model follows one stated recipe (split, features, seed), so every number
after it can be checked against the same model fitted on the learner's data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from academy.datasets.attendance import PERSISTENT_THRESHOLD, persistently_absent
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

FEATURES = ["prior_attendance_pct", "free_school_meals", "send", "incidents_recorded",
            "household_known_to_services", "year_group"]
TEST_SIZE, SPLIT_SEED = 0.3, 0
CAPACITY = 0.10

# ------------------------------------------------------------ reference answers


def labelled(pupils: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    return pupils.merge(persistently_absent(attendance), left_on="pupil_id", right_index=True, how="left")


def test_scores(table: pd.DataFrame) -> pd.Series:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    train, test = train_test_split(table, test_size=TEST_SIZE, random_state=SPLIT_SEED)
    model = LogisticRegression(max_iter=1000).fit(train[FEATURES], train["persistently_absent"])
    return pd.Series(model.predict_proba(test[FEATURES])[:, 1], index=test["pupil_id"], name="risk")


def flagged(risk: pd.Series, share: float = CAPACITY) -> pd.Series:
    """The pupils the team can see: the highest risks, one in ten (ties broken by order)."""
    return risk.rank(ascending=False, method="first") <= round(share * len(risk))


def precision_recall(flags: pd.Series, absent: pd.Series) -> dict[str, float]:
    hits = (flags & absent).sum()
    return {"precision": float(hits / flags.sum()), "recall": float(hits / absent.sum())}


_FITTED: dict[int, tuple[pd.DataFrame, pd.Series]] = {}


def _reference(ctx: Context) -> tuple[pd.DataFrame, pd.Series]:
    """The labelled table and test scores for this learner (fitting takes a moment, and checks repeat)."""
    found = _FITTED.get(ctx.seed)
    if found is None:
        while len(_FITTED) >= 512:  # as many learners as the checks service keeps data for, and more
            _FITTED.pop(next(iter(_FITTED)), None)
        table = labelled(ctx.table("pupils"), ctx.table("attendance"))
        found = _FITTED[ctx.seed] = (table, test_scores(table))
    return found


def _ref(ctx: Context) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    table, risk = _reference(ctx)
    absent = table.set_index("pupil_id")["persistently_absent"].reindex(risk.index)
    return table, risk, absent


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    table = _ref(ctx)[0]
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected the pupils table with a new column; you gave {compare.describe(answer)}."]
    if "persistently_absent" not in answer.columns or "pupil_id" not in answer.columns:
        return ["Your table needs the pupils' pupil_id and a new column named persistently_absent."]
    if len(answer) != len(table):
        return [f"Your table has {len(answer):,} rows; there are {len(table):,} pupils. One row per pupil."]
    got = answer.set_index("pupil_id")["persistently_absent"].reindex(table["pupil_id"])
    if got.isna().any():
        return ["Some pupils have no persistently_absent value: is every pupil_id in your table?"]
    want = table.set_index("pupil_id")["persistently_absent"]
    off = got.astype(bool).to_numpy() != want.to_numpy()
    if not off.any():
        return []
    att = ctx.table("attendance")
    mean_of_terms = (att["attended_sessions"] / att["possible_sessions"]).groupby(att["pupil_id"]).mean()
    labels = got.astype(bool).to_numpy()
    if any((op(mean_of_terms.reindex(want.index), PERSISTENT_THRESHOLD).to_numpy() == labels).all()
           for op in (pd.Series.le, pd.Series.lt)):
        return ["You averaged the three terms' rates, but terms have different numbers of sessions: add up "
                "attended and possible sessions over the year, then divide."]
    year = att.groupby("pupil_id")[["attended_sessions", "possible_sessions"]].sum().reindex(want.index)
    # Exact in floating point (see PERSISTENT_THRESHOLD): a pupil on the line divides to the threshold itself.
    on_the_line = (year["attended_sessions"] / year["possible_sessions"] == PERSISTENT_THRESHOLD).to_numpy()
    if (off <= on_the_line).all() and not labels[off].any():
        example = year[on_the_line].iloc[0]
        return [f"{int(off.sum()):,} pupils who attended exactly 90% of their sessions (e.g. "
                f"{int(example['attended_sessions'])} of {int(example['possible_sessions'])}) are labelled not "
                "persistently absent. They missed one session in ten, and the DfE counts missing 10% or more: "
                "use <= 0.9, not < 0.9."]
    return [f"{int(off.sum()):,} pupils are labelled differently (e.g. {want.index[np.flatnonzero(off)[0]]}). "
            f"Persistently absent means attending {PERSISTENT_THRESHOLD:.0%} or less of the year's possible "
            "sessions (missing one in ten or more)."]


def _check_q2(answer, ctx: Context) -> list[str]:
    _, risk, _ = _ref(ctx)
    if isinstance(answer, np.ndarray):
        return ["Give a Series labelled by pupil: pd.Series(model.predict_proba(test[features])[:, 1], "
                "index=test['pupil_id'])."]
    if not isinstance(answer, pd.Series):
        return [f"I expected a Series of risks labelled by pupil_id; you gave {compare.describe(answer)}."]
    if set(answer.index.astype(str)) != set(risk.index):
        return [f"Your risks are for {len(answer):,} pupils, not the test pupils of the stated split. Use "
                f"train_test_split(answer_q1, test_size={TEST_SIZE}, random_state={SPLIT_SEED}) exactly, and "
                "label each risk with the test pupil's pupil_id."]
    got = pd.to_numeric(answer, errors="coerce").groupby(answer.index.astype(str)).first().reindex(risk.index)
    if got.isin([0, 1]).all():
        return ["These are yes/no predictions; give the probability: model.predict_proba(...)[:, 1]."]
    if not np.allclose(got.to_numpy(dtype=float), risk.to_numpy(), atol=1e-4):
        return [f"Your risks differ from a logistic regression on exactly these features: {FEATURES}. "
                "Train on the training pupils only, and give the probability of persistent absence."]
    return []


def _check_q3(answer, ctx: Context) -> list[str]:
    _, risk, absent = _ref(ctx)
    want = precision_recall(flagged(risk), absent)
    if not isinstance(answer, dict) or not {"precision", "recall"} <= set(answer):
        return [f"I expected a dictionary with 'precision' and 'recall'; you gave {compare.describe(answer)}."]
    half = precision_recall(risk >= 0.5, absent)
    got = {k: compare.as_number(answer[k]) for k in ("precision", "recall")}
    if None in got.values():
        return ["precision and recall should each be a number between 0 and 1."]
    if all(np.isclose(got[k], half[k], atol=1e-6) for k in got) and not all(np.isclose(got[k], want[k]) for k in got):
        return [f"That flags everyone with risk ≥ 0.5. The team can see only {CAPACITY:.0%} of pupils: flag the "
                f"{round(CAPACITY * len(risk))} highest risks."]
    if np.isclose(got["precision"], want["recall"]) and np.isclose(got["recall"], want["precision"]):
        return ["Precision and recall are swapped: precision is the share of flagged pupils who are absent; "
                "recall is the share of absent pupils who are flagged."]
    return (compare.number(got["precision"], want["precision"], what="precision", rel=1e-4)
            + compare.number(got["recall"], want["recall"], what="recall", rel=1e-4))


def _recall_by_eal(ctx: Context) -> pd.Series:
    table, risk, absent = _ref(ctx)
    eal = table.set_index("pupil_id")["eal"].reindex(risk.index)
    flags = flagged(risk)
    return ((flags & absent).groupby(eal).sum() / absent.groupby(eal).sum()).rename("recall")


def _bool_index(index: pd.Index) -> pd.Index:
    words = {"true": True, "false": False, "1": True, "0": False}
    return pd.Index([words.get(str(i).strip().lower(), i) for i in index])


def _check_q4(answer, ctx: Context) -> list[str]:
    want = _recall_by_eal(ctx)
    if isinstance(answer, pd.Series) and len(answer) == 2:
        table, risk, absent = _ref(ctx)
        eal = table.set_index("pupil_id")["eal"].reindex(risk.index)
        flags = flagged(risk)
        precision = (flags & absent).groupby(eal).sum() / flags.groupby(eal).sum()
        got = answer.set_axis(_bool_index(answer.index)).reindex([False, True])
        if np.allclose(got.to_numpy(dtype=float), precision.reindex([False, True]).to_numpy(), atol=1e-6):
            return ["That is precision in each group. Recall asks: of each group's persistently absent pupils, "
                    "what share did the model flag?"]
    return compare.series(answer, want, what="recall by group", index_meaning="eal (False, True)",
                          normalise_index=_bool_index, label_word="eal =")


def _check_q5(answer, ctx: Context) -> list[str]:
    table = _ref(ctx)[0]
    absent = table[table["persistently_absent"]]
    want = absent.groupby("eal")["incidents_recorded"].mean()
    everyone = table.groupby("eal")["incidents_recorded"].mean()
    if isinstance(answer, pd.Series) and len(answer) == 2:
        got = answer.set_axis(_bool_index(answer.index)).reindex([False, True])
        if np.allclose(pd.to_numeric(got, errors="coerce").to_numpy(dtype=float), everyone.to_numpy(), atol=1e-6):
            return ["That averages over all pupils; take only the persistently absent ones, so the two groups "
                    "are pupils with the same outcome."]
    return compare.series(answer, want, what="mean recorded incidents", index_meaning="eal (False, True)",
                          normalise_index=_bool_index, label_word="eal =")


MODULE = ModuleSpec(
    id="m08",
    title="Predictive modelling and fairness: persistent school absence",
    dataset="attendance",
    rows=3_000,
    warm_up=_reference,
    tables_for_learner=("pupils", "attendance"),
    exercises=(
        ExerciseSpec(
            "q1", "Who was persistently absent?", _check_q1,
            hints=("Add up each pupil's attended and possible sessions over the three terms, then divide.",
                   "totals = attendance.groupby('pupil_id')[['attended_sessions', 'possible_sessions']].sum(); "
                   "the label is rate <= 0.9 (missing one session in ten or more). "
                   "Join it to pupils with .merge(...).",
                   "absent = (totals['attended_sessions'] / totals['possible_sessions'] <= 0.9)"
                   ".rename('persistently_absent')\n"
                   "answer_q1 = pupils.merge(absent, left_on='pupil_id', right_index=True)"),
            praise="The label is the outcome the service cares about; the model may only use what was known before it.",
        ),
        ExerciseSpec(
            "q2", "Train on some pupils, test on others", _check_q2,
            hints=(f"Split the pupils: train_test_split(answer_q1, test_size={TEST_SIZE}, random_state={SPLIT_SEED}) "
                   "gives train and test tables.",
                   "model = LogisticRegression(max_iter=1000).fit(train[features], train['persistently_absent']); "
                   "model.predict_proba(test[features])[:, 1] is each test pupil's risk.",
                   "answer_q2 = pd.Series(model.predict_proba(test[features])[:, 1], index=test['pupil_id'])"),
            praise="Scored on pupils it never saw, the model's results say how it would do next September.",
        ),
        ExerciseSpec(
            "q3", "Precision and recall at the team's capacity", _check_q3,
            hints=(f"The team can see {CAPACITY:.0%} of the test pupils: "
                   "flag the highest risks, not everyone above 0.5.",
                   "flag = answer_q2.rank(ascending=False, method='first') <= round(0.1 * len(answer_q2)); "
                   "absent = answer_q1.set_index('pupil_id')['persistently_absent'].reindex(answer_q2.index).",
                   "precision = (flag & absent).sum() / flag.sum(); recall = (flag & absent).sum() / absent.sum()"),
            praise="Precision says how well the team's visits are spent; "
                   "recall says how many pupils in need are missed.",
        ),
        ExerciseSpec(
            "q4", "Does it work as well for every group?", _check_q4,
            hints=("Recall again, but separately for pupils with English as an additional language (eal True) "
                   "and the rest.",
                   "eal = answer_q1.set_index('pupil_id')['eal'].reindex(answer_q2.index); "
                   "(flag & absent).groupby(eal).sum() counts the absent pupils found in each group.",
                   "answer_q4 = (flag & absent).groupby(eal).sum() / absent.groupby(eal).sum()"),
            praise="An overall score hid this: the model misses most of the EAL pupils who need help.",
        ),
        ExerciseSpec(
            "q5", "Why does it miss them?", _check_q5,
            hints=("Compare what the data *recorded* about the two groups among pupils with the same outcome.",
                   "Take the persistently absent pupils in answer_q1 and average incidents_recorded by eal.",
                   "absent_pupils = answer_q1[answer_q1['persistently_absent']]\n"
                   "answer_q5 = absent_pupils.groupby('eal')['incidents_recorded'].mean()"),
            praise="Same outcome, far fewer incidents on record: the model learned the school's recording habits, "
                   "not the pupils' behaviour.",
        ),
    ),
)
