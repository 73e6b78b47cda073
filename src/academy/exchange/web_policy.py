"""Due dates, late work, extensions and each learner's own view of their work, under ``api/courses/<course>/``.

==============================================  ======  =========================================================
``assignments/<a>/policy``                      GET     the module's due date, late policy, grading on submit
``assignments/<a>/policy``                      PUT     set them (instructors)
``allowances[?student=]``                       GET     extensions and accommodations (instructors)
``allowances/<student>[/<a>]``                  PUT     grant one: an extension of module <a>, or a standing
                                                        accommodation without <a> (instructors)
``allowances/<student>[/<a>]``                  DELETE  take it back (instructors)
``my-work[?student=]``                          GET     each released module: the caller's own due date, their
                                                        submissions, late or not, and each one's grade
==============================================  ======  =========================================================
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tornado import web

from ..services.access import Rule, requires
from .jobs import GradingJobs
from .policies import Grant, ModulePolicy, PolicyBook, PolicyError, iso, parse_time
from .store import ExchangeStore, Submitted
from .web import ID, LEARNS, TEACHES, ExchangeHandler, known_course, refusal_unless_unknown


class PolicyHandler(ExchangeHandler):
    @property
    def policies(self) -> PolicyBook:
        return self.settings["policies"]

    def json_body(self) -> dict[str, Any]:
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, "the request body is not JSON") from None
        if not isinstance(body, dict):
            raise web.HTTPError(400, "the request body must be a JSON object")
        return body


class ModulePolicyRoute(PolicyHandler):
    @requires(LEARNS, "course")
    def get(self, course: str, assignment: str) -> None:
        self.finish(self.policies.policy(course, assignment).as_json())

    @requires(TEACHES, "course")
    def put(self, course: str, assignment: str) -> None:
        body = self.json_body()
        known = self.policies.policy(course, assignment)
        try:
            limit = body.get("max_submissions", known.max_submissions)
            policy = ModulePolicy(
                course, assignment,
                due=parse_time(body["due"]) if "due" in body else known.due,
                late_policy=str(body.get("late_policy", known.late_policy)),
                late_penalty=float(body.get("late_penalty", known.late_penalty)),
                grade_on_submit=bool(body.get("grade_on_submit", known.grade_on_submit)),
                max_submissions=int(limit) if limit not in (None, "") else None)
            self.finish(self.policies.set_policy(policy, self.me).as_json())
        except (PolicyError, TypeError, ValueError) as exc:
            raise web.HTTPError(400, f"the policy for {assignment} was not changed: {exc}") from None


class Allowances(PolicyHandler):
    @requires(TEACHES, "course")
    def get(self, course: str) -> None:
        student = self.get_query_argument("student", "") or None
        self.finish({"allowances": [g.as_json() for g in self.policies.grants(course, student)]})


class AllowanceRoute(PolicyHandler):
    @requires(TEACHES, "course")
    def put(self, course: str, student: str, assignment: str | None = None) -> None:
        body = self.json_body()
        try:
            grant = Grant(student, assignment or "", extra_hours=float(body.get("extra_hours", 0) or 0),
                          factor=float(body.get("factor", 1) or 1), note=str(body.get("note", ""))[:2000])
            self.finish(self.policies.grant(course, grant, self.me).as_json())
        except (PolicyError, TypeError, ValueError) as exc:
            raise web.HTTPError(400, f"the allowance for {student} was not given: {exc}") from None

    @requires(TEACHES, "course")
    def delete(self, course: str, student: str, assignment: str | None = None) -> None:
        if not self.policies.withdraw_grant(course, student, assignment or ""):
            raise web.HTTPError(404, f"{student} has no such allowance in {course}")
        self.finish({"withdrawn": True})


def penalised(score: float | None, late: bool, policy: ModulePolicy) -> float | None:
    """The score a learner is given: less the module's late penalty when their submission was late."""
    if score is None or not late or policy.late_policy != "penalty":
        return score
    return round(score * (1.0 - policy.late_penalty), 2)


@dataclass(frozen=True)
class ModuleWork:
    """One released module as one learner stands with it: its policy, their own due date, their versions
    (oldest first) with each one's grading record."""

    assignment: str
    policy: ModulePolicy
    due: datetime | None
    versions: list[tuple[Submitted, dict]]


def work_of(store: ExchangeStore, policies: PolicyBook, jobs: GradingJobs, course: str,
            student: str) -> list[ModuleWork]:
    """What the learner's page and the API's ``my-work`` both show."""
    mine = store.submissions(course, student=student)
    states = jobs.states([s.id for s in mine])
    set_by_instructors, dues = policies.policies(course), policies.dues(course, student)
    return [ModuleWork(r.assignment, set_by_instructors.get(r.assignment) or ModulePolicy(course, r.assignment),
                       dues.get(r.assignment),
                       [(s, states.get(s.id, {"state": "collected by hand"})) for s in mine
                        if s.assignment == r.assignment])
            for r in store.releases(course)]


READS_WORK = Rule(lambda h, c: known_course(h, c) and h.roster.reads_work(h.current_user, c),
                  refusal_unless_unknown("you are not on the course {}: ask your instructor to add you"))


class MyWork(PolicyHandler):
    @requires(READS_WORK, "course")
    def get(self, course: str) -> None:
        student = self.get_query_argument("student", "") or self.me
        # Past READS_WORK a service teaches the course or is the progress service: either may read anyone's.
        if student != self.me and not (self.teacher(course) or self.current_user.get("kind") == "service"):
            raise web.HTTPError(403, "you may see only your own work")
        modules = [{"assignment": w.assignment, "policy": w.policy.as_json(), "my_due": iso(w.due),
                    "submissions": [{"id": s.id, "timestamp": s.timestamp, "late": s.late, "due": iso(s.due),
                                     "feedback": bool(s.feedback), "grading": grading,
                                     "score": penalised(grading.get("score"), s.late, w.policy)}
                                    for s, grading in w.versions]}
                   for w in work_of(self.store, self.policies, self.settings["jobs"], course, student)]
        self.finish({"course": course, "student": student, "modules": modules})


def routes() -> list[tuple[str, type[web.RequestHandler]]]:
    course = rf"/api/courses/{ID}"
    return [
        (rf"{course}/assignments/{ID}/policy", ModulePolicyRoute),
        (rf"{course}/allowances", Allowances),
        (rf"{course}/allowances/{ID}", AllowanceRoute),
        (rf"{course}/allowances/{ID}/{ID}", AllowanceRoute),
        (rf"{course}/my-work", MyWork),
    ]
