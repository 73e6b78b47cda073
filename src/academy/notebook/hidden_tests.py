"""What the autograder's test cells call.

Test cells run in the learner's own kernel after the learner's code, so they
must not trust anything the learner's code could have replaced (``ex.q1.check``
can be overwritten in a notebook). These functions rebuild the learner's
variant from scratch. Failures raise ``AssertionError`` with the same plain
words the instant check gives, and nothing is written to stderr: stock
nbgrader scores a test cell zero for any stderr output.

Under ``academy grade`` they also record each answer (see ``capture``), under
``module.exercise``, and the grader checks again outside the kernel each
exercise the test cell declares in its metadata (``{"academy": {"exercises":
["m02.q3"]}}``, see ``grading/notebooks.py``), so replacing these functions
from a notebook gains nothing, and the call may be spelt any way. Stock
``nbgrader autograde`` works on the same notebooks; it simply trusts the kernel.

Notebooks also import this module as ``academy.exercises.grading``, its old
home, which is the same module object.

Which learner? ``variants.learner_id`` decides, for the notebook and for these
tests alike, so the two can never load different variants.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import datasets
from ..exercises import capture
from ..exercises.core import COURSE, ExerciseSpec, Module
from ..exercises.modules import MODULES
from ..exercises.variants import learner_id, unseen_seed

SECRET_ENV = "ACADEMY_GRADER_SECRET"
SECRET_FILE_ENV = "ACADEMY_GRADER_SECRET_FILE"
NO_SECRET = "no-secret-set"


def _fresh_module(module_id: str, learner: str | None = None) -> Module:
    """The module as built for ``learner``, not the one the notebook holds (which learner code can change).

    Built once per learner and process: every hidden test of a notebook reuses
    it. A learner who reaches into it and changes its data still gains nothing
    under ``academy grade``, which checks each answer again in its own process.
    """
    return _built(module_id, learner or learner_id())


@lru_cache(maxsize=32)
def _built(module_id: str, learner: str) -> Module:
    return Module(MODULES[module_id], learner=learner, course=COURSE, name="ex")


def problems_with(module_id: str, exercise: str, answer: Any, learner: str | None = None) -> list[str]:
    """What is wrong with ``answer`` for this learner's data (empty when right)."""
    return list(getattr(_fresh_module(module_id, learner), exercise).check(answer).problems)


def verify(module_id: str, exercise: str, answer: Any) -> None:
    """Raise AssertionError unless ``answer`` is right for this learner's data.

    Under ``academy grade`` the answer is only recorded: the grader judges the
    record in its own process, so judging it here too would only cost time.
    """
    if capture.folder() is not None:
        capture.save(f"{module_id}.{exercise}", answer)
        return
    problems = problems_with(module_id, exercise, answer)
    if problems:
        raise AssertionError(" ".join(problems))


def grader_secret() -> str | None:
    secret = os.environ.get(SECRET_ENV, "").strip()
    if secret:
        return secret
    path = os.environ.get(SECRET_FILE_ENV, "").strip()
    if path and Path(path).is_file():
        return Path(path).read_text().strip() or None
    return None


def function_spec(module_id: str, exercise: str) -> ExerciseSpec:
    spec = MODULES[module_id].exercise(exercise)
    if spec.reference is None or not spec.inputs:
        raise ValueError(f"{module_id}.{exercise} is not a function exercise (no reference and inputs declared)")
    return spec


def _unseen_data(module_id: str, learner: str, secret: str) -> datasets.Dataset:
    module = MODULES[module_id]
    return datasets.make(module.dataset, max(500, module.rows // 4), unseen_seed(COURSE, module_id, learner, secret))


def unseen_tables(module_id: str, exercise: str, learner: str, secret: str) -> list[pd.DataFrame]:
    """The data a function exercise is graded on: seeded by the grader's secret, never shown to the learner."""
    data = _unseen_data(module_id, learner, secret)
    return [data.tables[t] for t in function_spec(module_id, exercise).inputs]


def function_output_problem(got: Any, want: Any) -> str | None:
    """Why the learner's function output differs from the reference output, or None."""
    if isinstance(want, pd.Series):
        if not isinstance(got, pd.Series) or len(got) != len(want):
            size = len(got) if hasattr(got, "__len__") else type(got).__name__
            return f"On other data your function should give {len(want):,} values; it gave {size}."
        got_values = pd.to_numeric(got.reset_index(drop=True), errors="coerce").to_numpy(dtype=float)
        want_values = want.reset_index(drop=True).to_numpy(dtype=float)
        if not np.allclose(got_values, want_values, rtol=1e-6, equal_nan=True):
            return "On data it had not seen, your function gives different values from the expected ones."
        return None
    try:
        same = bool(got == want)
    except Exception:
        same = False
    return None if same else "On data it had not seen, your function gives a different answer."


def verify_function(module_id: str, exercise: str, fn: Any,
                    reference: Callable[..., Any] | None = None, tables: Sequence[str] | None = None) -> None:
    """Run the learner's function on a variant they never saw and compare.

    The unseen variant is seeded with the grader's secret, so numbers copied
    from the learner's own data, or answers hard-coded for it, cannot pass.
    Under ``academy grade`` the grader leaves that data in the capture folder
    (the secret itself never enters the learner's kernel).
    """
    key = f"{module_id}.{exercise}"
    if not callable(fn):
        capture.save(key, None)
        raise AssertionError(f"Expected a function; found {type(fn).__name__}.")
    spec = MODULES[module_id].exercise(exercise)
    reference = reference or spec.reference
    assert reference is not None, f"{key} is a function exercise without a reference function"
    names = tuple(tables or spec.inputs)
    root = capture.folder()
    inputs = capture.load_inputs(key, names, root) if root is not None else None
    if inputs is None:
        secret = grader_secret()
        if secret is None:
            # Stock nbgrader without our grader: still test on other data, and say so on stdout.
            print("Note: no grader secret set; testing on a fixed second variant instead.")
            secret = NO_SECRET
        data = _unseen_data(module_id, learner_id(), secret)
        inputs = [data.tables[t] for t in names]
    try:
        got = fn(*[t.copy() for t in inputs])
    except Exception as exc:
        capture.save(key, None)
        raise AssertionError(f"Your function stopped with {type(exc).__name__}: {exc}") from None
    capture.save(key, got)
    if root is not None:
        return  # the grader compares the recorded output with its own reference result
    problem = function_output_problem(got, reference(*inputs))
    if problem:
        raise AssertionError(problem)
