"""Grades from nbgrader's gradebook into the progress store.

The gradebook is read through nbgrader's own API over a read-only
connection: the sync can never change a grade, and a gradebook that is
missing, locked by a grading run or not a gradebook at all gives one clear
error and records nothing (the next sync picks everything up).
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote

from .events import ProgressError, utcnow
from .rules import GradeRecord
from .store import ProgressStore


class GradebookUnavailable(ProgressError):
    pass


def _read_only_url(path: Path) -> str:
    return f"sqlite:///file:{quote(str(path.resolve()))}?mode=ro&uri=true"


def read_gradebook(db: Path | str, course_id: str, modules: set[str] | None = None,
                   retries: int = 3, wait: float = 0.5) -> dict[str, list[GradeRecord]]:
    """Learner -> one grade per module they have been graded on. ``db``: a gradebook file or a database URL."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import DatabaseError, OperationalError

    if isinstance(db, Path) or "://" not in str(db):
        path = Path(db)
        if not path.is_file():
            raise GradebookUnavailable(f"no gradebook at {path}: has anything been graded yet?")
        url = _read_only_url(path)
    else:
        url = str(db)
    for attempt in range(retries):
        try:
            with Gradebook(url, course_id=course_id) as gb:
                return _grades(gb, modules)
        except OperationalError as exc:
            text = str(exc.orig) if exc.orig else str(exc)
            if "locked" in text and attempt < retries - 1:
                time.sleep(wait)
                continue
            if "locked" in text:
                raise GradebookUnavailable("the gradebook is locked (a grading run is writing to it); "
                                           "nothing was synced — try again when it finishes") from None
            raise GradebookUnavailable(f"cannot read the gradebook: {text}") from None
        except DatabaseError as exc:
            raise GradebookUnavailable(f"{db} is not a readable gradebook ({str(exc.orig or exc)[:120]})") from None
    raise AssertionError("unreachable")


def _grades(gb, modules: set[str] | None) -> dict[str, list[GradeRecord]]:
    out: dict[str, list[GradeRecord]] = {}
    for assignment in gb.assignments:
        if modules is not None and assignment.name not in modules:
            continue
        for sub in assignment.submissions:
            pending = sum(g.max_score for nb in sub.notebooks for g in nb.grades
                          if g.needs_manual_grade and g.manual_score is None)
            when = sub.timestamp or utcnow()
            out.setdefault(sub.student.id, []).append(
                GradeRecord(assignment.name, float(sub.score), float(sub.max_score), when, float(pending)))
    return out


def sync_gradebook(store: ProgressStore, db: Path | str, course_id: str) -> int:
    """Copy every graded submission's score into the store; returns how many grades changed."""
    modules = {m.id for m in store.curriculum.modules}
    return store.record_grades(read_gradebook(db, course_id, modules))
