"""Instant checks learners call from their notebooks.

    from academy.notebook import module  # (also importable from here, as older notebooks do)
    ex = module("m02")                 # your own variant of the data
    requests = ex.table("requests")
    ex.q1.check(answer)                # what is wrong, in plain words
    ex.q1.hint()                       # a nudge, then the method, then the shape
    ex.q1.solution()                   # once passed, or when released

Checks compare with the truth of the learner's own variant and never contain
the hidden tests used for grading.
"""

from __future__ import annotations

from .core import Exercise, Module, ModuleSpec, attempt_listeners
from .feedback import Feedback
from .modules import MODULES
from .variants import learner_id, unseen_seed, variant_seed

__all__ = ["Exercise", "Feedback", "MODULES", "Module", "ModuleSpec", "attempt_listeners",
           "learner_id", "unseen_seed", "variant_seed"]


def __getattr__(name: str):
    """``from academy.exercises import module``, as released notebooks say, is :func:`academy.notebook.module`."""
    if name == "module":
        from ..notebook import module

        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
