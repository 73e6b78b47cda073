"""What a batch is asked to do (``Options``) and what grading gives back, per notebook and per learner."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


#: Where one notebook's grading time goes, in the order it is spent (``PhaseClock`` keys).
NOTEBOOK_PHASES = ("sanitise", "prepare", "kernel start", "execute", "kernel stop", "recheck", "after",
                   "gradebook wait", "gradebook", "write")
#: What is spent once per learner, around their notebooks.
LEARNER_PHASES = ("submission row", "bookkeeping")


class PhaseClock:
    """Seconds per phase of one notebook's grading, so a slow batch says where its time went."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] = self.seconds.get(phase, 0.0) + max(0.0, seconds)

    @contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(phase, time.perf_counter() - start)


@dataclass
class NotebookResult:
    notebook: str
    score: float = 0.0
    max_score: float = 0.0
    status: str = "graded"  # graded | failed | timed out
    notes: list[str] = field(default_factory=list)
    cells: dict[str, float] = field(default_factory=dict)
    #: Seconds per phase (``NOTEBOOK_PHASES``); empty in markers written before phases were timed.
    phases: dict[str, float] = field(default_factory=dict)


@dataclass
class StudentResult:
    student: str
    notebooks: list[NotebookResult]
    resumed: bool = False
    seconds: float = 0.0
    #: Seconds per learner-level phase (``LEARNER_PHASES``).
    phases: dict[str, float] = field(default_factory=dict)

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
