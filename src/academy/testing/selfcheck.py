"""Each module's published answers, run as a learner pasting them would (for tests and the check benchmark)."""

from __future__ import annotations

from typing import Any

from ..checks import registry
from ..checks.answers import published_answers as _published
from ..exercises.core import Module


def published_answers(ex: Module) -> dict[str, Any]:
    """Exercise name -> the answer its published solution produces on ``ex``'s data, cells run in order."""
    return _published(registry.module(ex.spec.id), ex)
