"""Code-club challenge c03, one chart a manager can read: what only the grader knows (checks, hints, typical
mistakes). The situation, set-up, examples and solutions are in source/c03/c03.ipynb."""

from __future__ import annotations

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

PERCENT_WORDS = ("%", "percent", "share", "proportion")

# ------------------------------------------------------------ reference answers


def requests_per_type(requests: pd.DataFrame) -> pd.Series:
    counts = requests["request_type"].astype(str).value_counts()
    return counts[counts > 0]


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    r = ctx.table("requests")
    want = requests_per_type(r)
    if isinstance(answer, pd.Series) and set(map(str, answer.index)) == set(r["channel"].astype(str)):
        return ["Those are the requests per channel (the example's column): count the request_type column."]
    if isinstance(answer, pd.Series) and set(map(str, answer.index)) <= set(r["status"].astype(str)):
        return ["Those are the requests per status (open or closed): count the request_type column."]
    if isinstance(answer, pd.Series) and len(answer) == len(want) and pd.api.types.is_numeric_dtype(answer):
        total = float(answer.sum())
        if np.isclose(total, 1):
            return ["These are shares of all requests (they add up to 1): the question asks for the number of "
                    "requests of each kind. Leave out normalize=True."]
        if np.isclose(total, 100):
            return ["These are percentages of all requests: the question asks for the number of requests of each "
                    "kind."]
    return compare.series(answer, want.astype(float), what="the requests of each kind",
                          index_meaning="request types", rel=0)


def _own_counts(earlier, types: list[str]) -> pd.Series | None:
    """The learner's question 1 counts, labelled by request type, if usable."""
    if not isinstance(earlier, pd.Series) or not pd.api.types.is_numeric_dtype(earlier):
        return None
    own = earlier.set_axis(earlier.index.map(str)).astype(float)
    if own.index.duplicated().any() or set(own.index) != set(types):
        return None
    return own


def _check_q2(answer, ctx: Context) -> list[str]:
    r = ctx.table("requests")
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    want = requests_per_type(r).astype(float)
    types = list(want.index)
    if not chart.bars:
        if chart.lines:
            return ["This is a line chart: a line suggests something changing over time, and request types have "
                    "no order in time. Draw bars: .plot.bar(ax=ax) or .plot.barh(ax=ax)."]
        return ["Your chart has no bars (a pie chart has none either): draw a bar chart with .plot.bar(ax=ax) or "
                ".plot.barh(ax=ax)."]
    if len(chart.bars) != len(types):
        if len(chart.bars) == r["channel"].nunique():
            return [f"Your chart has {len(chart.bars)} bars, one per channel? Draw one bar per request type "
                    f"({len(types)})."]
        return [f"Your chart has {len(chart.bars)} bars; expected one bar per request type ({len(types)})."]
    labels, values = chart.bar_values()
    if sorted(labels) != sorted(types):
        return [f"The bars should be labelled with the request types; they read {labels or 'unlabelled'}. "
                "Draw the Series of counts from question 1, whose labels are the request types."]
    drawn = pd.Series(values, index=labels, dtype=float).reindex(types)
    truths = [want]
    own = _own_counts(ctx.earlier("q1"), types)
    if own is not None and not np.allclose(own.reindex(types).to_numpy(), want.to_numpy()):
        truths.insert(0, own.reindex(types))  # a chart drawn faithfully from a slip in question 1 is not marked twice
    shows = ""
    for counts in truths:
        shares = counts / counts.sum()
        if np.allclose(drawn, counts):
            shows = "requests"
        elif np.allclose(drawn, shares * 100, atol=0.01) or np.allclose(drawn, shares, atol=1e-4):
            shows = "shares"
        if shows:
            break
    problems = []
    if not shows:
        problems.append("The bar heights are not the numbers of requests of each kind (question 1), nor their "
                        "percentages of all requests.")
    steps = np.diff(values)
    if not (np.all(steps <= 1e-9) or np.all(steps >= -1e-9)):
        problems.append("The bars are not in order of size, so the committee has to hunt for the biggest: sort "
                        "the counts first (.sort_values()), or draw them as value_counts() gives them.")
    value_label = (chart.xlabel if chart.horizontal else chart.ylabel).strip()
    other_label = (chart.ylabel if chart.horizontal else chart.xlabel).strip()
    if not chart.title.strip():
        problems.append("Your chart has no title: say what it shows, e.g. ax.set_title('Street-scene requests by "
                        "type').")
    if not value_label:
        axis = "horizontal" if chart.horizontal else "vertical"
        problems.append(f"Label the {axis} axis, the one the bars' values are read on: say what they count, "
                        "e.g. 'Number of requests'.")
    elif shows == "requests" and any(w in value_label.lower() for w in PERCENT_WORDS):
        problems.append(f"Your bars show numbers of requests, but the axis says {value_label!r}: a reader will "
                        "take them for percentages.")
    elif shows == "shares" and not any(w in value_label.lower() for w in PERCENT_WORDS):
        problems.append(f"Your bars show shares of all requests, but the axis says {value_label!r}: say it is a "
                        "percentage, or a reader will take the bars for numbers of requests.")
    if not other_label or other_label == "request_type":
        axis = "vertical" if chart.horizontal else "horizontal"
        problems.append(f"Label the {axis} axis, the one the kinds of request are on, in words a councillor "
                        "reads, e.g. 'Type of request'"
                        + (" (request_type is the column's name, not a label)." if other_label else "."))
    return problems


MODULE = ModuleSpec(
    id="c03",
    title="One chart a manager can read: street-scene requests",
    dataset="service_requests",
    rows=3_000,
    tables_for_learner=("requests",),
    exercises=(
        ExerciseSpec(
            "q1", "How many requests of each kind?", _check_q1,
            hints=("Pick the request_type column out of requests, then count how often each kind appears.",
                   "The channel example did exactly this for another column: .value_counts() counts each value.",
                   "answer_q1 = requests[___].___()"),
            praise="value_counts() is a pivot-table count in one line.",
        ),
        ExerciseSpec(
            "q2", "The chart for the committee", _check_q2,
            hints=("Draw your question 1 counts as bars, biggest first (or biggest at the top), then give the chart "
                   "a title and a label on each axis.",
                   "Follow the channel chart: plt.subplots() for an empty chart, .plot.bar(ax=ax) or "
                   ".plot.barh(ax=ax) for the bars, then ax.set_title, ax.set_xlabel and ax.set_ylabel. "
                   "value_counts() is already in order of size.",
                   "fig, ax = plt.subplots()\n___.plot.___(ax=ax)\nax.set_title(___)\nax.set_xlabel(___)\n"
                   "ax.set_ylabel(___)\nanswer_q2 = ax"),
            praise="A title, labelled axes and bars in order: the chart speaks for itself.",
            builds_on=("q1",),
        ),
    ),
)
