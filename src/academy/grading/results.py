"""What a batch is asked to do (``Options``) and what grading gives back, per notebook and per learner."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..errors import AcademyError
from .sandbox import Limits


class GradeError(AcademyError):
    """A problem with the course or the command, not with one submission."""


@dataclass
class Options:
    #: Twice the cores: a kernel spends part of its life waiting (start-up handshakes), not computing.
    workers: int = 2 * (os.cpu_count() or 1)
    #: None: the course's ``c.Execute.timeout``, else 60 s.
    cell_timeout: int | None = None
    notebook_timeout: int = 600
    limits: Limits = field(default_factory=Limits)
    feedback: bool = True
    force: bool = False
    students: tuple[str, ...] = ()
    db_url: str | None = None


@dataclass
class NotebookResult:
    notebook: str
    score: float = 0.0
    max_score: float = 0.0
    status: str = "graded"  # graded | failed | timed out
    notes: list[str] = field(default_factory=list)
    cells: dict[str, float] = field(default_factory=dict)


@dataclass
class StudentResult:
    student: str
    notebooks: list[NotebookResult]
    resumed: bool = False
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(n.score for n in self.notebooks)

    @property
    def max_score(self) -> float:
        return sum(n.max_score for n in self.notebooks)

    @property
    def status(self) -> str:
        for worst in ("failed", "timed out"):
            if any(n.status == worst for n in self.notebooks):
                return worst
        return "graded"
