"""How each exercise went for a cohort: what an instructor needs to see which questions teach and which only test.

For every exercise in teaching order: how many learners tried it, how many passed at the first try, how many
tries a pass took, how many leaned on hints to get there, and how long from their first look to their pass.
Built from the store's summary rows (one per learner and exercise), never from the attempt history.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

#: The report's columns, in order: the page's table and its CSV download.
COLUMNS = ("module", "exercise", "tried", "passed", "first_try_pass_rate", "median_tries_to_pass",
           "mean_hints_per_learner", "passed_with_a_hint", "median_minutes_to_pass")


@dataclass(frozen=True)
class ExerciseFigures:
    module: str
    exercise: str
    tried: int
    passed: int
    #: Share of those who tried that passed on their first try, or None when nobody tried.
    first_try_pass_rate: float | None
    median_tries_to_pass: float | None
    mean_hints_per_learner: float | None
    #: Of those who passed, how many had asked for at least one hint before their pass.
    passed_with_a_hint: int
    median_minutes_to_pass: float | None

    def as_row(self) -> dict:
        return {c: getattr(self, c) for c in COLUMNS}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def exercise_report(rows: Iterable[tuple], exercises: Sequence[tuple[str, str]]) -> list[ExerciseFigures]:
    """``rows`` as ``ProgressStore.exercise_rows`` gives them; ``exercises`` as (module, exercise) in teaching
    order. An exercise nobody has touched still gets its line, so a gap is visible."""
    by_exercise: dict[tuple[str, str], list[tuple]] = {key: [] for key in exercises}
    for row in rows:
        by_exercise.setdefault((row[0], row[1]), []).append(row)
    report = []
    for (module, exercise), states in by_exercise.items():
        tried = [s for s in states if s[2] > 0]
        passed = [s for s in tried if s[7] is not None]
        minutes = [(_at(s[7]) - _at(s[6])).total_seconds() / 60 for s in passed]
        report.append(ExerciseFigures(
            module, exercise, len(tried), len(passed),
            sum(1 for s in passed if s[3] == 0) / len(tried) if tried else None,
            _median([s[3] + 1 for s in passed]),
            sum(s[4] for s in states) / len(states) if states else None,
            sum(1 for s in passed if s[5] > 0),
            _median([max(m, 0.0) for m in minutes])))
    return report


def _at(value: datetime) -> datetime:
    return value.replace(tzinfo=None) if value.tzinfo else value
