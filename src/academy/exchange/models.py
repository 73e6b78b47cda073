"""The exchange's records: what is released, every version of every submission, and feedback on each.

A record names its files by the SHA-256 of their archive (``blob``); the archive is written before the record
and never changed after, so a record always points at a whole archive.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
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


class Feedback(Base):
    """The feedback pages released for one submission (released again: replaced)."""

    __tablename__ = "exchange_feedback"
    submission_id: Mapped[int] = mapped_column(ForeignKey("exchange_submissions.id", ondelete="CASCADE"),
                                               primary_key=True)
    blob: Mapped[str] = mapped_column(String(64))
    #: notebook id -> MD5 of its page, as JSON: how a learner's tab tells feedback changed since it was fetched.
    checksums: Mapped[str] = mapped_column(Text)
    released_at: Mapped[datetime] = mapped_column(DateTime)
