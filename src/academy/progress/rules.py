"""Curriculum rules: what a grade completes, what it unlocks, which skills and certificates follow.

Everything here is a pure function of the manifest and a learner's record,
so the rules are tested without a database and the store only persists what
they decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..curriculum import Curriculum


@dataclass(frozen=True)
class GradeRecord:
    module: str
    score: float
    max_score: float
    graded_at: datetime
    pending: float = 0.0

    @property
    def share(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0


def passes(curriculum: Curriculum, grade: GradeRecord) -> bool:
    """A module is passed when its autograded and marked points reach its pass mark of all its points."""
    try:
        mark = curriculum.module(grade.module).pass_mark
    except KeyError:
        return False
    return grade.max_score > 0 and grade.share >= mark - 1e-9


def completions(curriculum: Curriculum, grades: list[GradeRecord],
                earlier: dict[str, datetime] | None = None) -> dict[str, datetime]:
    """Module -> completed at, for every module the current grades pass.

    A completion keeps the date it first happened (``earlier``) while the
    grade still passes; a regrade below the mark withdraws it."""
    earlier = earlier or {}
    return {g.module: earlier.get(g.module, g.graded_at) for g in grades if passes(curriculum, g)}


def skills_earned(curriculum: Curriculum, completed: dict[str, datetime]) -> dict[str, datetime]:
    """Skill -> when first earned: a completed module earns every skill it builds."""
    earned: dict[str, datetime] = {}
    for m in curriculum.modules:
        if m.id in completed:
            for skill in m.skills:
                when = completed[m.id]
                earned[skill] = min(earned.get(skill, when), when)
    return earned


def skill_progress(curriculum: Curriculum, completed: set[str]) -> dict[str, float]:
    """Skill -> share of the modules building it that are completed (what the skills chart shows)."""
    out = {}
    for skill in curriculum.skills:
        building = [m.id for m in curriculum.modules if skill in m.skills]
        out[skill] = sum(m in completed for m in building) / len(building) if building else 0.0
    return out


def certificates(curriculum: Curriculum, completed: dict[str, datetime]) -> dict[int, datetime]:
    """Level -> issued at: every module of the level completed; dated by the last of them."""
    out = {}
    for level in sorted({m.level for m in curriculum.modules}):
        ids = [m.id for m in curriculum.modules if m.level == level]
        if ids and all(i in completed for i in ids):
            out[level] = max(completed[i] for i in ids)
    return out


@dataclass(frozen=True)
class ModuleStatus:
    module: str
    title: str
    status: str  # "done", "in progress", "available" or "locked"
    passed_exercises: int
    exercises: int
    missing: tuple[str, ...]  # prerequisites not yet completed


def statuses(curriculum: Curriculum, completed: set[str], started: set[str],
             passed: dict[str, int], exercises: dict[str, int]) -> list[ModuleStatus]:
    """``started``: modules with any attempt or grade; ``passed``: checks passed per module."""
    out = []
    for m in curriculum.modules:
        missing = tuple(p for p in m.prerequisites if p not in completed)
        if m.id in completed:
            status = "done"
        elif missing:
            status = "locked"
        elif m.id in started:
            status = "in progress"
        else:
            status = "available"
        out.append(ModuleStatus(m.id, m.title, status, passed.get(m.id, 0), exercises.get(m.id, 0), missing))
    return out


def next_step(states: list[ModuleStatus]) -> ModuleStatus | None:
    """Carry on with what is started; otherwise the first module that is open."""
    for wanted in ("in progress", "available"):
        for s in states:
            if s.status == wanted:
                return s
    return None
