"""The exchange's routes, under ``/services/exchange/api/courses/<course>/``.

=============================================  ======  ==========================================================
(``/api/courses``)                             GET     the courses the caller learns or teaches
``assignments``                                GET     the course's releases (its learners and instructors)
``assignments/<a>``                            GET     a release's files, as a gzipped tar (learners, instructors)
``assignments/<a>``                            PUT     release or release again (instructors)
``assignments/<a>``                            DELETE  withdraw a release (instructors)
``assignments/<a>/submissions``                POST    submit: a new version, under the caller's own hub name
``submissions[?assignment=&student=]``         GET     every version: a learner's own only, all for instructors
``submissions/<id>``                           GET     a version's files (its learner, instructors)
``submissions/<id>/feedback``                  GET     its feedback pages (its learner, instructors)
``submissions/<id>/feedback``                  PUT     return feedback on it (instructors)
=============================================  ======  ==========================================================

Who is asking is the hub's answer for the token or cookie, never a name in the request. Someone else's
submission answers as one that does not exist.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from tornado import web

from ..services.access import Rule, requires, signed_in
from ..services.handlers import HubServiceHandler
from . import archive
from .policies import PolicyBook, now
from .roster import Roster
from .store import ExchangeStore, Submitted

log = logging.getLogger("academy.exchange")

SERVICE = "exchange"
#: nbgrader's own ids: letters, digits, ``_ . -``; no ``+`` (it separates nbgrader's file names) or ``/``.
ID = r"([A-Za-z0-9][A-Za-z0-9_.-]{0,99})"
ARCHIVE_TYPE = "application/gzip"


def known_course(handler: ExchangeHandler, course: str) -> bool:
    return course in handler.settings["courses"]


def refusal_unless_unknown(words: str) -> Callable[[ExchangeHandler, str], str]:
    """A refusal in ``words`` for a course on this hub, and saying so for one that is not."""
    def refuse(handler: ExchangeHandler, course: str) -> str:
        return words.format(course) if known_course(handler, course) else f"there is no course {course} on this hub"
    return refuse


TEACHES = Rule(lambda h, c: known_course(h, c) and h.roster.teaches(h.current_user, c),
               refusal_unless_unknown("only the instructors of {} may do this"))
LEARNS = Rule(lambda h, c: known_course(h, c) and h.roster.learns(h.current_user, c),
              refusal_unless_unknown("you are not on the course {}: ask your instructor to add you"))


class ExchangeHandler(HubServiceHandler):
    @property
    def store(self) -> ExchangeStore:
        return self.settings["store"]

    @property
    def roster(self) -> Roster:
        return self.settings["roster"]

    async def prepare(self) -> None:
        await super().prepare()
        await self.roster.fresh()

    async def access_may_have_changed(self) -> bool:
        return await self.roster.refresh()

    # check_xsrf_cookie stays JupyterHub's: a request signed in by a browser's cookie must carry the xsrf token,
    # or any page that browser opens could submit, release or delete as that person. Tokens need none.

    def wants_json(self) -> bool:
        """Errors too: the client shows the service's own words (``{"error": ...}``), on every route here."""
        return True

    def teacher(self, course: str) -> bool:
        return self.roster.teaches(self.current_user, course)

    def send_archive(self, data: bytes, name: str) -> None:
        self.set_header("Content-Type", ARCHIVE_TYPE)
        self.set_header("Content-Disposition", f'attachment; filename="{name}.tar.gz"')
        self.finish(data)

    def body_archive(self) -> bytes:
        data = self.request.body
        if not data:
            raise web.HTTPError(400, "the request carried no files (a gzipped tar of the folder was expected)")
        return data

    def own_or_taught(self, course: str, submission_id: str) -> Submitted:
        """The submission, if it is the caller's or the caller teaches its course; else 404 as if none."""
        found = self.store.submission(course, int(submission_id))
        if found is None or not (found.student == self.me or self.teacher(course)):
            raise web.HTTPError(404, f"there is no submission {submission_id} of yours in {course}")
        return found


class Courses(ExchangeHandler):
    @signed_in
    def get(self) -> None:
        mine = [c for c in self.settings["courses"] if self.roster.learns(self.current_user, c)
                or self.roster.teaches(self.current_user, c)]
        self.finish({"courses": mine})


class Assignments(ExchangeHandler):
    @requires(LEARNS, "course")
    def get(self, course: str) -> None:
        self.finish({"course": course, "assignments": [r.as_json() for r in self.store.releases(course)]})


class Assignment(ExchangeHandler):
    @requires(LEARNS, "course")
    def get(self, course: str, assignment: str) -> None:
        found = self.store.released(course, assignment)
        if found is None:
            raise web.HTTPError(404, f"{assignment} has not been released in {course}")
        self.send_archive(self.store.read(found.blob), assignment)

    @requires(TEACHES, "course")
    def put(self, course: str, assignment: str) -> None:
        try:
            released = self.store.release(course, assignment, self.body_archive())
        except archive.ArchiveError as exc:
            raise web.HTTPError(400, f"{assignment} was not released: {exc}") from None
        log.info("%s released %s/%s (%s)", self.me, course, assignment, ", ".join(released.notebooks))
        self.finish(released.as_json())

    @requires(TEACHES, "course")
    def delete(self, course: str, assignment: str) -> None:
        if not self.store.withdraw(course, assignment):
            raise web.HTTPError(404, f"{assignment} has not been released in {course}")
        log.info("%s withdrew %s/%s", self.me, course, assignment)
        self.finish({"withdrawn": assignment})


class Submit(ExchangeHandler):
    @requires(LEARNS, "course")
    def post(self, course: str, assignment: str) -> None:
        if self.store.released(course, assignment) is None:
            raise web.HTTPError(404, f"{assignment} has not been released in {course}, so it cannot be submitted")
        policies: PolicyBook = self.settings["policies"]
        policy = policies.policy(course, assignment)
        if policy.max_submissions and self.store.count(course, assignment, self.me) >= policy.max_submissions:
            raise web.HTTPError(403, f"you have submitted {assignment} {policy.max_submissions} times, the most it "
                                "allows; your last submission stands. Ask your instructor if you need another go")
        due = policies.due_for(course, assignment, self.me)
        if due is not None and now() > due and policy.late_policy == "refuse":
            from .pages import uk_time  # here: the pages import this module
            raise web.HTTPError(403, f"{assignment} was due at {uk_time(due)} (UK time) and late work is not "
                                "accepted for it, so this was not submitted. Ask your instructor for an extension")
        queue = self.settings.get("queue")
        grading = None if queue is None else "queued" if policy.grade_on_submit else "held"
        try:
            done = self.store.submit(course, assignment, self.me, self.body_archive(), due=due, grading=grading)
        except archive.ArchiveError as exc:
            raise web.HTTPError(400, f"your submission of {assignment} was not stored: {exc}") from None
        log.info("%s submitted %s/%s at %s%s", self.me, course, assignment, done.timestamp,
                 " (late)" if done.late else "")
        if grading == "queued" and queue is not None:
            try:
                queue.enqueue(course, done.id)
            except Exception as exc:  # the sweep queues it again; the submission itself is safe
                log.warning("submission %d not queued for grading yet: %s", done.id, exc)
        self.set_status(201)
        self.finish({**done.as_json(), "grading": grading or "collected by hand"})


class Submissions(ExchangeHandler):
    @requires(LEARNS, "course")
    def get(self, course: str) -> None:
        student = self.get_query_argument("student", "") or None
        assignment = self.get_query_argument("assignment", "") or None
        if not self.teacher(course):
            if student not in (None, self.me):
                raise web.HTTPError(403, "you may list only your own submissions")
            student = self.me
        found = self.store.submissions(course, assignment, student)
        self.finish({"course": course, "submissions": [s.as_json() for s in found]})


class SubmissionFiles(ExchangeHandler):
    @requires(LEARNS, "course")
    def get(self, course: str, submission_id: str) -> None:
        found = self.own_or_taught(course, submission_id)
        self.send_archive(self.store.read(found.blob), f"{found.student}+{found.assignment}")


class SubmissionFeedback(ExchangeHandler):
    @requires(LEARNS, "course")
    def get(self, course: str, submission_id: str) -> None:
        found = self.own_or_taught(course, submission_id)
        blob = self.store.feedback_blob(course, found.id)
        if blob is None:
            raise web.HTTPError(404, f"no feedback has been returned on submission {submission_id} yet")
        self.send_archive(self.store.read(blob), f"feedback-{found.assignment}")

    @requires(TEACHES, "course")
    def put(self, course: str, submission_id: str) -> None:
        try:
            checksums = self.store.give_feedback(course, int(submission_id), self.body_archive())
        except KeyError:
            raise web.HTTPError(404, f"there is no submission {submission_id} in {course}") from None
        except archive.ArchiveError as exc:
            raise web.HTTPError(400, f"the feedback was not stored: {exc}") from None
        self.finish({"id": int(submission_id), "feedback": checksums})


def routes() -> list[tuple[str, type[web.RequestHandler]]]:
    course = rf"/api/courses/{ID}"
    return [
        (r"/api/courses", Courses),
        (rf"{course}/assignments", Assignments),
        (rf"{course}/assignments/{ID}", Assignment),
        (rf"{course}/assignments/{ID}/submissions", Submit),
        (rf"{course}/submissions", Submissions),
        (rf"{course}/submissions/([0-9]{{1,12}})", SubmissionFiles),
        (rf"{course}/submissions/([0-9]{{1,12}})/feedback", SubmissionFeedback),
    ]
