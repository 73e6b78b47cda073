"""Function exercises on data the learner never saw: the grader's unseen variant and the judging.

A learner's function is graded on a further variant seeded with the course's
secret, so numbers copied from their own data, or answers hard-coded for it,
cannot pass. What it gave there is judged by the exercise's own check, bound to
that variant, so the grader reads labels, order and typical mistakes exactly as
the instant check did on the learner's own data; only a check that cannot run
falls back to comparing with the reference's output.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .. import datasets
from ..exercises.capture import Replayed
from ..exercises.core import Context, ExerciseSpec, ModuleSpec
from ..exercises.variants import unseen_seed


def function_spec(module: ModuleSpec, exercise: str) -> ExerciseSpec:
    spec = module.exercise(exercise)
    if spec.reference is None or not spec.inputs:
        raise ValueError(f"{module.id}.{exercise} is not a function exercise (no reference and inputs declared)")
    return spec


@lru_cache(maxsize=8)
def _built(dataset: str, rows: int, seed: int) -> datasets.Dataset:
    """Built once for the tables a learner's function is given and for judging what it gave there."""
    return datasets.make(dataset, rows, seed)


def unseen_data(module: ModuleSpec, course_id: str, learner: str, secret: str) -> datasets.Dataset:
    """The learner's unseen variant, with tables of its own (whoever uses them may change them)."""
    built = _built(module.dataset, max(500, module.rows // 4), unseen_seed(course_id, module.id, learner, secret))
    return dataclasses.replace(built, tables={name: df.copy() for name, df in built.tables.items()})


def unseen_tables(module: ModuleSpec, exercise: str, course_id: str, learner: str, secret: str) -> list[pd.DataFrame]:
    data = unseen_data(module, course_id, learner, secret)
    return [data.tables[t] for t in function_spec(module, exercise).inputs]


def unseen_problem(module: ModuleSpec, exercise: str, course_id: str, learner: str, secret: str, output: Any,
                   reference_output: Any) -> str | None:
    """Why what the learner's function gave on their unseen variant is wrong, or None if it is right.

    The exercise's check judges it as it judged the function on the learner's own data (called, the function
    gives this output), so a right function is right whatever order or spelling of labels the check allows.
    """
    data = unseen_data(module, course_id, learner, secret)
    ctx = Context(data, learner, unseen_seed(course_id, module.id, learner, secret))
    try:
        problems = list(function_spec(module, exercise).check(Replayed(output, None), ctx))
    except Exception:  # a check written only for the learner's own data: compare with the reference instead
        return function_output_problem(output, reference_output)
    if not problems:
        return None
    return "On data it had not seen, your function's answer is not right: " + " ".join(problems)


def _values(series: pd.Series, order: pd.Index | None) -> np.ndarray:
    if order is not None:
        series = series.reindex(order)
    return pd.to_numeric(series.reset_index(drop=True), errors="coerce").to_numpy(dtype=float)


def function_output_problem(got: Any, want: Any) -> str | None:
    """Why the learner's function output differs from the reference output, or None.

    Series are compared by label when both have the same labels (so rows in another order still match),
    else by position when the reference's labels are just positions.
    """
    if isinstance(want, pd.Series):
        if not isinstance(got, pd.Series) or len(got) != len(want):
            size = len(got) if hasattr(got, "__len__") else type(got).__name__
            return f"On other data your function should give {len(want):,} values; it gave {size}."
        by_label = want.index.is_unique and got.index.is_unique and set(got.index) == set(want.index)
        positional = isinstance(want.index, pd.RangeIndex)
        if not by_label and not positional:
            return "On data it had not seen, your function's results are labelled differently from the expected ones."
        got_values = _values(got, want.index if by_label else None)
        if not np.allclose(got_values, _values(want, None), rtol=1e-6, equal_nan=True):
            return "On data it had not seen, your function gives different values from the expected ones."
        return None
    try:
        same = bool(got == want)
    except Exception:
        same = False
    return None if same else "On data it had not seen, your function gives a different answer."
