"""Module 8, predictive modelling and fairness: persistent school absence.

Learners label who was persistently absent (the DfE's definition: missing 10% or more of the possible
sessions), train a model on what was known at the start of the year, and judge it the way a service would:
how many of the pupils it flags really need help (precision) and how many of those in need it finds
(recall) when the team can only see one pupil in ten. Behaviour incidents are under-recorded for pupils
with English as an additional language, so the model finds far fewer of them: the fairness exercise finds
that, and the next one finds why. Then the council's current rule (visit the pupils with the lowest
attendance last year) is the baseline: learners measure it, and pick their own pupils to visit among
pupils nobody trained on (``unseen_pupils``), judged on submission against how those pupils' year went.
A written answer on the model's limits is marked by an instructor (``rubrics.md``).

The model of question 2 follows one stated recipe (split, features, seed), so every number after it can
be checked against the same model fitted on the learner's data. Questions 2 to 6 build on the learner's
own earlier answers (``ctx.earlier``): a right method on a wrong earlier result passes, so a slip costs once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.attendance import PERSISTENT_THRESHOLD, persistently_absent
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

FEATURES = ["prior_attendance_pct", "free_school_meals", "send", "incidents_recorded",
            "household_known_to_services", "year_group"]
TEST_SIZE, SPLIT_SEED = 0.3, 0
CAPACITY = 0.10
#: The council's current rule, the baseline: visit the pupils with the lowest attendance last year.
BASELINE_COLUMN = "prior_attendance_pct"

# ------------------------------------------------------------ reference answers


def labelled(pupils: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    return pupils.merge(persistently_absent(attendance), left_on="pupil_id", right_index=True, how="left")


def test_scores(table: pd.DataFrame) -> pd.Series:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    train, test = train_test_split(table, test_size=TEST_SIZE, random_state=SPLIT_SEED)
    model = LogisticRegression(max_iter=1000).fit(train[FEATURES], train["persistently_absent"])
    return pd.Series(model.predict_proba(test[FEATURES])[:, 1], index=test["pupil_id"], name="risk")


def capacity(n: int) -> int:
    """How many of ``n`` pupils the team can see."""
    return round(CAPACITY * n)


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


# ------------------------------------------------- the learner's own earlier answers


def _their_table(ctx: Context) -> pd.DataFrame | None:
    """The learner's own answer_q1 when it can be built on: one row per pupil, the features and a yes/no
    label for each (right or wrong). None otherwise, and the checks then use the reference."""
    table = ctx.table("pupils")
    got = ctx.earlier("q1")
    try:
        needed = {"pupil_id", "persistently_absent", "eal", *FEATURES}
        if not isinstance(got, pd.DataFrame) or not needed <= set(got.columns):
            return None
        if len(got) != len(table) or set(got["pupil_id"]) != set(table["pupil_id"]):
            return None
        label = got["persistently_absent"]
        if label.isna().any() or not set(pd.unique(label)) <= {True, False}:
            return None
        if got[FEATURES].isna().any().any():
            return None
        return got.assign(persistently_absent=label.astype(bool))
    except Exception:
        return None


def _their_labels(ctx: Context) -> pd.Series | None:
    table = _their_table(ctx)
    return None if table is None else table.set_index("pupil_id")["persistently_absent"]


def _their_risk(ctx: Context) -> pd.Series | None:
    """The learner's own answer_q2 when it can be built on: risks labelled by pupils of the pupils table."""
    got = ctx.earlier("q2")
    try:
        if not isinstance(got, pd.Series) or len(got) < 10 or got.index.has_duplicates:
            return None
        index = got.index.astype(str)
        if not set(index) <= set(ctx.table("pupils")["pupil_id"]):
            return None
        risk = pd.to_numeric(got, errors="coerce").set_axis(index)
        return None if risk.isna().any() else risk.astype(float)
    except Exception:
        return None


def _bases(ctx: Context) -> list[tuple[pd.Series, pd.Series]]:
    """(risk, absent) over the test pupils to judge a later answer against: the learner's own answers to
    questions 1 and 2 first when they can be built on, then the reference."""
    _, risk, absent = _ref(ctx)
    bases = []
    their_risk, their_labels = _their_risk(ctx), _their_labels(ctx)
    if their_risk is not None or their_labels is not None:
        on = their_risk if their_risk is not None else risk
        labels = their_labels if their_labels is not None else _ref(ctx)[0].set_index("pupil_id")["persistently_absent"]
        bases.append((on, labels.reindex(on.index).astype(bool)))
    bases.append((risk, absent))
    return bases


def _first_passing(answer: Any, ctx: Context, judge) -> list[str]:
    """No problems when ``answer`` is right on any base; else the problems on the learner's own base."""
    first = None
    for base in _bases(ctx):
        problems = judge(answer, *base)
        if not problems:
            return []
        first = problems if first is None else first
    return first or []


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
            "Persistently absent means missing 10% or more of the year's possible sessions (attending "
            f"{PERSISTENT_THRESHOLD:.0%} or less)."]


def _q2_against(answer: pd.Series, risk: pd.Series) -> list[str]:
    if set(answer.index.astype(str)) != set(risk.index):
        return [f"Your risks are for {len(answer):,} pupils, not the test pupils of the stated split. Split "
                f"answer_q1 with test_size={TEST_SIZE} and random_state={SPLIT_SEED}, and label each risk with "
                "the test pupil's pupil_id."]
    got = pd.to_numeric(answer, errors="coerce").groupby(answer.index.astype(str)).first().reindex(risk.index)
    if got.isin([0, 1]).all():
        return ["These are yes/no predictions; give the probability (the chance, 0 to 1) of persistent absence, "
                "from predict_proba (its second column)."]
    if not np.allclose(got.to_numpy(dtype=float), risk.to_numpy(), atol=1e-4):
        if np.allclose(got.to_numpy(dtype=float), 1 - risk.to_numpy(), atol=1e-4):
            return ["These are the chances of NOT being persistently absent (predict_proba's first column); "
                    "take the second column, [:, 1]."]
        return [f"Your risks differ from a logistic regression on exactly these features: {FEATURES}. "
                "Train on the training pupils only, and give the chance of persistent absence."]
    return []


def _check_q2(answer, ctx: Context) -> list[str]:
    _, risk, _ = _ref(ctx)
    if isinstance(answer, np.ndarray):
        return ["Give a Series labelled by pupil: pd.Series(the risks, index=test['pupil_id'])."]
    if not isinstance(answer, pd.Series):
        return [f"I expected a Series of risks labelled by pupil_id; you gave {compare.describe(answer)}."]
    candidates = []
    theirs = _their_table(ctx)
    reference = _ref(ctx)[0]
    same = (theirs is not None and theirs["pupil_id"].tolist() == reference["pupil_id"].tolist()
            and (theirs["persistently_absent"].to_numpy() == reference["persistently_absent"].to_numpy()).all())
    if theirs is not None and not same:  # their own labels, or their rows in another order, give another split
        try:
            candidates.append(test_scores(theirs))
        except Exception:
            pass
    candidates.append(risk)
    first = None
    for want in candidates:
        problems = _q2_against(answer, want)
        if not problems:
            return []
        first = problems if first is None else first
    return first


def _numbers(answer: Any, keys: tuple[str, ...]) -> tuple[dict[str, float] | None, list[str]]:
    if not isinstance(answer, dict) or not set(keys) <= set(answer):
        return None, [f"I expected a dictionary with {' and '.join(repr(k) for k in keys)}; "
                      f"you gave {compare.describe(answer)}."]
    got = {k: compare.as_number(answer[k]) for k in keys}
    if None in got.values():
        return None, [f"{' and '.join(keys)} should each be a number between 0 and 1."]
    return got, []


def _close(got: dict[str, float], want: dict[str, float]) -> bool:
    return all(np.isclose(got[k], want[k], rtol=1e-4, atol=1e-9) for k in want)


def _check_q3(answer, ctx: Context) -> list[str]:
    got, problems = _numbers(answer, ("precision", "recall"))
    if problems:
        return problems

    def judge(_, risk: pd.Series, absent: pd.Series) -> list[str]:
        want = precision_recall(flagged(risk), absent)
        if _close(got, want):
            return []
        if _close(got, precision_recall(risk >= 0.5, absent)):
            return [f"That flags everyone with risk ≥ 0.5. The team can see only {CAPACITY:.0%} of pupils: flag "
                    f"the {capacity(len(risk))} highest risks."]
        if np.isclose(got["precision"], want["recall"]) and np.isclose(got["recall"], want["precision"]):
            return ["Precision and recall are swapped: precision is the share of flagged pupils who are absent; "
                    "recall is the share of absent pupils who are flagged."]
        return (compare.number(got["precision"], want["precision"], what="precision", rel=1e-4)
                + compare.number(got["recall"], want["recall"], what="recall", rel=1e-4))

    return _first_passing(answer, ctx, judge)


def _bool_index(index: pd.Index) -> pd.Index:
    words = {"true": True, "false": False, "1": True, "0": False}
    return pd.Index([words.get(str(i).strip().lower(), i) for i in index])


def _check_q4(answer, ctx: Context) -> list[str]:
    eal_of = ctx.table("pupils").set_index("pupil_id")["eal"]

    def judge(_, risk: pd.Series, absent: pd.Series) -> list[str]:
        eal = eal_of.reindex(risk.index)
        flags = flagged(risk)
        want = ((flags & absent).groupby(eal).sum() / absent.groupby(eal).sum()).rename("recall")
        if isinstance(answer, pd.Series) and len(answer) == 2:
            precision = (flags & absent).groupby(eal).sum() / flags.groupby(eal).sum()
            got = pd.to_numeric(answer.set_axis(_bool_index(answer.index)), errors="coerce").reindex([False, True])
            if np.allclose(got.to_numpy(dtype=float), precision.reindex([False, True]).to_numpy(), atol=1e-6):
                if not np.allclose(precision.reindex([False, True]).to_numpy(), want.reindex([False, True]).to_numpy()):
                    return ["That is precision in each group. Recall asks: of each group's persistently absent "
                            "pupils, what share did the model flag?"]
        return compare.series(answer, want, what="recall by group", index_meaning="eal (False, True)",
                              normalise_index=_bool_index, label_word="eal =")

    return _first_passing(answer, ctx, judge)


def _check_q5(answer, ctx: Context) -> list[str]:
    reference = _ref(ctx)[0]
    tables = [reference]
    theirs = _their_table(ctx)
    if theirs is not None:
        tables.insert(0, theirs)
    first = None
    for table in tables:
        absent = table[table["persistently_absent"]]
        want = absent.groupby("eal")["incidents_recorded"].mean()
        everyone = table.groupby("eal")["incidents_recorded"].mean()
        problems = None
        if isinstance(answer, pd.Series) and len(answer) == 2:
            got = answer.set_axis(_bool_index(answer.index)).reindex([False, True])
            if np.allclose(pd.to_numeric(got, errors="coerce").to_numpy(dtype=float), everyone.to_numpy(), atol=1e-6):
                problems = ["That averages over all pupils; take only the persistently absent ones, so the two "
                            "groups are pupils with the same outcome."]
        if problems is None:
            problems = compare.series(answer, want, what="mean recorded incidents", index_meaning="eal (False, True)",
                                      normalise_index=_bool_index, label_word="eal =")
        if not problems:
            return []
        first = problems if first is None else first
    return first


def baseline_options(prior: pd.Series, absent: pd.Series, k: int) -> list[dict[str, float]]:
    """Every (precision, recall) the current rule can give on these pupils: the ``k`` lowest last-year
    attendances, however ties on the line are broken, or everyone at or below the line, or below it."""
    cut = prior.nsmallest(k).max()
    below, tied = prior < cut, prior == cut
    hits_below, absent_tied, n_tied = int((below & absent).sum()), int((tied & absent).sum()), int(tied.sum())
    need = k - int(below.sum())
    total = absent.sum()
    fewest, most = hits_below + max(0, need - (n_tied - absent_tied)), hits_below + min(need, absent_tied)
    options = [{"precision": h / k, "recall": h / total} for h in range(fewest, most + 1)]
    every = int(below.sum()) + n_tied
    options.append({"precision": (hits_below + absent_tied) / every, "recall": (hits_below + absent_tied) / total})
    if below.any():  # a rank that averages ties puts the pupils on the line just past it
        options.append({"precision": hits_below / int(below.sum()), "recall": hits_below / total})
    return options


def _check_q6(answer, ctx: Context) -> list[str]:
    got, problems = _numbers(answer, ("precision", "recall"))
    if problems:
        return problems
    prior_of = ctx.table("pupils").set_index("pupil_id")[BASELINE_COLUMN]

    def judge(_, risk: pd.Series, absent: pd.Series) -> list[str]:
        prior, k = prior_of.reindex(risk.index), capacity(len(risk))
        options = baseline_options(prior, absent, k)
        if any(_close(got, o) for o in options):
            return []
        want = options[0]
        if any(_close({"precision": got["recall"], "recall": got["precision"]}, o) for o in options):
            return ["Precision and recall are swapped: precision is the share of flagged pupils who are absent; "
                    "recall is the share of absent pupils who are flagged."]
        highest = prior.rank(ascending=False, method="first") <= k
        if _close(got, precision_recall(highest, absent)):
            return ["Those are the pupils with the HIGHEST attendance last year; the rule visits the lowest."]
        under_90 = prior <= 90
        if _close(got, precision_recall(under_90, absent)):
            return [f"That visits everyone who attended 90% or less last year ({int(under_90.sum())} of the test "
                    f"pupils), more than the team can see: take the {k} with the lowest attendance, as many as "
                    "your model's list."]
        return [f"The current rule on your {len(risk)} test pupils: the {k} with the lowest prior_attendance_pct "
                "are flagged. "
                + " ".join(compare.number(got["precision"], want["precision"], what="precision", rel=1e-4)
                           + compare.number(got["recall"], want["recall"], what="recall", rel=1e-4))]

    return _first_passing(answer, ctx, judge)


def _chosen(answer: Any, ctx: Context) -> tuple[list[str] | None, list[str]]:
    """The pupil_ids a learner chose to visit, or None and the problem in words."""
    unseen = ctx.table("unseen_pupils")
    k = capacity(len(unseen))
    return compare.chosen(answer, unseen["pupil_id"], k, pool_name="unseen_pupils", noun="pupils",
                          what="pupils you would visit",
                          capacity=f"the team can visit {k} of the {len(unseen):,} unseen pupils (one in ten)",
                          elsewhere=(set(ctx.table("pupils")["pupil_id"]),
                                     "a pupil from pupils, whose year you already know"),
                          enough="")


def _form_q7(answer, ctx: Context) -> list[str]:
    return _chosen(answer, ctx)[1]


def _check_q7(answer, ctx: Context) -> list[str]:
    ids, problems = _chosen(answer, ctx)
    if problems:
        return problems
    unseen = ctx.table("unseen_pupils")
    outcome = ctx.data.truth["unseen_pupils"].set_index("pupil_id")["persistently_absent"]
    k = capacity(len(unseen))
    rule = unseen.set_index("pupil_id")[BASELINE_COLUMN].nsmallest(k).index
    found, rule_found = int(outcome.loc[ids].sum()), int(outcome.loc[rule].sum())
    if found > rule_found:
        return []
    return [f"Your {k} pupils included {found} who went on to be persistently absent; the current rule's {k} "
            f"(the lowest attendance last year) included {rule_found}. A change is only worth making if it finds "
            "more: compare your model with the rule on your test pupils first (question 6), and visit the "
            "highest risks, not the lowest."]


MODULE = ModuleSpec(
    id="m08",
    title="Predictive modelling and fairness: persistent school absence",
    dataset="attendance",
    rows=3_000,
    warm_up=_reference,
    tables_for_learner=("pupils", "attendance", "unseen_pupils"),
    exercises=(
        ExerciseSpec(
            "q1", "Who was persistently absent?", _check_q1,
            hints=("Add up each pupil's attended and possible sessions over the three terms, then divide: "
                   "the worked example added up one column per pupil in the same way.",
                   "Persistently absent means missing 10% or more of the possible sessions, so attending 90% or "
                   "less: the rate is <= 0.9. Put the True/False next to each pupil with .merge(...), as the "
                   "example did.",
                   "totals = attendance.groupby(___)[[___, ___]].sum()\n"
                   "absent = (totals[___] / totals[___] <= ___).rename('persistently_absent')\n"
                   "answer_q1 = pupils.merge(absent, left_on=___, right_index=True)"),
            praise="The label is the outcome the service cares about; the model may only use what was known before it.",
        ),
        ExerciseSpec(
            "q2", "Train on some pupils, test on others", _check_q2,
            hints=(f"Do what the practice model did, for persistent absence: split answer_q1 (test_size={TEST_SIZE}, "
                   f"random_state={SPLIT_SEED}), then fit on the training pupils only.",
                   "The columns the model may learn from are in features; the column it learns to predict is "
                   "persistently_absent. predict_proba(...)[:, 1] is each test pupil's chance of it.",
                   f"train, test = train_test_split(___, test_size={TEST_SIZE}, random_state={SPLIT_SEED})\n"
                   "model = LogisticRegression(max_iter=1000).fit(train[___], train[___])\n"
                   "answer_q2 = pd.Series(model.predict_proba(___)[:, 1], index=___)"),
            praise="Scored on pupils it never saw, the model's results say how it would do next September.",
            builds_on=("q1",),
        ),
        ExerciseSpec(
            "q3", "Precision and recall at the team's capacity", _check_q3,
            hints=(f"The team can see {CAPACITY:.0%} of the test pupils: flag the highest risks, not everyone "
                   "above 0.5, as the practice example picked the top 10%.",
                   "You need each test pupil's true outcome beside their risk: answer_q1 indexed by pupil_id, "
                   ".reindex(answer_q2.index). Precision divides the flagged absent pupils by the flagged pupils; "
                   "recall divides them by all the absent test pupils.",
                   "flag = answer_q2.rank(ascending=False, method='first') <= round(0.1 * len(___))\n"
                   "absent = answer_q1.set_index('pupil_id')[___].reindex(___)\n"
                   "answer_q3 = {'precision': (flag & absent).sum() / ___, 'recall': (flag & absent).sum() / ___}"),
            praise="Precision says how well the team's visits are spent; "
                   "recall says how many pupils in need are missed.",
            builds_on=("q1", "q2"),
        ),
        ExerciseSpec(
            "q4", "Does it work as well for every group?", _check_q4,
            hints=("Recall again, but separately for pupils with English as an additional language (eal True) "
                   "and the rest: the example compared girls and boys with .groupby on a Series.",
                   "Recall in a group: of that group's persistently absent test pupils, the share flagged. "
                   "Count the flagged absent pupils per group, and all the absent pupils per group.",
                   "eal = answer_q1.set_index('pupil_id')['eal'].reindex(___)\n"
                   "answer_q4 = (flag & absent).groupby(___).sum() / ___.groupby(eal).sum()"),
            praise="An overall score hid this: the model misses most of the EAL pupils who need help.",
            builds_on=("q1", "q2"),
        ),
        ExerciseSpec(
            "q5", "Why does it miss them?", _check_q5,
            hints=("Compare what the data *recorded* about the two groups among pupils with the same outcome.",
                   "Keep only the persistently absent pupils in answer_q1, then average incidents_recorded for "
                   "each value of eal.",
                   "absent_pupils = answer_q1[___]\n"
                   "answer_q5 = absent_pupils.groupby(___)[___].mean()"),
            praise="Same outcome, far fewer incidents on record: the model learned the school's recording habits, "
                   "not the pupils' behaviour.",
            builds_on=("q1",),
        ),
        ExerciseSpec(
            "q6", "The rule to beat", _check_q6,
            hints=("Use the same test pupils as your model (answer_q2's pupils) and the same number of visits: "
                   "the 10% with the LOWEST prior_attendance_pct.",
                   "Look up the test pupils' prior_attendance_pct, pick the lowest with .nsmallest(...), and "
                   "measure that list exactly as you measured your model's in question 3.",
                   "prior = pupils.set_index('pupil_id')['prior_attendance_pct'].reindex(___)\n"
                   "rule = prior.index.isin(prior.nsmallest(round(0.1 * len(___))).index)\n"
                   "answer_q6 = {'precision': (rule & absent).sum() / ___, 'recall': (rule & absent).sum() / ___}"),
            praise="Now you know what a model must beat: a rule the team already understands.",
            builds_on=("q1", "q2"),
        ),
        ExerciseSpec(
            "q7", "Beat the rule on pupils nobody has seen", _check_q7,
            hints=("Any model or rule is allowed. Try it on your test pupils first: does it find more of the "
                   "absent pupils than the current rule in its top 10% (question 6)?",
                   "Once you have a model you trust, train it on every labelled pupil (answer_q1), score "
                   "unseen_pupils with the same columns, and take the highest risks: one in ten of them.",
                   "my_model = ___.fit(answer_q1[my_features], answer_q1['persistently_absent'])\n"
                   "risk = pd.Series(my_model.predict_proba(unseen_pupils[___])[:, 1],\n"
                   "                 index=unseen_pupils['pupil_id'])\n"
                   "answer_q7 = list(risk.nlargest(round(0.1 * len(___))).index)"),
            praise="On pupils nobody trained on, your list finds more of the pupils in need than the rule the "
                   "team uses now.",
            form=_form_q7,
        ),
    ),
)
