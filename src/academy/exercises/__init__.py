"""What every module's checks are built from: specs, comparisons, the chart reader, the answer encoding.

General and public: nothing here knows an answer. Each module's own checks,
hints and solutions are in the course folder (``modules/<id>/checks.py`` and
the source notebook), read by ``academy.checks.registry`` on the grader's
side. A learner's notebook uses ``academy.notebook``:

    from academy.notebook import module
    ex = module("m02")                 # your own variant of the data
    requests = ex.table("requests")
    ex.q1.check(answer)                # judged behind the hub, in plain words
    ex.q1.hint()                       # a nudge, then the method, then the shape
    ex.q1.solution()                   # once passed, or when released
"""

from __future__ import annotations

from .core import Exercise, Module, ModuleSpec, attempt_listeners
from .feedback import Feedback
from .variants import learner_id, unseen_seed, variant_seed

__all__ = ["Exercise", "Feedback", "Module", "ModuleSpec", "attempt_listeners",
           "learner_id", "unseen_seed", "variant_seed"]


def __getattr__(name: str):
    """``from academy.exercises import module``, as released notebooks say, is :func:`academy.notebook.module`."""
    if name == "module":
        from ..notebook import module

        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
