"""Module 5, evaluating a programme against its objectives: the families programme.

Families who joined were in more need to begin with, so comparing them with
everyone else after the programme understates what it did (on this data the
naive comparison even has the wrong sign for most outcomes). Difference in
differences compares each group's *change*, which removes what differed at
the start. Each objective is then judged on the 95% interval, not the point
estimate: met, not met, or cannot tell. One outcome (an adult in work) has no
true effect, and for anti-social behaviour the two groups' trends were not
parallel before the programme (families were referred at a crisis point), which
the `earlier` column shows. Every number is computed on the learner's own
variant; where a question builds on an earlier answer, a right method on the
learner's own wrong earlier result passes, so one slip costs once.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

Z95 = 1.959964
VERDICTS = ("met", "not met", "cannot tell")
#: Words a learner may use for each verdict.
VERDICT_WORDS = {"met": "met", "target met": "met", "not met": "not met", "target not met": "not met",
                 "cannot tell": "cannot tell", "can't tell": "cannot tell", "cant tell": "cannot tell",
                 "cannot tell from the interval": "cannot tell", "can not tell": "cannot tell",
                 "unclear": "cannot tell"}

# ------------------------------------------------------------ reference answers


def _with_group(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.DataFrame:
    merged = outcomes.merge(families[["family_id", "joined"]], on="family_id", how="left")
    return merged.assign(change=merged["after"] - merged["before"])


def naive_difference(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.Series:
    after = _with_group(outcomes, families).groupby(["outcome", "joined"], observed=True)["after"].mean().unstack()
    return (after[True] - after[False]).rename("naive_difference")


def _gap(data: pd.DataFrame, column: str) -> pd.Series:
    means = data.groupby(["outcome", "joined"], observed=True)[column].mean().unstack()
    return means[True] - means[False]


def did(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.Series:
    """Difference in differences per outcome: joined families' mean change minus the others'."""
    return _gap(_with_group(outcomes, families), "change").rename("effect")


def _intervals(data: pd.DataFrame, column: str) -> pd.DataFrame:
    """95% interval of the joined-minus-others gap in ``column``'s mean, per outcome."""
    rows = {}
    for name, g in data.groupby("outcome", observed=True):
        joined, others = g.loc[g["joined"], column], g.loc[~g["joined"], column]
        estimate = joined.mean() - others.mean()
        se = math.sqrt(joined.var() / len(joined) + others.var() / len(others))
        rows[name] = {"low": estimate - Z95 * se, "high": estimate + Z95 * se}
    return pd.DataFrame(rows).T[["low", "high"]]


def did_intervals(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.DataFrame:
    return _intervals(_with_group(outcomes, families), "change")


def pre_trend_gap(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.Series:
    """Before the programme (earlier -> before): joined families' mean change minus the others'."""
    data = _with_group(outcomes, families)
    return _gap(data.assign(pre=data["before"] - data["earlier"]), "pre").rename("pre_trend_gap")


def pre_trend_intervals(outcomes: pd.DataFrame, families: pd.DataFrame) -> pd.DataFrame:
    data = _with_group(outcomes, families)
    return _intervals(data.assign(pre=data["before"] - data["earlier"]), "pre")


def verdict(low: float, high: float, target: float) -> str:
    """A target to increase is met when the whole interval is at or above it, not met when the whole interval is
    below it; a target to reduce (negative), the other way round; otherwise the interval cannot tell."""
    if target < 0:
        low, high, target = -high, -low, -target
    if low >= target:
        return "met"
    if high < target:
        return "not met"
    return "cannot tell"


def verdicts(intervals: pd.DataFrame, objectives: pd.DataFrame) -> pd.Series:
    target = objectives.set_index("outcome")["target_change"]
    return pd.Series({name: verdict(row.low, row.high, float(target[name])) for name, row in intervals.iterrows()},
                     name="verdict")


# ------------------------------------------------------------------------ checks


def _tables(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    return ctx.table("outcomes"), ctx.table("families")


def _close_series(a: object, b: pd.Series, rel: float = 1e-3) -> bool:
    if not isinstance(a, pd.Series) or len(a) != len(b):
        return False
    try:
        return bool(np.allclose(a.set_axis(a.index.map(str)).reindex(b.index.map(str)).to_numpy(dtype=float),
                                b.to_numpy(dtype=float), rtol=rel))
    except (TypeError, ValueError):
        return False


def _per_outcome(answer: Any) -> pd.Series | None:
    """A learner's per-outcome numbers as a Series labelled by outcome name, or None when it is not that."""
    if isinstance(answer, pd.DataFrame):
        numeric = answer.select_dtypes("number")
        if numeric.shape[1] != 1:
            return None
        answer = numeric.iloc[:, 0]
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if not isinstance(answer, pd.Series):
        return None
    try:
        return answer.set_axis(answer.index.map(str)).astype(float)
    except (TypeError, ValueError):
        return None


def _check_q1(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    before = _gap(_with_group(outcomes, families), "before")
    return compare.series(
        answer, naive_difference(outcomes, families), what="joined minus not joined, after the programme",
        index_meaning="outcomes", rel=1e-3,
        mistakes=[(lambda a: _close_series(a, before),
                   "Those are the differences *before* the programme; compare the `after` values."),
                  (lambda a: _close_series(a, -naive_difference(outcomes, families)),
                   "The signs are the wrong way round: take joined minus not joined.")])


def _check_q2(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    change = _with_group(outcomes, families).groupby(["outcome", "joined"], observed=True)["change"].mean().unstack()
    return compare.series(
        answer, did(outcomes, families), what="the difference in differences", index_meaning="outcomes", rel=1e-3,
        mistakes=[(lambda a: _close_series(a, change[True]),
                   "That is only the joined families' change. Things changed for everyone (schools, the economy): "
                   "subtract the change among families who did not join."),
                  (lambda a: _close_series(a, naive_difference(outcomes, families)),
                   "That is the naive comparison from question 1; compare changes, not end points."),
                  (lambda a: _close_series(a, -did(outcomes, families)),
                   "The signs are the wrong way round: a change is after − before, and the gap is joined minus "
                   "not joined.")])


def _outcome_as_index(table: pd.DataFrame) -> pd.DataFrame:
    """A table with the outcomes in a column (as a spreadsheet has them) read as labelled by outcome."""
    if "outcome" in table.columns and not table["outcome"].duplicated().any():
        return table.set_index("outcome")
    return table


def _as_intervals(answer: Any) -> tuple[pd.DataFrame | None, list[str]]:
    """A learner's intervals as a table (outcome -> low, high), or the problem of shape in words."""
    shape = ("Give a table (DataFrame) with one row per outcome and two columns, `low` and `high`; "
             f"you gave {compare.describe(answer)}.")
    if isinstance(answer, dict):
        try:
            answer = pd.DataFrame({k: list(v) for k, v in answer.items()}).T
        except (TypeError, ValueError):
            return None, [shape]
    if isinstance(answer, pd.Series) and len(answer) and all(isinstance(v, (tuple, list)) for v in answer):
        answer = pd.DataFrame(answer.tolist(), index=answer.index)
    if not isinstance(answer, pd.DataFrame):
        return None, [shape]
    answer = _outcome_as_index(answer)
    columns = {str(c).strip().lower(): c for c in answer.columns}
    if "low" in columns and "high" in columns:
        pair = answer[[columns["low"], columns["high"]]]
    else:
        pair = answer.select_dtypes("number")
        if pair.shape[1] != 2:
            return None, [shape]
    try:
        values = pair.to_numpy(dtype=float)
    except (TypeError, ValueError):
        return None, ["Both ends of every interval should be numbers."]
    if np.isnan(values).any():
        return None, ["Some ends of your intervals are NaN (not a number): a calculation had nothing to work on."]
    index = answer.index.map(str)
    if index.duplicated().any():
        return None, ["Each outcome should appear once in your table."]
    return pd.DataFrame({"low": values.min(axis=1), "high": values.max(axis=1)}, index=index), []


def _interval_problems(got: pd.DataFrame, want: pd.DataFrame, centres: pd.Series, what: str) -> list[str]:
    """Each row of ``got`` against ``want``'s width, centred on ``centres`` (the reference's or the learner's own)."""
    absent = sorted(set(want.index) - set(got.index))
    extra = sorted(set(got.index) - set(want.index))
    if absent or extra:
        words = []
        if absent:
            words.append(f"Missing from your table: {', '.join(absent)} (one row per outcome).")
        if extra:
            words.append(f"Should not be in your table: {', '.join(extra[:3])}.")
        return words
    for name in want.index:
        low, high = want.loc[name, "low"], want.loc[name, "high"]
        g_low, g_high = got.loc[name, "low"], got.loc[name, "high"]
        half = (high - low) / 2
        centre = centres[name] if name in centres.index else (high + low) / 2
        if abs((g_low + g_high) / 2 - centre) > 0.05 * half:
            return [f"For {name}, your interval is centred on {(g_low + g_high) / 2:,.4g}; it should be centred "
                    f"on {what} ({centre:,.4g})."]
        width_ratio = (g_high - g_low) / (high - low)
        if width_ratio > 5:
            return [f"For {name}, your interval is far too wide: use the standard *error* of each group's mean "
                    "change (standard deviation / √n), not the standard deviation itself."]
        if abs(width_ratio - 1) > 0.05:
            return [f"For {name}, your interval is {compare._ratio_words(width_ratio)} as wide as expected: combine "
                    "the two groups' standard errors as √(se₁² + se₂²) and use 1.96 of them each side."]
    return []


def _check_q3(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    got, problems = _as_intervals(answer)
    if problems:
        return problems
    want = did_intervals(outcomes, families)
    data = _with_group(outcomes, families)
    joined_only = data[data["joined"]].groupby("outcome", observed=True)["change"].mean()
    centres = (got["low"] + got["high"]) / 2
    own = _per_outcome(ctx.earlier("q2"))
    slipped_the_same_way = own is not None and _close_series(own, joined_only, rel=0.02)
    if (set(centres.index) == set(map(str, joined_only.index)) and _close_series(centres, joined_only, rel=0.02)
            and not slipped_the_same_way):
        return ["Those are intervals for the joined families' own change (the worked example), which includes what "
                "happened to everyone anyway. Give an interval for the difference in differences: joined families' "
                "mean change minus the others', with both groups' standard errors combined."]
    problems = _interval_problems(got, want, (want["low"] + want["high"]) / 2, "the difference-in-differences estimate")
    if (problems and own is not None and set(want.index) <= set(own.index) and np.isfinite(own[want.index]).all()
            and not np.allclose(own[want.index], (want["low"] + want["high"]) / 2, rtol=1e-3)):
        # Centred on the learner's own question 2 estimates: a slip there is not marked again here.
        return _interval_problems(got, want, own[want.index], "your question 2 estimate")
    return problems


def _as_verdicts(answer: Any, names: list[str]) -> tuple[pd.Series | None, list[str]]:
    if isinstance(answer, dict):
        answer = pd.Series(answer, dtype=object)
    if isinstance(answer, pd.DataFrame):
        answer = _outcome_as_index(answer)
        if answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return None, [f"Give a Series (or a dict) with one verdict per outcome, labelled by outcome; "
                      f"you gave {compare.describe(answer)}."]
    got = answer.set_axis(answer.index.map(str))
    absent = [n for n in names if n not in got.index]
    if absent:
        return None, [f"Give a verdict for every outcome: missing {', '.join(absent)}."]
    extra = [n for n in got.index if n not in names]
    if extra:
        return None, [f"Should not be in your answer: {', '.join(extra[:3])}."]
    words = {}
    for name in names:
        value = got[name]
        if isinstance(value, (bool, np.bool_)):
            return None, ["Give each outcome one of the words 'met', 'not met' or 'cannot tell', not True/False: an "
                          "interval can also leave the answer open."]
        word = VERDICT_WORDS.get(str(value).strip().lower().rstrip(".")) if isinstance(value, str) else None
        if word is None:
            return None, [f"The verdict for {name} is {value!r}: use one of 'met', 'not met' or 'cannot tell'."]
        words[name] = word
    return pd.Series(words), []


def _form_q4(answer, ctx: Context) -> list[str]:
    names = list(map(str, ctx.table("objectives")["outcome"]))
    return _as_verdicts(answer, names)[1]


def _point_verdicts(effect: pd.Series, objectives: pd.DataFrame) -> pd.Series:
    target = objectives.set_index("outcome")["target_change"]
    return pd.Series({name: verdict(effect[name], effect[name], float(target[name])) for name in target.index})


def _count(items: list, noun: str) -> str:
    """'1 outcome', '2 outcomes'."""
    return f"{len(items)} {noun}" + ("" if len(items) == 1 else "s")


def _check_q4(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    objectives = ctx.table("objectives")
    names = list(map(str, objectives["outcome"]))
    got, problems = _as_verdicts(answer, names)
    if problems:
        return problems
    reference = did_intervals(outcomes, families)
    basis = reference
    own, _ = _as_intervals(ctx.earlier("q3")) if ctx.earlier("q3") is not None else (None, [])
    if own is not None and set(names) <= set(own.index):
        basis = own  # judged on the learner's own intervals: a slip in question 3 is not marked again
    expected = verdicts(basis.loc[names], objectives)
    wrong = [n for n in names if got[n] != expected[n]]
    # The target right at an end of the interval (1.96 or t, rounding): either verdict either side of it.
    target = objectives.set_index("outcome")["target_change"]
    wrong = [n for n in wrong if not any(math.isclose(float(target[n]), end, rel_tol=0.01)
                                         for end in basis.loc[n, ["low", "high"]])]
    if not wrong:
        return []
    not_right = f"{len(wrong)} of the {len(names)} verdicts {'is' if len(wrong) == 1 else 'are'} not right."
    effect = did(outcomes, families)
    point = _point_verdicts(effect.set_axis(effect.index.map(str)), objectives)
    if all(got[n] == point[n] for n in names) and not point.equals(expected[names]):
        return ["Those verdicts follow the point estimate alone. Judge each target against the whole 95% interval: "
                "'met' only when the entire interval is on the target's side, 'cannot tell' when the target falls "
                "inside the interval."]
    if not any(got[n] == "cannot tell" for n in names) and any(expected[n] == "cannot tell" for n in names):
        return [f"{not_right} Look at whether each target falls inside its interval: then the data cannot tell "
                "whether it was met."]
    return [f"{not_right} A target to *reduce* something (a negative "
            "target_change) is met when the whole interval is at or below it; a target to increase, when the whole "
            "interval is at or above it."]


def _check_q5(answer, ctx: Context) -> list[str]:
    got, problems = compare.call_function(answer, "did", *_tables(ctx))
    return problems or _check_q2(got, ctx)


def _check_q6(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    data = _with_group(outcomes, families)
    return compare.series(
        answer, pre_trend_gap(outcomes, families), what="the gap in change before the programme",
        index_meaning="outcomes", rel=1e-3,
        mistakes=[(lambda a: _close_series(a, did(outcomes, families)),
                   "That is the change during the programme (before → after), your question 2 answer. Here use the "
                   "change *before* it: `before − earlier`."),
                  (lambda a: _close_series(a, _gap(data, "earlier")),
                   "Those are the differences in the `earlier` values themselves; compare each group's change "
                   "from `earlier` to `before`."),
                  (lambda a: _close_series(a, -pre_trend_gap(outcomes, families)),
                   "The signs are the wrong way round: a change is before − earlier, and the gap is joined minus "
                   "not joined.")])


def _as_outcome_list(answer: Any, names: list[str]) -> tuple[list[str] | None, list[str]]:
    if isinstance(answer, str):
        answer = [answer]
    if isinstance(answer, dict):
        answer = pd.Series(answer, dtype=object)
    if isinstance(answer, pd.Series) and len(answer) and all(isinstance(v, (bool, np.bool_)) for v in answer):
        answer = [str(k) for k, v in answer.items() if v]  # True for each outcome whose trends differed
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray)):
        answer = list(answer)
    if not isinstance(answer, (list, tuple, set)):
        return None, [f"Give a list of outcome names, e.g. ['school_attendance_pct'] (or [] for none); "
                      f"you gave {compare.describe(answer)}."]
    got = []
    for item in answer:
        if not isinstance(item, str) or item.strip() not in names:
            return None, [f"{item!r} is not an outcome: use the names in the objectives table "
                          f"({', '.join(names)})."]
        got.append(item.strip())
    return sorted(set(got)), []


def _form_q7(answer, ctx: Context) -> list[str]:
    return _as_outcome_list(answer, list(map(str, ctx.table("objectives")["outcome"])))[1]


def _check_q7(answer, ctx: Context) -> list[str]:
    outcomes, families = _tables(ctx)
    names = list(map(str, ctx.table("objectives")["outcome"]))
    got, problems = _as_outcome_list(answer, names)
    if problems:
        return problems
    pre = pre_trend_intervals(outcomes, families)
    pre = pre.set_axis(pre.index.map(str))
    centre, half = (pre["low"] + pre["high"]) / 2, (pre["high"] - pre["low"]) / 2
    problems = _trend_list_problems(got, names, centre, half)
    own = _per_outcome(ctx.earlier("q6"))
    if (problems and own is not None and set(names) <= set(own.index) and np.isfinite(own[names]).all()
            and not np.allclose(own[names], centre[names], rtol=1e-3)):
        # Judged on the learner's own question 6 gaps (with the right spreads): a slip there is not marked again.
        if not _trend_list_problems(got, names, own[names], half[names]):
            return []
    return problems


def _trend_list_problems(got: list[str], names: list[str], centre: pd.Series, half: pd.Series) -> list[str]:
    # Clearly apart (the interval is far from zero) must be named; an interval round zero must not be;
    # in between (zero just outside the interval) either choice is fair.
    clear = [n for n in names if abs(centre[n]) > 1.5 * half[n]]
    round_zero = [n for n in names if abs(centre[n]) < half[n]]
    missed = [n for n in clear if n not in got]
    wrongly = [n for n in got if n in round_zero]
    if missed:
        return [f"Your list leaves out {_count(missed, 'outcome')} whose trends clearly differed before the "
                "programme: look again at which pre-programme gaps have an interval that leaves out zero."]
    if wrongly:
        return [f"{_count(wrongly, 'outcome')} in your list {'has' if len(wrongly) == 1 else 'have'} a "
                "pre-programme gap whose interval includes zero: the data show no sign that their trends differed."]
    return []


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
                   "and subtract: joined minus not joined.",
                   "Bring `joined` onto outcomes with a merge on family_id (as in the worked example), then group by "
                   "both outcome and joined and take the mean of `after`; .unstack() puts True and False side by side.",
                   "merged = outcomes.merge(families[[___, ___]], on=___)\n"
                   "after = merged.groupby([___, ___])[___].mean().unstack()\n"
                   "answer_q1 = after[___] - after[___]"),
            praise="Now compare those signs with the targets: the programme looks useless, or worse. Is it?",
        ),
        ExerciseSpec(
            "q2", "Difference in differences", _check_q2,
            hints=("Work out each family's change (after − before), then compare the mean change of joined families "
                   "with that of the others, for every outcome at once.",
                   "Add a `change` column to merged, then do what you did in question 1 with `change` in place of "
                   "`after`.",
                   "merged['change'] = merged[___] - merged[___]\n"
                   "change = merged.groupby([___, ___])[___].mean().unstack()\n"
                   "answer_q2 = ___"),
            praise="Families who joined started worse off; comparing changes removes that head start.",
        ),
        ExerciseSpec(
            "q3", "How sure can we be?", _check_q3,
            hints=("For each outcome: your question 2 estimate ± 1.96 standard errors of the difference.",
                   "Each group's standard error is its changes' standard deviation / √(number of families), as in "
                   "the worked example; the difference's is √(se_joined² + se_others²). Loop over "
                   "merged.groupby('outcome') as the worked example does.",
                   "rows = {}\n"
                   "for name, g in merged.groupby('outcome'):\n"
                   "    j = g.loc[g['joined'], 'change']\n"
                   "    o = g.loc[___, 'change']\n"
                   "    se = (___ ** 2 + ___ ** 2) ** 0.5\n"
                   "    estimate = ___\n"
                   "    rows[name] = {'low': ___, 'high': ___}\n"
                   "answer_q3 = pd.DataFrame(rows).T"),
            praise="An interval says how far the data lets you go: quote it next to the estimate.",
            builds_on=("q2",),
        ),
        ExerciseSpec(
            "q4", "Was each objective met?", _check_q4,
            hints=("Put each outcome's target on the line next to its interval. Is the whole interval on the right "
                   "side of the target, the whole interval on the wrong side, or does the target fall inside it?",
                   "For a target to increase (positive): met when low ≥ target, not met when high < target. For a "
                   "target to reduce (negative), the other way round: met when high ≤ target, not met when "
                   "low > target. Anything else: cannot tell.",
                   "target = objectives.set_index('outcome')['target_change']\n"
                   "verdicts = {}\n"
                   "for name, row in answer_q3.iterrows():\n"
                   "    t = target[name]\n"
                   "    if t > 0:\n"
                   "        verdicts[name] = 'met' if ___ else ('not met' if ___ else 'cannot tell')\n"
                   "    else:\n"
                   "        verdicts[name] = ___\n"
                   "answer_q4 = pd.Series(verdicts)"),
            praise="A programme can work and still miss a target, and some targets the data cannot settle: all "
                   "three belong in the report.",
            builds_on=("q3",), form=_form_q4,
        ),
        ExerciseSpec(
            "q5", "A reusable evaluation", _check_q5,
            hints=("Wrap your question 1 and 2 code in a function of the two tables.",
                   "Use only the tables passed in (outcomes and families), not `merged`: it will be run on another "
                   "year's data.",
                   "def did(outcomes, families):\n"
                   "    merged = ___\n"
                   "    merged['change'] = ___\n"
                   "    change = ___\n"
                   "    return ___"),
            praise="Next year's evaluation is now one line.",
            reference=did, inputs=("outcomes", "families"),
        ),
        ExerciseSpec(
            "q6", "Were the trends parallel before?", _check_q6,
            hints=("The same comparison as question 2, one year earlier: each family's change from `earlier` to "
                   "`before`, joined minus not joined, per outcome.",
                   "Add a column for before − earlier to merged and group it as you did `change`.",
                   "merged['pre_change'] = merged[___] - merged[___]\n"
                   "pre = merged.groupby([___, ___])[___].mean().unstack()\n"
                   "answer_q6 = ___"),
            praise="A difference in differences is only as good as this check: say you made it.",
        ),
        ExerciseSpec(
            "q7", "Which estimates can we trust?", _check_q7,
            hints=("A gap before the programme that is real, not noise, has a 95% interval that leaves out zero. "
                   "Make the intervals exactly as in question 3, with the pre-programme change.",
                   "Reuse your question 3 loop with the pre-programme change (before − earlier) in place of "
                   "'change', then look at which rows have low > 0 or high < 0.",
                   "pre_rows = {}\n"
                   "for name, g in merged.groupby('outcome'):\n"
                   "    pre = g[___] - g[___]\n"
                   "    ...  # j, o, se and the gap as in question 3, from pre\n"
                   "pre_intervals = pd.DataFrame(pre_rows).T\n"
                   "answer_q7 = list(pre_intervals[(___) | (___)].index)"),
            praise="Where trends were not parallel, the estimate is not trustworthy: report it with that warning.",
            builds_on=("q6",), form=_form_q7,
        ),
    ),
)
