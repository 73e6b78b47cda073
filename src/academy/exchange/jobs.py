"""Grading on submit: each submission's grading job, claimed by one worker at a time under a lease.

The queue (``academy.exchange.queue``, a maintained one: huey) carries "grade submission N" to an idle worker;
this record is what makes that safe. A worker claims its job and every other job waiting on the same module
(graded together, as a batch is), and holds them under a lease it renews while it grades. A worker killed
mid-job stops renewing: once the lease runs out the exchange's sweep puts the job on the queue again, and the
next worker claims it. Only the holder of the lease records a grade, and a graded job is never claimed again,
so a learner is graded once. A learner's older version still waiting when a newer one arrives is superseded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, and_, func, or_, select, update
from sqlalchemy.orm import Session

from .models import GradingJob, Submission
from .policies import iso, now

#: Seconds a claim holds without being renewed; workers renew every third of it.
LEASE_S = float(os.environ.get("ACADEMY_GRADING_LEASE_SECONDS") or 45.0)
#: A job queued this long without a claim lost its message (the queue's store was reset): queue it again.
UNCLAIMED_S = 120.0
#: Attempts before a job that keeps failing is left for an instructor.
MAX_ATTEMPTS = 3
WAITING = ("queued", "running")


@dataclass(frozen=True)
class Claimed:
    id: int
    course: str
    assignment: str
    student: str
    timestamp: str
    late: bool

    def as_json(self) -> dict:
        return {"id": self.id, "course": self.course, "assignment": self.assignment, "student": self.student,
                "timestamp": self.timestamp, "late": self.late}


def _claimable(at):
    return or_(GradingJob.state == "queued",
               and_(GradingJob.state == "running", GradingJob.lease_until < at))


class GradingJobs:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def claim(self, course: str, submission_id: int, worker: str, batch: int = 16,
              lease_s: float = LEASE_S) -> list[Claimed]:
        """This submission's job and up to ``batch`` others waiting on the same module, now ``worker``'s."""
        at = now()
        with Session(self.engine) as s, s.begin():
            first = s.get(Submission, submission_id)
            if first is None or first.course != course:
                return []
            waiting = s.execute(
                select(GradingJob.submission_id).join(Submission, Submission.id == GradingJob.submission_id)
                .where(Submission.course == course, Submission.assignment == first.assignment, _claimable(at))
                .order_by(GradingJob.submission_id != submission_id, GradingJob.submission_id).limit(batch + 1)
            ).scalars().all()
            claimed = []
            for job_id in waiting:
                done = s.execute(update(GradingJob).where(GradingJob.submission_id == job_id, _claimable(at))
                                 .values(state="running", worker=worker, attempts=GradingJob.attempts + 1,
                                         lease_until=at + timedelta(seconds=lease_s)))
                if done.rowcount:  # type: ignore[attr-defined]
                    claimed.append(job_id)
            rows = s.scalars(select(Submission).where(Submission.id.in_(claimed)).order_by(Submission.id)).all()
            latest: dict[str, Submission] = {}
            for row in rows:
                latest[row.student] = row
            for student, row in list(latest.items()):  # a newer version, here or not: that one is graded instead
                newest = s.scalar(select(func.max(Submission.id)).where(
                    Submission.course == course, Submission.assignment == row.assignment,
                    Submission.student == student))
                if newest != row.id:
                    del latest[student]
            kept = {r.id for r in latest.values()}
            older = [r.id for r in rows if r.id not in kept]
            if older:
                s.execute(update(GradingJob).where(GradingJob.submission_id.in_(older))
                          .values(state="superseded", finished_at=at, lease_until=None))
            return [Claimed(r.id, r.course, r.assignment, r.student, r.timestamp, r.late) for r in latest.values()]

    def renew(self, ids: list[int], worker: str, lease_s: float = LEASE_S) -> list[int]:
        """Extend ``worker``'s leases; returns the ids it still holds."""
        at = now()
        with Session(self.engine) as s, s.begin():
            s.execute(update(GradingJob).where(GradingJob.submission_id.in_(ids), GradingJob.worker == worker,
                                               GradingJob.state == "running")
                      .values(lease_until=at + timedelta(seconds=lease_s)))
            return list(s.scalars(select(GradingJob.submission_id).where(
                GradingJob.submission_id.in_(ids), GradingJob.worker == worker, GradingJob.state == "running")))

    def finish(self, submission_id: int, worker: str, score: float, max_score: float, summary: str) -> bool:
        """Record the grade, if ``worker`` still holds the job; False if it does not (another graded it)."""
        with Session(self.engine) as s, s.begin():
            done = s.execute(update(GradingJob).where(GradingJob.submission_id == submission_id,
                                                      GradingJob.worker == worker, GradingJob.state == "running")
                             .values(state="graded", score=score, max_score=max_score, summary=summary[:4000],
                                     finished_at=now(), lease_until=None))
            return bool(done.rowcount)  # type: ignore[attr-defined]

    def fail(self, submission_id: int, worker: str, why: str) -> str:
        """The worker could not grade it: queued again, or after ``MAX_ATTEMPTS`` left failed for an instructor."""
        with Session(self.engine) as s, s.begin():
            job = s.get(GradingJob, submission_id)
            if job is None or job.worker != worker or job.state != "running":
                return job.state if job else "missing"
            job.state = "queued" if job.attempts < MAX_ATTEMPTS else "failed"
            job.summary, job.lease_until = why[:4000], None
            if job.state == "failed":
                job.finished_at = now()
            return job.state

    def queue_again(self, submission_id: int) -> None:
        """An instructor's "grade it now" for a held or failed job (or a submission collected by hand); raises
        ValueError, in words, while it is being graded already."""
        with Session(self.engine) as s, s.begin():
            job = s.get(GradingJob, submission_id) or GradingJob(submission_id=submission_id, summary="")
            if job.state in WAITING:
                raise ValueError(f"submission {submission_id} is being graded already")
            job.state, job.queued_at, job.attempts, job.worker = "queued", now(), 0, ""
            s.merge(job)

    def to_queue_again(self) -> list[tuple[str, int]]:
        """(course, id) of jobs whose worker stopped renewing, and of jobs queued long ago with no claim."""
        at = now()
        with Session(self.engine) as s:
            rows = s.execute(
                select(Submission.course, GradingJob.submission_id).join(Submission, Submission.id
                                                                         == GradingJob.submission_id)
                .where(or_(and_(GradingJob.state == "running", GradingJob.lease_until < at),
                           and_(GradingJob.state == "queued",
                                GradingJob.queued_at < at - timedelta(seconds=UNCLAIMED_S)))))
            found = [(c, i) for c, i in rows]
        if found:
            with Session(self.engine) as s, s.begin():
                s.execute(update(GradingJob).where(GradingJob.submission_id.in_([i for _, i in found]),
                                                   GradingJob.state == "queued").values(queued_at=at))
        return found

    def feedback_pending(self, ids: list[int], grace: timedelta) -> set[int]:
        """Of these submissions, the graded ones whose feedback pages may still come: a worker sends a batch's
        feedback once the whole batch is written, so while it is still grading others of the module, and for
        ``grace`` after its last grade there, each of its batch's learners has feedback on the way."""
        with Session(self.engine) as s:
            graded = s.execute(select(GradingJob.submission_id, GradingJob.worker, Submission.course,
                                      Submission.assignment)
                               .join(Submission, Submission.id == GradingJob.submission_id)
                               .where(GradingJob.submission_id.in_(ids), GradingJob.state == "graded")).all()
            batches: dict[tuple[str, str, str], list[int]] = {}  # one question per worker and module
            for submission_id, worker, course, assignment in graded:
                batches.setdefault((worker, course, assignment), []).append(submission_id)
            pending: set[int] = set()
            for (worker, course, assignment), submissions in batches.items():
                same = (GradingJob.worker == worker, Submission.course == course, Submission.assignment == assignment)
                last, running = s.execute(
                    select(func.max(GradingJob.finished_at), func.count().filter(GradingJob.state == "running"))
                    .join(Submission, Submission.id == GradingJob.submission_id).where(*same)).one()
                if running or (last is not None and now() - last < grace):
                    pending.update(submissions)
            return pending

    def states(self, ids: list[int]) -> dict[int, dict]:
        with Session(self.engine) as s:
            return {j.submission_id: {"state": j.state, "score": j.score, "max_score": j.max_score,
                                      "summary": j.summary, "attempts": j.attempts, "finished_at": iso(j.finished_at)}
                    for j in s.scalars(select(GradingJob).where(GradingJob.submission_id.in_(ids)))}
