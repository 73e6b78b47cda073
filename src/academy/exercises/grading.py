"""What the autograder's test cells call.

Test cells run in the learner's own kernel after the learner's code, so they
must not trust anything the learner's code could have replaced (``ex.q1.check``
can be overwritten in a notebook). These functions rebuild the learner's
variant from scratch. Failures raise ``AssertionError`` with the same plain
words the instant check gives, and nothing is written to stderr: stock
nbgrader scores a test cell zero for any stderr output.

Which learner? ``variants.learner_id`` decides, for the notebook and for these
tests alike, so the two can never load different variants.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from .. import datasets
from .core import COURSE, Module
from .modules import MODULES
from .variants import learner_id, unseen_seed

SECRET_ENV = "ACADEMY_GRADER_SECRET"
SECRET_FILE_ENV = "ACADEMY_GRADER_SECRET_FILE"


def _fresh_module(module_id: str) -> Module:
    return Module(MODULES[module_id], learner=learner_id(), course=COURSE, name="ex")


def verify(module_id: str, exercise: str, answer: Any) -> None:
    """Raise AssertionError unless ``answer`` is right for this learner's data."""
    feedback = getattr(_fresh_module(module_id), exercise).check(answer)
    if not feedback.passed:
        raise AssertionError(" ".join(feedback.problems))


def grader_secret() -> str | None:
    secret = os.environ.get(SECRET_ENV, "").strip()
    if secret:
        return secret
    path = os.environ.get(SECRET_FILE_ENV, "").strip()
    if path and Path(path).is_file():
        return Path(path).read_text().strip() or None
    return None


def verify_function(module_id: str, exercise: str, fn: Any,
                    reference: Callable[..., Any], tables: tuple[str, ...]) -> None:
    """Run the learner's function on a variant they never saw and compare.

    The unseen variant is seeded with the grader's secret, so numbers copied
    from the learner's own data, or answers hard-coded for it, cannot pass.
    """
    if not callable(fn):
        raise AssertionError(f"Expected a function; found {type(fn).__name__}.")
    spec = MODULES[module_id]
    learner = learner_id()
    secret = grader_secret()
    if secret is None:
        # Stock nbgrader without our grader: still test on other data, and say so on stdout.
        print("Note: no grader secret set; testing on a fixed second variant instead.")
        secret = "no-secret-set"
    data = datasets.make(spec.dataset, max(500, spec.rows // 4), unseen_seed(COURSE, module_id, learner, secret))
    inputs = [data.tables[t].copy() for t in tables]
    try:
        got = fn(*inputs)
    except Exception as exc:
        raise AssertionError(f"Your function stopped with {type(exc).__name__}: {exc}") from None
    want = reference(*[data.tables[t] for t in tables])
    if isinstance(want, pd.Series):
        if not isinstance(got, pd.Series) or len(got) != len(want):
            raise AssertionError(f"On other data your function should give {len(want):,} values; it gave "
                                 f"{len(got) if hasattr(got, '__len__') else type(got).__name__}.")
        got_values = pd.to_numeric(got.reset_index(drop=True), errors="coerce").to_numpy(dtype=float)
        want_values = want.reset_index(drop=True).to_numpy(dtype=float)
        if not np.allclose(got_values, want_values, rtol=1e-6, equal_nan=True):
            raise AssertionError("On data it had not seen, your function gives different values from the expected ones.")
    elif got != want:
        raise AssertionError("On data it had not seen, your function gives a different answer.")
