"""The progress store's tables.

Attempts are kept as they arrive (append-only, each with the event id the
notebook gave it, so a retried post is recorded once). ``ExerciseState`` is
the summary every view reads — one row per learner and exercise, kept up to
date in the same transaction as the attempt — so a heatmap of a large cohort
never scans the attempt history.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Learner(Base):
    __tablename__ = "learners"
    id: Mapped[int] = mapped_column(primary_key=True)
    #: The hub user name: the same name nbgrader's gradebook and the notebooks use.
    name: Mapped[str] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Cohort(Base):
    __tablename__ = "cohorts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    #: "intake" (a council's cohort) or "club" (a code club).
    kind: Mapped[str] = mapped_column(String(16))


class Enrolment(Base):
    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("cohort_id", "learner_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    #: "learner", "instructor" or "organiser".
    role: Mapped[str] = mapped_column(String(16))


class Attempt(Base):
    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_learner_exercise", "learner_id", "module", "exercise"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    module: Mapped[str] = mapped_column(String(32))
    exercise: Mapped[str] = mapped_column(String(32))
    passed: Mapped[bool] = mapped_column(Boolean)
    seconds: Mapped[float] = mapped_column(Float)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)


class ExerciseState(Base):
    __tablename__ = "exercise_states"
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    module: Mapped[str] = mapped_column(String(32), primary_key=True)
    exercise: Mapped[str] = mapped_column(String(32), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)
    first_at: Mapped[datetime] = mapped_column(DateTime)
    last_at: Mapped[datetime] = mapped_column(DateTime)
    #: When the learner first passed (events may arrive out of order: the earliest pass wins).
    passed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: Failed attempts before the first pass (or so far): how hard the exercise was for them.
    fails_before_pass: Mapped[int] = mapped_column(Integer)
    #: Hints the checks service has shown them for it.
    hints_shown: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Of those, the hints shown before the first pass: whether they needed one to get there.
    hints_before_pass: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Grade(Base):
    __tablename__ = "grades"
    __table_args__ = (UniqueConstraint("learner_id", "module"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    module: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float)
    #: Points of written work still waiting for an instructor's marking.
    pending: Mapped[float] = mapped_column(Float, default=0.0)
    graded_at: Mapped[datetime] = mapped_column(DateTime)


class Completion(Base):
    __tablename__ = "completions"
    __table_args__ = (UniqueConstraint("learner_id", "module"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    module: Mapped[str] = mapped_column(String(32))
    completed_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class SkillEarned(Base):
    __tablename__ = "skills_earned"
    __table_args__ = (UniqueConstraint("learner_id", "skill"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    skill: Mapped[str] = mapped_column(String(64))
    earned_at: Mapped[datetime] = mapped_column(DateTime)


class Certificate(Base):
    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("learner_id", "level"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime)


class ClubSession(Base):
    __tablename__ = "club_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    module: Mapped[str] = mapped_column(String(32))
    exercises: Mapped[str] = mapped_column(String(255))  # comma-separated exercise names
    started_by: Mapped[str] = mapped_column(String(255))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class SessionMember(Base):
    __tablename__ = "session_members"
    session_id: Mapped[int] = mapped_column(ForeignKey("club_sessions.id", ondelete="CASCADE"), primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime)


class Project(Base):
    """A learner's own project (one each): its state and title, kept up to date from its events, so the cohort's
    list never replays them. The events are the record; this row is their summary."""

    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), unique=True)
    state: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ProjectEvent(Base):
    """Every change to a project, with who made it and when: appended, never changed or deleted."""

    __tablename__ = "project_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    #: "proposed", "edited", "changes requested", "approved", "update", "feedback", "marked", "completed".
    kind: Mapped[str] = mapped_column(String(32))
    #: The checkpoint an update or feedback is about.
    checkpoint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    by: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(DateTime)
    #: JSON: the proposal's fields, a comment, or the marks per rubric criterion.
    body: Mapped[str] = mapped_column(Text)
