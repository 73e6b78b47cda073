"""Compare a learner's answer with the expected one and say what is wrong.

Every function returns a list of problems in plain English (empty = correct).
The wording is for people who live in Excel: name the column, count the rows,
say which value is off and roughly by how much, and recognise common
mistakes ("these look like means, not medians").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from .chart_reader import ChartData

#: (test on the learner's answer, message) pairs: common mistakes worth naming.
Mistake = tuple[Callable[[Any], bool], str]


def describe(value: Any) -> str:
    """What the learner gave, in words."""
    if value is None:
        return "nothing (None)"
    if isinstance(value, pd.DataFrame):
        return f"a table (DataFrame) with {len(value):,} rows and columns {list(map(str, value.columns))[:8]}"
    if isinstance(value, pd.Series):
        return f"a column (Series) of {len(value):,} values"
    if isinstance(value, bool):
        return f"True/False ({value})"
    if isinstance(value, (int, float, np.number)):
        return f"the number {value:,}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if callable(value):
        return "a function"
    return f"a {type(value).__name__}"


def _matches(mistakes: Iterable[Mistake], answer: Any) -> list[str]:
    found = []
    for test, message in mistakes:
        try:
            if test(answer):
                found.append(message)
        except Exception:  # a mistake test must never break the check itself
            continue
    return found


def _close(a: float, b: float, rel: float, abs_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_tol)


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return None


def number(answer: Any, expected: float, *, what: str, rel: float = 1e-6, abs_tol: float = 1e-9,
           mistakes: Sequence[Mistake] = ()) -> list[str]:
    """A single number, e.g. a count or a median."""
    value = as_number(answer)
    if value is None:
        if isinstance(answer, (pd.Series, pd.DataFrame)) and answer.size == 1:
            return [f"I expected a single number for {what}, but you gave {describe(answer)}; "
                    "take the number out of it, e.g. with .iloc[0]."]
        return [f"I expected a number for {what}; you gave {describe(answer)}."]
    if math.isnan(value):
        return [f"Your answer for {what} is NaN (not a number): a calculation had nothing to work on."]
    if _close(value, expected, rel, abs_tol):
        return []
    named = _matches(mistakes, value)
    if named:
        return named
    direction = "too high" if value > expected else "too low"
    size = abs(value - expected) / abs(expected) if expected else float("inf")
    how_much = "slightly " if size < 0.05 else "far " if size > 0.5 else ""
    return [f"Your answer for {what}, {value:,.6g}, is {how_much}{direction}."]


def table(answer: Any, expected: pd.DataFrame, *, what: str, key: str, rows_meaning: str,
          sort_by: str | None = None, ascending: bool = False, rel: float = 1e-4,
          mistakes: Sequence[Mistake] = ()) -> list[str]:
    """A table with named columns, one row per ``key`` value."""
    if isinstance(answer, pd.Series):
        return [f"You gave {describe(answer)}, but {what} should be a table with columns "
                f"{list(expected.columns)}. If your labels are in the index, .reset_index() turns them into a column."]
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame) for {what}; you gave {describe(answer)}."]
    missing = [c for c in expected.columns if c not in answer.columns]
    if missing:
        if key in missing and answer.index.name == key:
            return [f"'{key}' is the index of your table, not a column: add .reset_index()."]
        return [f"Your table has no column named {', '.join(repr(c) for c in missing)} "
                f"(it has: {', '.join(map(str, answer.columns)) or 'no columns'})."]
    named = _matches(mistakes, answer)
    if named:
        return named
    problems = []
    if len(answer) != len(expected):
        problems.append(f"Your table has {len(answer):,} rows; expected {len(expected):,} ({rows_meaning}).")
    got_keys, want_keys = set(answer[key].astype(str)), set(expected[key].astype(str))
    if got_keys != want_keys:
        absent, extra = sorted(want_keys - got_keys), sorted(got_keys - want_keys)
        if absent:
            problems.append(f"Missing from your {key} column: {_few(absent)}.")
        if extra:
            problems.append(f"Should not be in your table: {_few(extra)}.")
    if problems:
        return problems
    if answer[key].duplicated().any():
        return [f"Some {key} values appear more than once in your table."]
    merged = expected.merge(answer, on=key, suffixes=("_expected", ""), how="left")
    for col in expected.columns:
        if col == key:
            continue
        problems += _column_values(merged, key, col, rel)
    if not problems and sort_by is not None:
        values = answer[sort_by].to_numpy(dtype=float)
        ordered = np.all(np.diff(values) <= 1e-12) if not ascending else np.all(np.diff(values) >= -1e-12)
        if not ordered:
            direction = "smallest" if ascending else "largest"
            problems.append(f"The rows are not in order: sort by {sort_by}, {direction} first.")
    return problems


def _column_values(merged: pd.DataFrame, key: str, col: str, rel: float) -> list[str]:
    return _first_difference(merged[key], merged[f"{col}_expected"], merged[col], col, rel)


def _first_difference(labels: pd.Series | pd.Index, want: pd.Series, got: pd.Series, col: str, rel: float,
                      label_word: str = "") -> list[str]:
    """Say which value is off and how; ``want`` and ``got`` are aligned by position."""
    got = pd.Series(np.asarray(got, dtype=object) if not pd.api.types.is_numeric_dtype(got) else np.asarray(got))
    want = pd.Series(np.asarray(want))
    if pd.api.types.is_numeric_dtype(want):
        got_num = pd.to_numeric(got, errors="coerce")
        if got_num.isna().all() and want.notna().any():
            return [f"The {col} should be numbers; yours hold {describe(got.iloc[0])}."]
        off = ~np.isclose(got_num.to_numpy(dtype=float), want.to_numpy(dtype=float), rtol=rel, atol=1e-9,
                          equal_nan=True)
    else:
        off = (got.astype(str) != want.astype(str)).to_numpy()
    if not off.any():
        return []
    i = int(np.flatnonzero(off)[0])
    label = f"{label_word} {labels[i] if isinstance(labels, pd.Index) else labels.iloc[i]}".strip()
    shown, expected_value = got.iloc[i], want.iloc[i]
    more = f" ({int(off.sum()) - 1:,} more are off too)." if off.sum() > 1 else "."
    if pd.api.types.is_numeric_dtype(want) and pd.notna(got_num.iloc[i]) and expected_value:
        ratio = float(got_num.iloc[i]) / float(expected_value)
        for factor, note in ((1000, "per household rather than per 1,000?"), (1 / 1000, "per 1,000 twice?"),
                             (24, "hours instead of days?"), (100, "a percentage instead of a share?")):
            if math.isclose(ratio, factor, rel_tol=0.02) or math.isclose(ratio, 1 / factor, rel_tol=0.02):
                return [f"The {col} for {label} is {_fmt(shown)}, {_ratio_words(ratio)} what it should be: {note}"]
    mine, theirs = _fmt_apart(shown, expected_value)
    return [f"The {col} for {label} is {mine}; expected about {theirs}{more}"]


def series(answer: Any, expected: pd.Series, *, what: str, index_meaning: str, rel: float = 1e-4,
           normalise_index: Callable[[pd.Index], pd.Index] | None = None, label_word: str = "",
           mistakes: Sequence[Mistake] = ()) -> list[str]:
    """Values labelled by an index, e.g. a median per request type.

    ``label_word`` names what a label is when the label alone says little,
    so a learner reads "the value for request 17" rather than "for 17".
    """
    if isinstance(answer, pd.DataFrame):
        numeric = answer.select_dtypes("number")
        if numeric.shape[1] == 1:
            answer = numeric.iloc[:, 0]
        else:
            return [f"I expected one column of values for {what}, labelled by {index_meaning}; "
                    f"you gave {describe(answer)}. Select the one column you need."]
    if not isinstance(answer, pd.Series):
        return [f"I expected a Series for {what} (values labelled by {index_meaning}); you gave {describe(answer)}."]
    got = answer
    if normalise_index is not None:
        try:
            got = got.set_axis(normalise_index(got.index))
        except Exception:
            return [f"The labels of your answer should be {index_meaning}; yours look like {list(answer.index[:3])}."]
    named = _matches(mistakes, answer)
    if named:
        return named
    want = expected
    if not got.index.equals(want.index):
        got = got.set_axis(got.index.map(str))
        want = want.set_axis(want.index.map(str))
        absent, extra = sorted(set(want.index) - set(got.index)), sorted(set(got.index) - set(want.index))
        problems = []
        if absent:
            problems.append(f"Missing from your answer: {_few(absent)} "
                            f"({len(want):,} {index_meaning} expected, you have {len(got):,}).")
        if extra:
            problems.append(f"Should not be in your answer: {_few(extra)}.")
        if got.index.duplicated().any():
            problems.append("Some labels appear more than once in your answer.")
        if problems:
            return problems
        got = got.reindex(want.index)
    return _first_difference(want.index, want, got, "value", rel, label_word)


def statements_form(answer: Any, names: Iterable[str]) -> list[str]:
    """What is wrong with the shape of a True/False answer to each named statement (a checklist marked on
    submission): safe to say at once, since it tells nothing of which statements are true."""
    names = list(names)
    if not isinstance(answer, dict):
        return [f"I expected a dictionary of True/False answers; you gave {describe(answer)}."]
    missing = [k for k in names if k not in answer]
    if missing:
        return [f"Answer every statement; missing: {missing[:2]}" + (" and more." if len(missing) > 2 else ".")]
    unknown = [k for k in answer if k not in names]
    if unknown:
        return [f"{unknown[0]!r} is not one of the statements: keep the names as the question gives them."]
    not_bool = [k for k in names if not isinstance(answer[k], (bool, np.bool_))]
    if not_bool:
        return [f"Answer with True or False; {not_bool[0]!r} is {describe(answer[not_bool[0]])}."]
    return []


def statements(answer: Any, truths: dict[str, bool]) -> list[str]:
    """A True/False checklist judged whole: the first statement answered wrongly and how many more, never
    which way it should go."""
    shape = statements_form(answer, truths)
    if shape:
        return shape
    wrong = [k for k, truth in truths.items() if bool(answer[k]) != truth]
    if wrong:
        return [f"Think again about {wrong[0]!r}" + (f" (and {len(wrong) - 1} more)." if len(wrong) > 1 else ".")]
    return []


def chosen(answer: Any, pool: pd.Series, k: int, *, pool_name: str, noun: str, what: str, capacity: str,
           elsewhere: tuple[set, str] = (set(), ""), enough: str = "") -> tuple[list[str] | None, list[str]]:
    """The ids a learner chose from ``pool`` (the ids of table ``pool_name``, a Series named after their column),
    or None and what is wrong. They may give a list or Series of ids, a table with the id column, True/False per
    id, or scores labelled by id; ``elsewhere`` is ids of another table and the words for one of them."""
    column = str(pool.name)
    known = set(pool.astype(str))
    if isinstance(answer, pd.DataFrame):
        if column not in answer.columns:
            return None, [f"Your table has no {column} column: give the {column} of the {what}."]
        ids = answer[column]
    elif isinstance(answer, pd.Series) and answer.dtype == bool:
        ids = pd.Series(answer.index[answer.to_numpy()])
    elif isinstance(answer, pd.Series) and not answer.astype(str).isin(known).all() \
            and answer.index.astype(str).isin(known).all():
        ids = pd.Series(answer.index)  # e.g. the scores themselves, labelled by id
    elif isinstance(answer, (pd.Series, pd.Index, np.ndarray, list, tuple, set)):
        ids = pd.Series(list(answer), dtype=object)
    else:
        return None, [f"I expected the {column} of the {k} {what} (a list or a Series); you gave {describe(answer)}."]
    ids = ids.astype(str).str.strip()
    if not ids.isin(known).all():
        stray = ids[~ids.isin(known)].iloc[0]
        others, words = elsewhere
        where = words if stray in others else f"not a {column} of {pool_name}"
        return None, [f"{stray!r} is {where}: choose among the {noun} of {pool_name}."]
    if ids.duplicated().any():
        return None, [f"{ids[ids.duplicated()].iloc[0]} is in your list twice: give each {noun.rstrip('s')} once."]
    if len(ids) != k:
        return None, [f"You chose {len(ids):,} {noun}; {capacity}: give exactly that many{enough}."]
    return list(ids), []


def _few(items: Sequence[str], k: int = 3) -> str:
    shown = ", ".join(map(str, items[:k]))
    return shown + (f" and {len(items) - k} more" if len(items) > k else "")


def _fmt(x: Any) -> str:
    if isinstance(x, (float, np.floating)):
        return f"{x:,.4g}"
    if isinstance(x, (int, np.integer)):
        return f"{x:,}"
    return repr(x)


def _fmt_apart(got: Any, want: Any) -> tuple[str, str]:
    """Both numbers with enough digits to tell them apart: never "is 1,507; expected about 1,507"."""
    mine, theirs = _fmt(got), _fmt(want)
    if mine == theirs and isinstance(got, (int, float, np.number)) and isinstance(want, (int, float, np.number)):
        for digits in range(5, 13):
            mine, theirs = f"{float(got):,.{digits}g}", f"{float(want):,.{digits}g}"
            if mine != theirs:
                break
    return mine, theirs


def _ratio_words(ratio: float) -> str:
    """"about 3 times", "about 1.4 times", "about 0.25 times": read before "what it should be" or "as wide"."""
    if ratio >= 2:
        return f"about {ratio:,.0f} times"
    return f"about {ratio:.2g} times"


def call_function(answer: Any, name: str, *tables: pd.DataFrame) -> tuple[Any, list[str]]:
    """Call the learner's function on copies of ``tables`` (so it cannot change the data checks use).

    Returns its result and no problems, or None and the problem in words.
    """
    if not callable(answer):
        return None, [f"Pass your function itself, without brackets: .check({name}). You gave {describe(answer)}."]
    try:
        return answer(*[t.copy() for t in tables]), []
    except Exception as exc:
        return None, [f"Your function stopped with {type(exc).__name__}: {exc}"]


def chart(answer: Any) -> tuple[ChartData | None, list[str]]:
    """The chart in a learner's answer, or the problem in words if there is none."""
    from .chart_reader import chart_data

    found = chart_data(answer)
    if found is None:
        return None, [f"Give the chart's axes (the `ax` from `fig, ax = plt.subplots()`); you gave {describe(answer)}."]
    return found, []

