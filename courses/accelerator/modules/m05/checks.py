"""Module 5, evaluating a programme against its objectives: the families programme.

Families who joined were in more need to begin with, so comparing them with
everyone else after the programme understates what it did (on this data the
naive comparison even has the wrong sign for most outcomes). Difference in
differences compares each group's *change*, which removes what differed at
the start. Every number is computed on the learner's own variant.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

Z95 = 1.959964

# ------------------------------------------------------------ reference answers


def _with_group(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.DataFrame:
    merged = outcomes.merge(families[["family_id", "joined"]], on="family_id", how="left")
    return merged.assign(change=merged["after"] - merged["before"])


def naive_difference(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.Series:
    after = _with_group(outcomes, families).groupby(["outcome", "joined"])["after"].mean().unstack()
    return (after[True] - after[False]).rename("naive_difference")


def did(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.Series:
    """Difference in differences per outcome: joined families' mean change minus the others'."""
    change = _with_group(outcomes, families).groupby(["outcome", "joined"])["change"].mean().unstack()
    return (change[True] - change[False]).rename("effect")


def did_interval(outcomes: pd.DataFrame, families: pd.DataFrame, outcome: str) -> tuple[float, float]:
    data = _with_group(outcomes, families)
    data = data[data["outcome"] == outcome]
    joined, others = data.loc[data["joined"], "change"], data.loc[~data["joined"], "change"]
    estimate = joined.mean() - others.mean()
    se = np.sqrt(joined.var() / len(joined) + others.var() / len(others))
    return float(estimate - Z95 * se), float(estimate + Z95 * se)


def _verdicts(effect: pd.Series, objectives: pd.DataFrame) -> pd.Series:
    """A target to reduce (negative) is met at or below it; a target to increase, at or above it."""
    target = objectives.set_index("outcome")["target_change"].reindex(effect.index)
    return pd.Series(np.where(target < 0, effect <= target, effect >= target), index=effect.index, name="target_met")


def targets_met(outcomes: pd.DataFrame, families: pd.DataFrame, objectives: pd.DataFrame) -> pd.Series:
    return _verdicts(did(outcomes, families), objectives)


# ------------------------------------------------------------------------ checks


def _tables(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    return ctx.table("outcomes"), ctx.table("families")


def _close_series(a: object, b: pd.Series, rel: float = 1e-3) -> bool:
    if not isinstance(a, pd.Series) or len(a) != len(b):
        return False
    try:
        return bool(np.allclose(a.reindex(b.index).to_numpy(dtype=float), b.to_numpy(dtype=float), rtol=rel))
    except (TypeError, ValueError):
        return False


def _check_q1(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    before = _with_group(outcomes, families).groupby(["outcome", "joined"])["before"].mean().unstack()
    return compare.series(
        answer, naive_difference(outcomes, families), what="joined minus not joined, after the programme",
        index_meaning="outcomes", rel=1e-3,
        mistakes=[(lambda a: _close_series(a, before[True] - before[False]),
                   "Those are the differences *before* the programme; compare the `after` values."),
                  (lambda a: _close_series(a, -naive_difference(outcomes, families)),
                   "The signs are the wrong way round: take joined minus not joined.")])


def _check_q2(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    change = _with_group(outcomes, families).groupby(["outcome", "joined"])["change"].mean().unstack()
    return compare.series(
        answer, did(outcomes, families), what="the difference in differences", index_meaning="outcomes", rel=1e-3,
        mistakes=[(lambda a: _close_series(a, change[True]),
                   "That is only the joined families' change. Things changed for everyone (schools, the economy): "
                   "subtract the change among families who did not join."),
                  (lambda a: _close_series(a, naive_difference(outcomes, families)),
                   "That is the naive comparison from question 1; compare changes, not end points.")])


def _check_q3(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    low, high = did_interval(outcomes, families, "school_attendance_pct")
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return [f"Give the interval as two numbers, (low, high); you gave {compare.describe(answer)}."]
    got = [compare.as_number(x) for x in answer]
    if any(x is None for x in got):
        return ["Both ends of the interval should be numbers."]
    g_low, g_high = sorted(got)
    half = (high - low) / 2
    centre = (high + low) / 2
    if abs((g_low + g_high) / 2 - centre) > 0.05 * half:
        return [f"Your interval is centred on {(g_low + g_high) / 2:.3g}; it should be centred on your "
                "difference-in-differences estimate for school attendance (question 2)."]
    width_ratio = (g_high - g_low) / (high - low)
    if width_ratio > 5:
        return ["Your interval is far too wide: use the standard *error* of each group's mean change "
                "(standard deviation / √n), not the standard deviation itself."]
    if abs(width_ratio - 1) > 0.05:
        return [f"Your interval is {compare._ratio_words(width_ratio)} as wide as expected: combine the two "
                "groups' standard errors as √(se₁² + se₂²) and use 1.96 of them each side."]
    return []


def _check_q4(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    objectives = ctx.table("objectives")
    expected = targets_met(outcomes, families, objectives)
    naive = _verdicts(naive_difference(outcomes, families), objectives)
    if isinstance(answer, pd.Series):
        try:
            answer = answer.astype(bool)
        except (TypeError, ValueError):
            return [f"Give True or False for each outcome; you gave {compare.describe(answer)}."]
        if answer.reindex(expected.index).equals(naive) and not naive.equals(expected):
            return ["Those verdicts follow the naive comparison; "
                    "judge each objective on the difference in differences."]
    problems = compare.series(answer.astype(float) if isinstance(answer, pd.Series) else answer,
                              expected.astype(float), what="whether each target was met (True or False)",
                              index_meaning="outcomes", rel=0)
    if problems and isinstance(answer, pd.Series) and len(answer) == len(expected):
        return ["Not every verdict is right. A target to *reduce* something (a negative target_change) is met when the "
                "effect is at or below it; a target to increase, when the effect is at or above it."]
    return problems


def _check_q5(answer, ctx: Context) -> list[str]:
    got, problems = compare.call_function(answer, "did", *_tables(ctx))
    return problems or _check_q2(got, ctx)


MODULE = ModuleSpec(
    id="m05",
    title="Evaluating a programme against its objectives: the families programme",
    dataset="programme",
    rows=4_000,
    tables_for_learner=("families", "outcomes", "objectives"),
    exercises=(
        ExerciseSpec(
            "q1", "The comparison everyone makes first", _check_q1,
            hints=("For each outcome, take the mean `after` value of families who joined and of those who did not, "
                   "and subtract.",
                   "Merge outcomes with families[['family_id', 'joined']], then group by ['outcome', 'joined'] and "
                   "take the mean of `after`; .unstack() puts joined True/False side by side.",
                   "answer_q1 = table[True] - table[False]"),
            praise="Now compare those signs with the targets: the programme looks useless, or worse. Is it?",
        ),
        ExerciseSpec(
            "q2", "Difference in differences", _check_q2,
            hints=("Work out each family's change (after − before), then compare the mean change of joined families "
                   "with that of the others.",
                   "merged['change'] = merged['after'] - merged['before']; group by ['outcome', 'joined'], mean of "
                   "change, .unstack().",
                   "answer_q2 = change[True] - change[False]"),
            praise="Families who joined started worse off; comparing changes removes that head start.",
        ),
        ExerciseSpec(
            "q3", "How sure can we be?", _check_q3,
            hints=("For school attendance only: the estimate ± 1.96 standard errors.",
                   "Each group's standard error is its changes' standard deviation / √(number of families); "
                   "the difference's is √(se_joined² + se_others²).",
                   "answer_q3 = (estimate - 1.96 * se, estimate + 1.96 * se)"),
            praise="An interval says how far the data lets you go: quote it next to the estimate.",
        ),
        ExerciseSpec(
            "q4", "Was each objective met?", _check_q4,
            hints=("The objectives table gives each outcome's target_change; compare it with your question 2 effect.",
                   "Negative targets (fewer incidents, lower cost) are met when the effect is at or below them; "
                   "positive targets when at or above.",
                   "target = objectives.set_index('outcome')['target_change']; "
                   "answer_q4 = (answer_q2 <= target).where(target < 0, answer_q2 >= target)"),
            praise="A programme can work and still miss a target: both belong in the report.",
        ),
        ExerciseSpec(
            "q5", "A reusable evaluation", _check_q5,
            hints=("Wrap your question 2 code in a function of the two tables.",
                   "def did(outcomes, families):\n    ...\n    return change[True] - change[False]",
                   "Use only the tables passed in: it will be run on another year's data."),
            praise="Next year's evaluation is now one line.",
            reference=did, inputs=("outcomes", "families"),
        ),
    ),
)
