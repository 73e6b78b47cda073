"""Due dates, late work, extensions and accommodations: each learner's own due date for each module.

A module's policy gives its due date and what happens after it: ``accept`` (the submission is marked late),
``penalty`` (marked late, and a stated share of the score taken off) or ``refuse`` (not stored; the learner is
told to ask for an extension). An instructor gives one learner more time on one module (an extension, in
hours) or across the course (an accommodation: a factor on the time each module allows, from its release to its
due date, and/or hours added to every due date). A learner's due date is the module's, stretched by their
accommodation, then moved on by their extension.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from .models import Allowance, Policy, Release

LATE_POLICIES = ("accept", "penalty", "refuse")


class PolicyError(ValueError):
    """A policy or allowance that makes no sense; the message says which value and why."""


def now() -> datetime:
    """UTC, without a zone: how every time is stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def parse_time(text: str | None, field: str = "due") -> datetime | None:
    """An ISO time (``2027-01-31T17:00``, ``...Z`` or ``...+00:00``) as naive UTC; '' or None: none."""
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise PolicyError(f"{field} {text!r} is not a date and time like 2027-01-31T17:00") from None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def iso(when: datetime | None) -> str | None:
    return when.replace(tzinfo=UTC).isoformat() if when else None


@dataclass(frozen=True)
class ModulePolicy:
    course: str
    assignment: str
    due: datetime | None = None
    late_policy: str = "accept"
    late_penalty: float = 0.0
    grade_on_submit: bool = True
    max_submissions: int | None = None

    def as_json(self) -> dict:
        out = asdict(self)
        out["due"] = iso(self.due)
        return out

    def checked(self) -> ModulePolicy:
        if self.late_policy not in LATE_POLICIES:
            raise PolicyError(f"late_policy must be one of {', '.join(LATE_POLICIES)}, not {self.late_policy!r}")
        if not 0.0 <= self.late_penalty <= 1.0:
            raise PolicyError("late_penalty is the share of the score taken off, from 0 to 1 (0.1 is 10%)")
        if self.max_submissions is not None and self.max_submissions < 1:
            raise PolicyError("max_submissions must be at least 1 (leave it empty for no limit)")
        return self


@dataclass(frozen=True)
class Grant:
    student: str
    assignment: str  # '' for a standing accommodation
    extra_hours: float = 0.0
    factor: float = 1.0
    note: str = ""
    granted_by: str = ""
    granted_at: datetime | None = None

    def as_json(self) -> dict:
        out = asdict(self)
        out["granted_at"] = iso(self.granted_at)
        return out

    def checked(self) -> Grant:
        if not 0 <= self.extra_hours <= 24 * 365:
            raise PolicyError("extra_hours must be between 0 and a year's hours")
        if not 1.0 <= self.factor <= 10.0:
            raise PolicyError("factor is extra time as a multiple of the time allowed, from 1 (none) to 10")
        return self


class PolicyBook:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def policy(self, course: str, assignment: str) -> ModulePolicy:
        with Session(self.engine) as s:
            row = s.scalar(select(Policy).where(Policy.course == course, Policy.assignment == assignment))
            return _policy(row) if row else ModulePolicy(course, assignment)

    def policies(self, course: str) -> dict[str, ModulePolicy]:
        with Session(self.engine) as s:
            return {r.assignment: _policy(r) for r in s.scalars(select(Policy).where(Policy.course == course))}

    def set_policy(self, policy: ModulePolicy, by: str) -> ModulePolicy:
        policy = policy.checked()
        with Session(self.engine) as s, s.begin():
            row = s.scalar(select(Policy).where(Policy.course == policy.course,
                                                Policy.assignment == policy.assignment))
            if row is None:
                row = Policy(course=policy.course, assignment=policy.assignment)
                s.add(row)
            row.due, row.late_policy, row.late_penalty = policy.due, policy.late_policy, policy.late_penalty
            row.grade_on_submit, row.max_submissions = policy.grade_on_submit, policy.max_submissions
            row.updated_by, row.updated_at = by, now()
        return policy

    def grants(self, course: str, student: str | None = None) -> list[Grant]:
        query = select(Allowance).where(Allowance.course == course).order_by(Allowance.student, Allowance.assignment)
        if student:
            query = query.where(Allowance.student == student)
        with Session(self.engine) as s:
            return [_grant(r) for r in s.scalars(query)]

    def grant(self, course: str, grant: Grant, by: str) -> Grant:
        grant = grant.checked()
        with Session(self.engine) as s, s.begin():
            row = s.scalar(select(Allowance).where(Allowance.course == course, Allowance.student == grant.student,
                                                   Allowance.assignment == grant.assignment))
            if row is None:
                row = Allowance(course=course, student=grant.student, assignment=grant.assignment)
                s.add(row)
            row.extra_hours, row.factor, row.note = grant.extra_hours, grant.factor, grant.note
            row.granted_by, row.granted_at = by, now()
            return _grant(row)

    def withdraw_grant(self, course: str, student: str, assignment: str) -> bool:
        with Session(self.engine) as s, s.begin():
            gone = s.execute(delete(Allowance).where(Allowance.course == course, Allowance.student == student,
                                                     Allowance.assignment == assignment))
            return bool(gone.rowcount)  # type: ignore[attr-defined]

    def due_for(self, course: str, assignment: str, student: str) -> datetime | None:
        """``student``'s own due date for ``assignment`` (None: the module has no due date)."""
        return self.dues(course, student).get(assignment)

    def dues(self, course: str, student: str) -> dict[str, datetime]:
        """``student``'s own due date for every module of ``course`` that has one, in three queries (a learner's
        page asks for all of them every few seconds while their work is graded)."""
        with Session(self.engine) as s:
            due = {a: d for a, d in s.execute(select(Policy.assignment, Policy.due).where(
                Policy.course == course, Policy.due.is_not(None))) if d is not None}
            if not due:
                return {}
            released = dict(s.execute(select(Release.assignment, Release.released_at).where(
                Release.course == course, Release.assignment.in_(due))).all())
            grants = {g.assignment: g for g in s.scalars(select(Allowance).where(
                Allowance.course == course, Allowance.student == student))}
        return {a: stretch(d, released.get(a), grants.get(""), grants.get(a)) for a, d in due.items()}


def stretch(due: datetime, released: datetime | None, standing: Allowance | None,
            extension: Allowance | None) -> datetime:
    """The module's due date, stretched by a standing accommodation, then moved on by an extension."""
    out = due
    if standing is not None:
        if released is not None and due > released and standing.factor > 1.0:
            out = released + (due - released) * standing.factor
        out += timedelta(hours=standing.extra_hours)
    if extension is not None:
        out += timedelta(hours=extension.extra_hours)
        if released is not None and extension.factor > 1.0 and due > released:
            out += (due - released) * (extension.factor - 1.0)
    return out


def _policy(row: Policy) -> ModulePolicy:
    return ModulePolicy(row.course, row.assignment, row.due, row.late_policy, row.late_penalty, row.grade_on_submit,
                        row.max_submissions)


def _grant(row: Allowance) -> Grant:
    return Grant(row.student, row.assignment, row.extra_hours, row.factor, row.note, row.granted_by, row.granted_at)
