"""Instant checks learners call from their notebooks.

    from academy.exercises import module
    ex = module("m02")                 # your own variant of the data
    requests = ex.table("requests")
    ex.q1.check(answer)                # what is wrong, in plain words
    ex.q1.hint()                       # a nudge, then the method, then the shape
    ex.q1.solution()                   # once passed, or when released

Checks compare with the truth of the learner's own variant and never contain
the hidden tests used for grading.
"""

from __future__ import annotations

import os

from .core import COURSE, Exercise, Module, ModuleSpec, attempt_listeners
from .feedback import Feedback
from .modules import MODULES
from .variants import learner_id, unseen_seed, variant_seed

__all__ = ["Exercise", "Feedback", "MODULES", "Module", "ModuleSpec", "attempt_listeners",
           "learner_id", "module", "unseen_seed", "variant_seed"]


def module(module_id: str, learner: str | None = None, course: str = COURSE) -> Module:
    """Your exercises for one module; ``learner`` defaults to your hub user name."""
    key = module_id.strip().lower()
    if key not in MODULES:
        raise KeyError(f"unknown module {module_id!r}; available: {', '.join(sorted(MODULES))}")
    _report_attempts()
    return Module(MODULES[key], learner=learner, course=course)


def _report_attempts() -> None:
    """On the hub, send check attempts to the progress service; elsewhere (or if anything fails) do nothing."""
    if not os.environ.get("ACADEMY_PROGRESS_URL"):
        return
    try:
        from ..notebook import reporting as reporter

        reporter.install()
    except Exception:
        pass
