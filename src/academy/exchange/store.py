"""Releases, submissions and feedback: archives in one folder, their records in SQL.

Each archive is written to a temporary file, flushed to disk and renamed into ``blobs/`` under the SHA-256
of its bytes before its record is committed, so a record never names a half-written archive; an archive
whose record was never committed (the service stopped between the two) is not listed and is removed on the
next start. Every submission is a new record: a learner's earlier versions are kept with their times.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ..progress import store as progress_store
from ..progress.store import connect
from . import archive
from .models import Feedback, GradingJob, Release, Submission

MIGRATIONS = Path(__file__).with_name("migrations")
#: An archive no record names is a stop's leftover if it is this recent, and someone else's records' if older.
ORPHANS_REMOVED_WITHIN_S = 24 * 3600
#: nbgrader's timestamp format (its ``Exchange.timestamp_format``), which its collect and gradebook parse.
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"


def migrate(engine: Engine) -> None:
    progress_store.migrate(engine, MIGRATIONS)


@dataclass(frozen=True)
class Released:
    course: str
    assignment: str
    notebooks: list[str]
    released_at: datetime
    blob: str

    def as_json(self) -> dict:
        return {"course": self.course, "assignment": self.assignment, "notebooks": self.notebooks,
                "released_at": self.released_at.replace(tzinfo=UTC).isoformat(), "digest": self.blob}


@dataclass(frozen=True)
class Submitted:
    id: int
    course: str
    assignment: str
    student: str
    timestamp: str
    size: int
    notebooks: list[str]
    blob: str
    #: notebook id -> MD5 of its feedback page; empty while no feedback is released.
    feedback: dict[str, str]
    late: bool = False
    due: datetime | None = None
    #: When the exchange received it (UTC, no zone): ``timestamp`` as a time.
    submitted_at: datetime | None = None

    def as_json(self) -> dict:
        return {"id": self.id, "course": self.course, "assignment": self.assignment, "student": self.student,
                "timestamp": self.timestamp, "size": self.size, "notebooks": self.notebooks,
                "feedback": self.feedback, "late": self.late,
                "due": self.due.replace(tzinfo=UTC).isoformat() if self.due else None}


def _now() -> datetime:
    return datetime.now(UTC)


def _split(text: str) -> list[str]:
    return [n for n in text.split(",") if n]


class ExchangeStore:
    """``root``: the service's own folder (nobody else's account may read it); ``db_url``: its records."""

    def __init__(self, root: Path, db_url: str | None = None) -> None:
        self.root = root
        self.blobs = root / "blobs"
        self.incoming = root / "incoming"
        for folder in (root, self.blobs, self.incoming):
            folder.mkdir(parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        self.engine = connect(db_url or f"sqlite:///{root / 'exchange.sqlite'}")
        migrate(self.engine)

    # -- archives ------------------------------------------------------------------------------------------

    def _keep(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        final = self.blobs / f"{digest}.tar.gz"
        if final.exists():
            return digest
        fd, name = tempfile.mkstemp(dir=self.incoming, prefix=digest[:12] + ".")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(name, final)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return digest

    def read(self, blob: str) -> bytes:
        if len(blob) != 64 or any(c not in "0123456789abcdef" for c in blob):
            raise FileNotFoundError(blob)
        return (self.blobs / f"{blob}.tar.gz").read_bytes()

    def tidy(self) -> int:
        """Remove what a stop part-way left: unfinished uploads, and archives no record names that were written
        in the last day (a stop between an archive and its record). Run at start.

        Older unnamed archives are kept: they mean the records are not the ones this folder was written with
        (a database URL changed), and deleting them would lose everyone's work."""
        removed = 0
        for leftover in self.incoming.iterdir():
            leftover.unlink(missing_ok=True)
            removed += 1
        with Session(self.engine) as s:
            named = set(s.scalars(select(Release.blob))) | set(s.scalars(select(Submission.blob))) \
                | set(s.scalars(select(Feedback.blob)))
        recent = time.time() - ORPHANS_REMOVED_WITHIN_S
        for blob in self.blobs.glob("*.tar.gz"):
            if blob.name.removesuffix(".tar.gz") not in named and blob.stat().st_mtime > recent:
                blob.unlink(missing_ok=True)
                removed += 1
        return removed

    # -- releases ------------------------------------------------------------------------------------------

    def release(self, course: str, assignment: str, data: bytes) -> Released:
        names = archive.check(data)
        notebooks = archive.notebooks(names)
        if not notebooks:
            raise archive.ArchiveError(f"{assignment} holds no notebook at its top level: nothing to release")
        blob = self._keep(data)
        with Session(self.engine) as s, s.begin():
            row = s.scalar(select(Release).where(Release.course == course, Release.assignment == assignment))
            if row is None:
                row = Release(course=course, assignment=assignment)
                s.add(row)
            row.blob, row.notebooks, row.released_at = blob, ",".join(notebooks), _now().replace(tzinfo=None)
            return self._released(row)

    def withdraw(self, course: str, assignment: str) -> bool:
        with Session(self.engine) as s, s.begin():
            row = s.scalar(select(Release).where(Release.course == course, Release.assignment == assignment))
            if row is None:
                return False
            s.delete(row)
            return True

    def releases(self, course: str) -> list[Released]:
        with Session(self.engine) as s:
            rows = s.scalars(select(Release).where(Release.course == course).order_by(Release.assignment))
            return [self._released(r) for r in rows]

    def released(self, course: str, assignment: str) -> Released | None:
        with Session(self.engine) as s:
            row = s.scalar(select(Release).where(Release.course == course, Release.assignment == assignment))
            return self._released(row) if row else None

    @staticmethod
    def _released(row: Release) -> Released:
        return Released(row.course, row.assignment, _split(row.notebooks), row.released_at, row.blob)

    # -- submissions ---------------------------------------------------------------------------------------

    def submit(self, course: str, assignment: str, student: str, data: bytes, *, due: datetime | None = None,
               grading: str | None = None) -> Submitted:
        """A new version, late if it arrives after ``due`` (the learner's own); ``grading``: "queued" or "held"
        makes its grading job in the same transaction, so no submission is ever left without one."""
        names = archive.check(data)
        blob = self._keep(data)
        when = _now()
        naive = when.replace(tzinfo=None)
        with Session(self.engine) as s, s.begin():
            row = Submission(course=course, assignment=assignment, student=student, blob=blob, size=len(data),
                             timestamp=when.strftime(TIMESTAMP_FORMAT), submitted_at=naive,
                             notebooks=",".join(archive.notebooks(names)), due=due,
                             late=due is not None and naive > due)
            s.add(row)
            s.flush()
            if grading:
                s.add(GradingJob(submission_id=row.id, state=grading, queued_at=naive, summary=""))
            return self._submitted(row, None)

    def count(self, course: str, assignment: str, student: str) -> int:
        with Session(self.engine) as s:
            return s.scalar(select(func.count()).select_from(Submission).where(
                Submission.course == course, Submission.student == student, Submission.assignment == assignment)) or 0

    def submissions(self, course: str, assignment: str | None = None, student: str | None = None) -> list[Submitted]:
        """Every version, oldest first."""
        query = select(Submission, Feedback).outerjoin(Feedback, Feedback.submission_id == Submission.id) \
            .where(Submission.course == course).order_by(Submission.id)
        if assignment:
            query = query.where(Submission.assignment == assignment)
        if student:
            query = query.where(Submission.student == student)
        with Session(self.engine) as s:
            return [self._submitted(sub, fb) for sub, fb in s.execute(query)]

    def submission(self, course: str, submission_id: int) -> Submitted | None:
        with Session(self.engine) as s:
            row = s.get(Submission, submission_id)
            if row is None or row.course != course:
                return None
            return self._submitted(row, s.get(Feedback, submission_id))

    @staticmethod
    def _submitted(row: Submission, feedback: Feedback | None) -> Submitted:
        return Submitted(row.id, row.course, row.assignment, row.student, row.timestamp, row.size,
                         _split(row.notebooks), row.blob, json.loads(feedback.checksums) if feedback else {},
                         bool(row.late), row.due, row.submitted_at)

    # -- feedback ------------------------------------------------------------------------------------------

    def give_feedback(self, course: str, submission_id: int, data: bytes) -> dict[str, str]:
        """Store the feedback pages (``<notebook>.html``) for a submission; returns their checksums."""
        pages = archive.files(data)
        wrong = [n for n in pages if "/" in n or not n.endswith(".html")]
        if wrong or not pages:
            raise archive.ArchiveError("feedback is one <notebook>.html page per notebook, at the top of the archive"
                                       + (f"; not {wrong[0]!r}" if wrong else ""))
        checksums = {n.removesuffix(".html"): hashlib.md5(c).hexdigest() for n, c in pages.items()}
        blob = self._keep(data)
        with Session(self.engine) as s, s.begin():
            sub = s.get(Submission, submission_id)
            if sub is None or sub.course != course:
                raise KeyError(submission_id)
            row = s.get(Feedback, submission_id) or Feedback(submission_id=submission_id)
            row.blob, row.checksums, row.released_at = blob, json.dumps(checksums), _now().replace(tzinfo=None)
            s.merge(row)
        return checksums

    def feedback_blob(self, course: str, submission_id: int) -> str | None:
        with Session(self.engine) as s:
            sub = s.get(Submission, submission_id)
            row = s.get(Feedback, submission_id)
            return row.blob if row is not None and sub is not None and sub.course == course else None
