"""The grading workers' routes, under ``api/courses/<course>/grading/`` (the grader service and instructors).

=========================  ======  ================================================================================
``<id>/claim``             POST    claim this submission's job and others waiting on its module: ``{"worker",
                                   "batch"}`` -> ``{"claimed": [...]}`` (none: another worker has it, or it is done)
``renew``                  POST    keep holding ``{"worker", "ids"}`` -> ``{"held": [...]}``
``<id>/result``            POST    ``{"worker", "score", "max_score", "summary"}`` -> ``{"recorded": bool}``
``<id>/failure``           POST    ``{"worker", "why"}`` -> ``{"state": "queued" | "failed"}``
``<id>/queue``             POST    put a held or failed job on the queue (an instructor's "grade it now")
=========================  ======  ================================================================================
"""

from __future__ import annotations

from tornado import web

from ..services.access import requires
from .jobs import GradingJobs
from .store import Submitted
from .web import ID, TEACHES, ExchangeHandler, log
from .web_policy import PolicyHandler

SUBMISSION = r"([0-9]{1,12})"


class GradingHandler(PolicyHandler):
    @property
    def jobs(self) -> GradingJobs:
        return self.settings["jobs"]

    def worker(self, body: dict) -> str:
        return f"{self.me}:{str(body.get('worker', ''))[:200]}"


class Claim(GradingHandler):
    @requires(TEACHES, "course")
    def post(self, course: str, submission_id: str) -> None:
        body = self.json_body()
        batch = max(0, min(int(body.get("batch", 16)), 64))
        claimed = self.jobs.claim(course, int(submission_id), self.worker(body), batch)
        self.finish({"claimed": [c.as_json() for c in claimed]})


class Renew(GradingHandler):
    @requires(TEACHES, "course")
    def post(self, course: str) -> None:
        body = self.json_body()
        ids = [int(i) for i in body.get("ids", [])][:500]
        self.finish({"held": self.jobs.renew(ids, self.worker(body))})


class Result(GradingHandler):
    @requires(TEACHES, "course")
    def post(self, course: str, submission_id: str) -> None:
        body = self.json_body()
        try:
            score, max_score = float(body["score"]), float(body["max_score"])
        except (KeyError, TypeError, ValueError):
            raise web.HTTPError(400, "a result needs a score and a max_score") from None
        recorded = self.jobs.finish(int(submission_id), self.worker(body), score, max_score,
                                    str(body.get("summary", "")))
        self.finish({"recorded": recorded})


class Failure(GradingHandler):
    @requires(TEACHES, "course")
    def post(self, course: str, submission_id: str) -> None:
        body = self.json_body()
        self.finish({"state": self.jobs.fail(int(submission_id), self.worker(body), str(body.get("why", "")))})


def grade_again(handler: ExchangeHandler, course: str, submission_id: int) -> Submitted:
    """An instructor's "grade it now" for a held or failed submission (the API's and the deadlines page's):
    LookupError when there is no such submission, ValueError while it is being graded already."""
    found = handler.store.submission(course, submission_id)
    if found is None:
        raise LookupError(f"there is no submission {submission_id} in {course}")
    try:
        handler.settings["jobs"].queue_again(found.id)
    except ValueError:
        raise ValueError(f"{found.student}'s {found.assignment} is being graded already") from None
    queue = handler.settings.get("queue")
    if queue is not None:
        try:
            queue.enqueue(course, found.id)
        except Exception as exc:  # the exchange's sweep queues it again; the job already says it is queued
            log.warning("submission %d not queued for grading yet: %s", found.id, exc)
    return found


class QueueAgain(GradingHandler):
    @requires(TEACHES, "course")
    def post(self, course: str, submission_id: str) -> None:
        try:
            grade_again(self, course, int(submission_id))
        except LookupError as exc:
            raise web.HTTPError(404, str(exc)) from None
        except ValueError as exc:
            raise web.HTTPError(409, str(exc)) from None
        self.finish({"state": "queued"})


def routes() -> list[tuple[str, type[web.RequestHandler]]]:
    base = rf"/api/courses/{ID}/grading"
    return [
        (rf"{base}/{SUBMISSION}/claim", Claim),
        (rf"{base}/renew", Renew),
        (rf"{base}/{SUBMISSION}/result", Result),
        (rf"{base}/{SUBMISSION}/failure", Failure),
        (rf"{base}/{SUBMISSION}/queue", QueueAgain),
    ]
