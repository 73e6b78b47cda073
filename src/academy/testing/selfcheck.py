"""Run a module's published solutions as a learner pasting them would.

Used by the tests (every published solution must pass its own check) and by
the check-latency benchmark (a right answer to time).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..exercises.core import Module


def published_answers(ex: Module) -> dict[str, Any]:
    """Exercise name -> the answer its published solution produces, in order."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns: dict[str, Any] = {"pd": pd, "np": np, "plt": plt, **{t: ex.table(t) for t in ex.spec.tables_for_learner}}
    if ex.spec.givens:
        ns.update(ex.spec.givens(ex.context))
    if ex.spec.given_code:
        ns["ex"] = ex
        exec(ex.spec.given_code, ns)  # our own notebook code, not learner code
    answers = {}
    for spec in ex.spec.exercises:
        before = set(ns)
        exec(spec.solution, ns)  # our own solution texts, not learner code
        defined = [ns[k] for k in sorted(set(ns) - before) if callable(ns[k]) and not k.startswith("_")]
        answers[spec.name] = ns.get(f"answer_{spec.name}", defined[0] if defined else None)
    return answers
