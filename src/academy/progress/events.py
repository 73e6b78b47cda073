"""Check attempts as they arrive from notebooks, validated before anything is stored.

A notebook may post the same event twice (a retry after a timeout) or late
(it was offline); each event carries its own id and time, so the store can
record it once and in its right place whatever the order of arrival.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import AcademyError

#: Notebook clocks drift; an event from further in the future than this is refused.
MAX_CLOCK_SKEW_S = 300


class ProgressError(AcademyError, ValueError):
    """Input the store refuses, with words saying what to fix. Nothing of the request is stored."""


class UnknownLearner(ProgressError):
    pass


class UnknownExercise(ProgressError):
    pass


def check_exercise(module: str, exercise: str, catalogue: Mapping[str, tuple[str, ...]]) -> None:
    """Refuse an attempt at an exercise the curriculum does not list (``Curriculum.catalogue``)."""
    if module not in catalogue:
        raise UnknownExercise(f"unknown module {module!r}; known modules: {', '.join(sorted(catalogue))}")
    if exercise not in catalogue[module]:
        raise UnknownExercise(f"module {module} has no exercise {exercise!r}; it has {', '.join(catalogue[module])}")


def utcnow() -> datetime:
    """Now, in naive UTC as stored (``datetime.utcnow`` is deprecated from Python 3.12)."""
    return datetime.now(UTC).replace(tzinfo=None)


def utc(ts: float | datetime) -> datetime:
    """Naive UTC, as stored (SQLite keeps no time zones)."""
    if isinstance(ts, datetime):
        return ts.astimezone(UTC).replace(tzinfo=None) if ts.tzinfo else ts
    return datetime.fromtimestamp(ts, tz=UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class AttemptEvent:
    event_id: str
    learner: str
    module: str
    exercise: str
    passed: bool
    seconds: float
    at: datetime

    @classmethod
    def from_dict(cls, raw: Any, learner: str | None = None, now: float | None = None) -> AttemptEvent:
        """``learner``: who the hub says posted it, which wins over any name in the event itself."""
        if not isinstance(raw, Mapping):
            raise ProgressError(f"an attempt must be a JSON object; got {type(raw).__name__}")
        name = learner or raw.get("learner")
        if not isinstance(name, str) or not name.strip():
            raise ProgressError("an attempt needs the learner's name")
        for key in ("module", "exercise"):
            if not isinstance(raw.get(key), str) or not raw[key]:
                raise ProgressError(f"an attempt needs {key!r} as text")
        if not isinstance(raw.get("passed"), bool):
            raise ProgressError("'passed' must be true or false")
        seconds = raw.get("seconds", 0.0)
        if (not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not math.isfinite(seconds)
                or seconds < 0):
            raise ProgressError("'seconds' must be a non-negative number")
        at = raw.get("at")
        if not isinstance(at, (int, float)) or isinstance(at, bool) or not math.isfinite(at) or at <= 0:
            raise ProgressError("'at' must be the attempt's time in seconds since 1970")
        now = datetime.now(UTC).timestamp() if now is None else now
        if at > now + MAX_CLOCK_SKEW_S:
            raise ProgressError("'at' is in the future: is the notebook's clock right?")
        event_id = raw.get("event_id") or uuid.uuid4().hex
        if not isinstance(event_id, str) or len(event_id) > 64:
            raise ProgressError("'event_id' must be text of at most 64 characters")
        return cls(event_id, name.strip(), raw["module"], raw["exercise"], raw["passed"], float(seconds), utc(at))
