"""The exchange's records: what is released, every version of every submission, and feedback on each.

A record names its files by the SHA-256 of their archive (``blob``); the archive is written before the record
and never changed after, so a record always points at a whole archive.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Release(Base):
    """A module as released to a course's learners (released again: the same row, new files)."""

    __tablename__ = "exchange_releases"
    __table_args__ = (UniqueConstraint("course", "assignment"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    course: Mapped[str] = mapped_column(String(255))
    assignment: Mapped[str] = mapped_column(String(255))
    blob: Mapped[str] = mapped_column(String(64))
    #: The notebooks' ids, comma-separated (nbgrader's Assignments tab lists them).
    notebooks: Mapped[str] = mapped_column(Text)
    released_at: Mapped[datetime] = mapped_column(DateTime)


class Submission(Base):
    """One press of Submit: kept for good, each with the time the service received it."""

    __tablename__ = "exchange_submissions"
    __table_args__ = (Index("ix_exchange_submissions_course_assignment_student", "course", "assignment", "student"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    course: Mapped[str] = mapped_column(String(255))
    assignment: Mapped[str] = mapped_column(String(255))
    #: The hub's name for who submitted: never a name the request gave.
    student: Mapped[str] = mapped_column(String(255))
    #: nbgrader's timestamp text ("2026-12-05 14:03:11.123456 UTC"), as collected into timestamp.txt.
    timestamp: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    blob: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    notebooks: Mapped[str] = mapped_column(Text)
    #: After the learner's own due date (the module's, moved by their extension or accommodation).
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    #: That due date as it stood when they submitted (none: the module had no due date).
    due: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Feedback(Base):
    """The feedback pages released for one submission (released again: replaced)."""

    __tablename__ = "exchange_feedback"
    submission_id: Mapped[int] = mapped_column(ForeignKey("exchange_submissions.id", ondelete="CASCADE"),
                                               primary_key=True)
    blob: Mapped[str] = mapped_column(String(64))
    #: notebook id -> MD5 of its page, as JSON: how a learner's tab tells feedback changed since it was fetched.
    checksums: Mapped[str] = mapped_column(Text)
    released_at: Mapped[datetime] = mapped_column(DateTime)


class Policy(Base):
    """How one module takes submissions: its due date, what happens after it, and grading on submit."""

    __tablename__ = "exchange_policies"
    __table_args__ = (UniqueConstraint("course", "assignment"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    course: Mapped[str] = mapped_column(String(255))
    assignment: Mapped[str] = mapped_column(String(255))
    due: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: "accept" (marked late), "penalty" (marked late, ``late_penalty`` of the score taken off) or "refuse".
    late_policy: Mapped[str] = mapped_column(String(16), default="accept")
    late_penalty: Mapped[float] = mapped_column(Float, default=0.0)
    #: Graded as soon as it is submitted; off: held until an instructor grades it.
    grade_on_submit: Mapped[bool] = mapped_column(Boolean, default=True)
    #: How many times a learner may submit (none: no limit).
    max_submissions: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_by: Mapped[str] = mapped_column(String(255), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Allowance(Base):
    """More time for one learner: an extension of one module (``assignment`` set) or a standing accommodation
    across the course (``assignment`` empty), as extra hours and/or a factor on the time a module allows."""

    __tablename__ = "exchange_allowances"
    __table_args__ = (UniqueConstraint("course", "student", "assignment"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    course: Mapped[str] = mapped_column(String(255))
    student: Mapped[str] = mapped_column(String(255))
    assignment: Mapped[str] = mapped_column(String(255), default="")
    extra_hours: Mapped[float] = mapped_column(Float, default=0.0)
    factor: Mapped[float] = mapped_column(Float, default=1.0)
    note: Mapped[str] = mapped_column(Text, default="")
    granted_by: Mapped[str] = mapped_column(String(255))
    granted_at: Mapped[datetime] = mapped_column(DateTime)


class GradingJob(Base):
    """A submission waiting for, being given or given its grade: the record that makes a job run again when a
    worker dies mid-way, and run to a grade once."""

    __tablename__ = "exchange_grading"
    __table_args__ = (Index("ix_exchange_grading_state", "state"),)
    submission_id: Mapped[int] = mapped_column(ForeignKey("exchange_submissions.id", ondelete="CASCADE"),
                                               primary_key=True)
    #: queued, running, graded, failed, held (grading on submit is off for the module) or superseded.
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str] = mapped_column(String(255), default="")
    lease_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    queued_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
