"""The exchange's pages for people, in the progress service's look: a learner's own due dates, submissions and
grades, and the instructors' due dates, late work, extensions and held jobs. Under ``/services/exchange/``:

==============================  ======  ======================================================================
``/``, ``/me``, ``/deadlines``  GET     the caller's courses (on one course: straight to its page)
``courses/<c>/me``              GET     each released module: the caller's own due date in UK time, the late
                                        policy in words, each submission late or on time and its grading state
                                        (instructors may add ``?student=``); it refreshes itself while any is
                                        being graded or its feedback is on the way
``courses/<c>/deadlines``       GET     per module its due date, late policy and grading on submit; extensions
                                        and accommodations; submissions held or failed (instructors)
``courses/<c>/deadlines``       POST    change one of those, then back to the page with what was done
==============================  ======  ======================================================================

The records and rules are the API's (``PolicyBook``, ``GradingJobs``, the store): these pages only show them
in UK time and plain words. Their forms carry JupyterHub's xsrf token, as the progress service's do, so no
other page open in an instructor's browser can change a due date in their name.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from tornado import web

from ..services.access import Rule, requires, signed_in
from ..services.handlers import HubServiceHandler
from ..services.times import UK, uk_time
from .jobs import WAITING
from .policies import Grant, ModulePolicy, PolicyBook, PolicyError, now
from .roster import COURSE_GROUP
from .store import Submitted
from .web import ID, LEARNS, TEACHES, ExchangeHandler, refusal_unless_unknown
from .web_grading import grade_again
from .web_policy import penalised, work_of

log = logging.getLogger("academy.exchange")
TEMPLATES = Path(__file__).with_name("templates")
#: The progress service's shared style and footer, so every page of ours looks and reads the same.
PROGRESS_TEMPLATES = Path(__file__).resolve().parents[1] / "progress" / "templates"
#: Where the confirmation of a change waits for the page the form returns to (signed, read once).
DONE_COOKIE = "exchange-done"
LAB = "/hub/user-redirect/lab"
#: How long after a grading worker's last grade on a module its batch's feedback pages are waited for. The
#: worker posts each score the moment it has it, and the batch's feedback pages once the whole batch is
#: written (seconds after its last grade); a page that stopped refreshing at the score would say "Not yet"
#: until reloaded by hand.
FEEDBACK_WAIT = timedelta(minutes=5)
LATE_CHOICES = {"accept": "Accept it, marked late", "penalty": "Accept it, marked late, less a penalty",
                "refuse": "Refuse it"}

#: The API's rule (``web.TEACHES``), in this page's words.
TEACHES_HERE = Rule(TEACHES.allows, refusal_unless_unknown("only the instructors of {} may set its due dates and "
                                                          "give extensions"))


# -- words and times -------------------------------------------------------------------------------------------


def uk_day(when: datetime | None) -> str:
    """``31 Jan 2027``, for a table's narrow column."""
    return f"{when.replace(tzinfo=UTC).astimezone(UK):%-d %b %Y}" if when else ""


def uk_input(when: datetime | None) -> str:
    """A stored time as a ``datetime-local`` field's value, in UK time."""
    return f"{when.replace(tzinfo=UTC).astimezone(UK):%Y-%m-%dT%H:%M}" if when else ""


def from_uk_input(text: str) -> datetime | None:
    """A ``datetime-local`` value, read as UK time, stored as naive UTC; empty: no due date."""
    text = text.strip()
    if not text:
        return None
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        raise PolicyError(f"the due date {text!r} is not a date and time like 2027-01-31T17:00") from None
    local = local if local.tzinfo else local.replace(tzinfo=UK)
    return local.astimezone(UTC).replace(tzinfo=None)


def number(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def percent(share: float) -> str:
    return f"{share * 100:g}%"


def late_words(policy: ModulePolicy) -> str:
    if policy.due is None:
        return "Hand it in when you are ready."
    if policy.late_policy == "refuse":
        return ("Work is not accepted after the due date. If you need more time, ask your instructor for an "
                "extension before then.")
    if policy.late_policy == "penalty":
        return (f"Work handed in after the due date is accepted and marked late, and {percent(policy.late_penalty)} "
                "of its score is taken off.")
    return "Work handed in after the due date is still accepted, and marked late."


def grading_words(grading: dict, late: bool, policy: ModulePolicy) -> dict[str, Any]:
    """What a learner is told about one submission's grade: ``words``, and a ``summary`` once graded."""
    state = grading.get("state")
    if state in WAITING:
        return {"words": "Being graded…", "waiting": True}
    if state == "graded":
        score, given = grading.get("score"), penalised(grading.get("score"), late, policy)
        words = f"Graded: {number(given)} of {number(grading.get('max_score'))}"
        if given != score:
            words += f" ({number(score)}, less the {percent(policy.late_penalty)} penalty for handing it in late)"
        return {"words": words, "summary": grading.get("summary") or ""}
    if state == "held":
        return {"words": "Held for your instructor to mark"}
    if state == "failed":
        why = (grading.get("summary") or "the grader stopped").rstrip(". ")
        return {"words": f"Could not be graded: {why}. It waits for your instructor to grade it."}
    if state == "superseded":
        return {"words": "Not graded: a later submission of yours is graded instead"}
    return {"words": "Your instructor collects it and marks it"}


def grant_words(g: Grant) -> str:
    parts = []
    if g.factor > 1:
        parts.append(f"{g.factor:g} × the time the module allows")
    if g.extra_hours:
        parts.append(f"{g.extra_hours:g} hour{'' if g.extra_hours == 1 else 's'} more")
    return ", plus ".join(parts) or "no extra time"


# -- what the pages show ---------------------------------------------------------------------------------------


def my_work(store: Any, policies: PolicyBook, jobs: Any, course: str, student: str) -> list[dict[str, Any]]:
    """Each released module with ``student``'s own due date and every submission of theirs, newest first: the
    API's ``my-work`` (``web_policy.work_of``) in words."""
    modules = []
    everything = work_of(store, policies, jobs, course, student)
    coming = jobs.feedback_pending([s.id for w in everything for s, _ in w.versions if not s.feedback],
                                   FEEDBACK_WAIT)
    for w in everything:
        rows = []
        for s, grading in reversed(w.versions):
            row = {"id": s.id, "when": uk_time(s.submitted_at) or s.timestamp, "late": s.late,
                   "due": uk_time(s.due), "feedback": bool(s.feedback), **grading_words(grading, s.late, w.policy)}
            row["feedback_coming"] = s.id in coming
            row["waiting"] = row.get("waiting", False) or row["feedback_coming"]
            rows.append(row)
        past = w.due is not None and now() > w.due
        modules.append({"assignment": w.assignment, "policy": w.policy, "due": uk_time(w.due),
                        "moved": w.due is not None and w.due != w.policy.due, "past": past,
                        "closed": past and w.policy.late_policy == "refuse", "late_words": late_words(w.policy),
                        "submissions": rows, "left": None if w.policy.max_submissions is None
                        else max(0, w.policy.max_submissions - len(w.versions))})
    return modules


def my_page(store: Any, policies: PolicyBook, jobs: Any, course: str, student: str) -> dict[str, Any]:
    """What ``exchange-me.html`` shows; ``waiting``: the page refreshes itself while anything on it may change."""
    modules = my_work(store, policies, jobs, course, student)
    return {"course": course, "student": student, "modules": modules,
            "waiting": any(r.get("waiting") for m in modules for r in m["submissions"])}


def waiting_for_instructors(everything: list[Submitted], jobs: Any) -> tuple[list[dict[str, Any]], int]:
    """Of a course's submissions (oldest first), each learner's latest of a module that is held or failed, and
    how many are being graded."""
    latest = {(s.student, s.assignment): s for s in everything}  # oldest first, so the last one stands
    states = jobs.states([s.id for s in latest.values()])
    rows, busy = [], 0
    for s in sorted(latest.values(), key=lambda s: (s.assignment, s.student)):
        state = states.get(s.id, {}).get("state")
        busy += state in WAITING
        if state in ("held", "failed"):
            rows.append({"id": s.id, "student": s.student, "assignment": s.assignment, "late": s.late,
                         "when": uk_time(s.submitted_at) or s.timestamp, "state": state,
                         "why": states[s.id].get("summary") or ""})
    return rows, busy


@cache
def templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([TEMPLATES, PROGRESS_TEMPLATES]), autoescape=True)
    env.filters["number"] = number
    env.filters["percent"] = percent
    env.globals.update(late_choices=LATE_CHOICES, uk_input=uk_input, uk_time=uk_time, uk_day=uk_day,
                       grant_words=grant_words, lab=LAB)
    return env


# -- handlers ------------------------------------------------------------------------------------------------


class PageHandler(ExchangeHandler):
    @property
    def policies(self) -> PolicyBook:
        return self.settings["policies"]

    def wants_json(self) -> bool:
        return HubServiceHandler.wants_json(self)  # people get pages; the API's routes stay JSON

    def error_page(self, status: int, message: str) -> str:
        return templates().get_template("exchange-error.html").render(status=status, message=message)

    def page(self, template: str, **values: Any) -> None:
        token = self.xsrf_token
        self.write(templates().get_template(template).render(
            me=self.me, url=self.url, xsrf=token.decode() if isinstance(token, bytes) else token,
            taught=[c for c in self.settings["courses"] if self.teacher(c)], **values))

    def said(self) -> str:
        """The confirmation a form left for this page, once."""
        text = self.get_signed_cookie(DONE_COOKIE, max_age_days=1)
        if text:
            self.clear_cookie(DONE_COOKIE, path=self.settings["prefix"])
        return text.decode() if text else ""


class CoursePicker(PageHandler):
    """``/``, ``/me`` and ``/deadlines``: the links from the progress pages, which do not know the course."""

    @signed_in
    def get(self, wanted: str = "") -> None:
        learns = [c for c in self.settings["courses"] if self.roster.learns(self.current_user, c)]
        teaches = [c for c in self.settings["courses"] if self.teacher(c)]
        if wanted == "me" and len(learns) == 1:
            return self.redirect(self.url("courses", learns[0], "me"))
        if wanted == "deadlines" and len(teaches) == 1:
            return self.redirect(self.url("courses", teaches[0], "deadlines"))
        self.page("exchange-courses.html", learns=learns, teaches=teaches)


class MyWorkPage(PageHandler):
    @requires(LEARNS, "course")
    def get(self, course: str) -> None:
        student = self.get_query_argument("student", "") or self.me
        if student != self.me and not self.teacher(course):
            raise web.HTTPError(403, "you may see only your own work")
        self.page("exchange-me.html", **my_page(self.store, self.policies, self.settings["jobs"], course, student))


class DeadlinesPage(PageHandler):
    @requires(TEACHES_HERE, "course")
    def get(self, course: str) -> None:
        self.show(course)

    def show(self, course: str, problem: str = "") -> None:
        releases = self.store.releases(course)
        everything = self.store.submissions(course)
        held, busy = waiting_for_instructors(everything, self.settings["jobs"])
        learners = set(self.roster.groups.get(COURSE_GROUP.format(course=course), []))
        learners |= {s.student for s in everything}
        self.page("exchange-deadlines.html", course=course, problem=problem, done="" if problem else self.said(),
                  modules=[(r, self.policies.policy(course, r.assignment)) for r in releases],
                  grants=self.policies.grants(course), held=held, busy=busy, learners=sorted(learners),
                  grading_on=self.settings.get("queue") is not None)

    @requires(TEACHES_HERE, "course")
    def post(self, course: str) -> None:
        action = self.get_body_argument("action", "")
        try:
            done = getattr(self, f"do_{action}")(course) if action in ACTIONS else None
            if done is None:
                raise PolicyError("choose what to change: a module's due date, an extension, an accommodation, "
                                  "withdrawing one, or grading a submission now")
        except (PolicyError, ValueError) as exc:
            self.set_status(400)
            return self.show(course, str(exc))
        self.set_signed_cookie(DONE_COOKIE, done, expires_days=None, path=self.settings["prefix"], httponly=True)
        self.redirect(self.url("courses", course, "deadlines"))

    def field(self, name: str) -> str:
        return self.get_body_argument(name, "").strip()

    def amount(self, name: str, what: str, default: float = 0.0) -> float:
        text = self.field(name)
        try:
            return float(text) if text else default
        except ValueError:
            raise PolicyError(f"{what} must be a number, not {text!r}") from None

    def learner(self) -> str:
        name = self.field("student")
        if not re.fullmatch(ID, name):
            raise PolicyError(f"{name!r} is not a learner's hub name" if name else "say which learner")
        return name

    def module(self, course: str, field: str = "module") -> str:
        name = self.field(field)
        if self.store.released(course, name) is None:
            raise PolicyError(f"{name} has not been released in {course}" if name else "choose a module")
        return name

    def do_policy(self, course: str) -> str:
        module = self.module(course)
        penalty = self.amount("late_penalty", "the late penalty")
        limit = self.amount("max_submissions", "the most submissions", 0)
        if not 0 <= penalty <= 100:
            raise PolicyError("the late penalty is the share of the score taken off, from 0% to 100%")
        if limit != int(limit) or limit < 0:
            raise PolicyError("the most submissions is a whole number (leave it empty for no limit)")
        policy = self.policies.set_policy(ModulePolicy(
            course, module, due=from_uk_input(self.field("due")), late_policy=self.field("late_policy"),
            late_penalty=penalty / 100.0, grade_on_submit=bool(self.get_body_argument("grade_on_submit", "")),
            max_submissions=int(limit) or None), self.me)
        due = f"due {uk_time(policy.due)}" if policy.due else "no due date"
        late = {"accept": "late work accepted", "penalty": f"late work loses {percent(policy.late_penalty)}",
                "refuse": "late work refused"}[policy.late_policy] if policy.due else ""
        graded = "graded on submit" if policy.grade_on_submit else "held for you to mark"
        return f"Saved {module}: " + "; ".join(p for p in (due, late, graded) if p) + "."

    def do_extension(self, course: str) -> str:
        student, module = self.learner(), self.module(course)
        hours = self.amount("extra_hours", "the extra hours")
        if hours <= 0:
            raise PolicyError("an extension needs some extra hours (48 is two days)")
        self.policies.grant(course, Grant(student, module, extra_hours=hours, note=self.field("note")[:2000]),
                            self.me)
        due = self.policies.due_for(course, module, student)
        return (f"Gave {student} {hours:g} more hours on {module}"
                + (f": their due date is now {uk_time(due)}." if due else " (it has no due date yet)."))

    def do_accommodation(self, course: str) -> str:
        student = self.learner()
        grant = Grant(student, "", extra_hours=self.amount("extra_hours", "the extra hours"),
                      factor=self.amount("factor", "the time factor", 1.0), note=self.field("note")[:2000])
        if grant.factor <= 1 and grant.extra_hours <= 0:
            raise PolicyError("an accommodation needs more time: a factor over 1, some extra hours, or both")
        self.policies.grant(course, grant, self.me)
        return f"Gave {student} an accommodation on every module: {grant_words(grant)}."

    def do_withdraw(self, course: str) -> str:
        student, module = self.learner(), self.field("module")
        if not self.policies.withdraw_grant(course, student, module):
            raise PolicyError(f"{student} has no such allowance in {course}")
        return f"Withdrew {student}'s " + (f"extension on {module}." if module else "accommodation.")

    def do_grade(self, course: str) -> str:
        if self.settings.get("queue") is None:
            raise PolicyError("grading on submit is off on this hub: collect and grade in the formgrader")
        try:
            found = grade_again(self, course, int(self.field("submission") or 0))
        except (LookupError, ValueError) as exc:
            raise PolicyError(str(exc)) from None
        return f"{found.student}'s {found.assignment} is on its way to be graded."


ACTIONS = ("policy", "extension", "accommodation", "withdraw", "grade")


def routes() -> list[tuple[str, type[web.RequestHandler]]]:
    return [
        (r"/?", CoursePicker),
        (r"/(me|deadlines)", CoursePicker),
        (rf"/courses/{ID}/me", MyWorkPage),
        (rf"/courses/{ID}/deadlines", DeadlinesPage),
    ]

