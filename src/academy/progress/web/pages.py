"""The pages people open in the browser: their own record, the cohorts they teach, the clubs they run."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from tornado import web
from tornado.escape import url_escape
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from ... import organiser_sheet, settings
from ...services.access import requires, signed_in
from ...services.times import uk_time
from .. import charts
from ..events import utcnow
from ..exercise_report import COLUMNS as REPORT_COLUMNS
from ..exercise_report import exercise_report
from ..store import EXPORT_COLUMNS
from .access import ends_session, joins_session, runs, sees_session, teaches
from .base import ProgressHandler, refused_as_bad_request

STATUS_WORDS = {"done": "Done", "in progress": "In progress", "available": "Ready to start", "locked": "Locked"}


class Home(ProgressHandler):
    @signed_in
    async def get(self) -> None:
        p = self.progress
        await p.refresh_people_if_stale()  # who teaches or runs what may have changed on the hub
        teaches, runs = p.store.cohorts_of(self.me, "instructor"), p.store.cohorts_of(self.me, "organiser")
        mentors = [c for c in p.store.cohorts_of(self.me, "mentor") if c not in teaches]
        if p.is_admin(self.me):
            teaches = [name for name, _ in p.store.all_cohorts()]
            mentors = []
        if not teaches and not runs and not mentors:
            return self.redirect(self.url("me"))
        course = self.settings.get("course")
        # The formgrader service is named after the course (academy.hub.roles.formgrader_service).
        formgrader = f"/services/formgrader-{course.id}/formgrader" if teaches and course else ""
        self.page("home.html", cohorts=teaches, clubs=runs, mentors=mentors, formgrader=formgrader,
                  ungraded=course.ungraded() if teaches and course else {})


#: Seconds the learner's page waits for the exchange before showing itself without due dates.
DUE_DATES_WAIT_S = 3.0


async def due_dates(token: str, course: str, learner: str) -> dict[str, dict] | None:
    """``learner``'s own due date and latest submission per module, from the exchange; None when it cannot be
    asked (no exchange on this hub, or it is not answering): the page then says so and shows the rest."""
    base = settings.raw("ACADEMY_EXCHANGE_URL").strip()
    if not base or not token:
        return None
    url = f"{base.rstrip('/')}/api/courses/{url_escape(course)}/my-work?student={url_escape(learner)}"
    try:
        answer = await AsyncHTTPClient().fetch(url, headers={"Authorization": f"token {token}"},
                                               request_timeout=DUE_DATES_WAIT_S, follow_redirects=False)
        modules = json.loads(answer.body)["modules"]
    except (HTTPClientError, OSError, ValueError, KeyError):
        return None
    out = {}
    for m in modules:
        due = m.get("my_due")
        latest = m["submissions"][-1] if m.get("submissions") else None
        out[m["assignment"]] = {
            "due": uk_time(datetime.fromisoformat(due)) if due else "",
            "moved": bool(due) and due != (m.get("policy") or {}).get("due"),
            "latest": "" if latest is None else "late" if latest.get("late") else "on time"}
    return out


class Me(ProgressHandler):
    @signed_in
    async def get(self) -> None:
        record = self.progress.store.learner_record(self.me)
        cur = self.progress.store.curriculum
        open_sessions = [s for club in self.progress.store.cohorts_of(self.me, "learner")
                         for s in self.progress.store.sessions(club) if s["ended_at"] is None]
        skills_svg = charts.bars({cur.skills[k].split(":")[0]: v for k, v in record.skills.items()}, "My skills")
        course = self.settings.get("course")
        summaries = {m: course.summary(self.me, m) for m in record.grades} if course else {}
        # Through the hub's user-redirect, which starts the learner's server first if it is not running;
        # academy.hub.learner_server fetches the module and opens its notebook.
        due = await due_dates(self.hub_auth.api_token, course.id, self.me) if course else None
        self.page("me.html", record=record, curriculum=cur, words=STATUS_WORDS, skills_svg=skills_svg,
                  due=due, sessions=open_sessions, hub_user_url="/hub/user-redirect/lab",
                  open_url="/hub/user-redirect/academy/open/", summaries={m: t for m, t in summaries.items() if t})


class MyCertificate(ProgressHandler):
    @signed_in
    def get(self, level: str) -> None:
        record = self.progress.store.learner_record(self.me)
        if int(level) not in record.certificates:
            raise web.HTTPError(404, f"no level {level} certificate yet: complete every level {level} module first")
        cur = self.progress.store.curriculum
        self.page("certificate.html", level=int(level), issued=record.certificates[int(level)], course=cur,
                  modules=[m for m in cur.modules if m.level == int(level)])


class CohortView(ProgressHandler):
    @requires(teaches, "cohort")
    def get(self, cohort: str) -> None:
        store = self.progress.store
        heat = store.heatmap(cohort)
        over_time = store.completions_over_time(cohort)
        svg = charts.lines(over_time, "Module completions over time", "learners who completed")
        self.page("cohort.html", cohort=cohort, heat=heat,
                  heat_rows=charts.heatmap_rows(heat.learners, heat.exercises, heat.cells),
                  hardest=store.hardest(cohort), help=store.needing_help(cohort), completions_svg=svg,
                  last_sync=self.progress.last_sync)


class CohortExport(ProgressHandler):
    @requires(teaches, "cohort")
    def get(self, cohort: str, kind: str) -> None:
        rows = self.progress.store.export_rows(cohort)
        name = f"{cohort}-progress-{utcnow():%Y-%m-%d}"
        if kind == "csv":
            out = io.StringIO()
            writer = csv.DictWriter(out, EXPORT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            self.set_header("Content-Disposition", f'attachment; filename="{name}.csv"')
            self.write(out.getvalue())
        else:
            import pandas as pd  # only for a download: the service never loads it otherwise

            buffer = io.BytesIO()
            pd.DataFrame(rows, columns=list(EXPORT_COLUMNS)).to_excel(buffer, index=False, sheet_name="progress")
            self.set_header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            self.set_header("Content-Disposition", f'attachment; filename="{name}.xlsx"')
            self.write(buffer.getvalue())


class CohortExercises(ProgressHandler):
    """Each exercise for one cohort: first-try pass rate, tries and hints to pass, time to pass."""

    @requires(teaches, "cohort")
    def get(self, cohort: str, download: str | None = None) -> None:
        store = self.progress.store
        order = [(m.id, e) for m in store.curriculum.modules for e in store.catalogue.get(m.id, ())]
        report = exercise_report(store.exercise_rows(cohort), order)
        if download:
            out = io.StringIO()
            writer = csv.DictWriter(out, REPORT_COLUMNS)
            writer.writeheader()
            writer.writerows(r.as_row() for r in report)
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            self.set_header("Content-Disposition",
                            f'attachment; filename="{cohort}-exercises-{utcnow():%Y-%m-%d}.csv"')
            self.write(out.getvalue())
            return
        titles = {m.id: m.title for m in store.curriculum.modules}
        self.page("exercises.html", cohort=cohort, report=report, titles=titles,
                  learners=len(store.members(cohort)))


class ClubView(ProgressHandler):
    @requires(runs, "club")
    def get(self, club: str) -> None:
        store = self.progress.store
        questions = sorted({e for names in store.catalogue.values() for e in names})
        self.page("club.html", club=club, sessions=store.sessions(club), members=store.members(club),
                  catalogue=store.catalogue, curriculum=store.curriculum, questions=questions,
                  challenges=[c for c in store.curriculum.challenges if c.available])

    @requires(runs, "club")
    def post(self, club: str) -> None:
        """Start a session on one module's checks (the ticked ones, or all of them)."""
        module = self.get_body_argument("module", "")
        checks = self.get_body_arguments("exercise") or list(self.progress.store.catalogue.get(module, ()))
        with refused_as_bad_request():
            sid = self.progress.store.start_session(club, module, checks, self.me)
        self.redirect(self.url("sessions", sid))


class ChallengeSheet(ProgressHandler):
    """A challenge's organiser's sheet, to read or print before the session; organisers only, since its
    sticking points say what the checks look for."""

    @requires(runs, "club")
    def get(self, club: str, challenge_id: str) -> None:
        try:
            challenge = self.progress.store.curriculum.challenge(challenge_id)
        except KeyError:
            raise web.HTTPError(404, f"the challenge pack has no challenge called {challenge_id}") from None
        course = self.settings.get("course")
        if course is None:
            raise web.HTTPError(404, "this progress service was started without a course folder, so it has no "
                                     "organisers' sheets")
        try:
            sheet = organiser_sheet.read(course.root, challenge)
        except organiser_sheet.SheetError as exc:
            raise web.HTTPError(404, str(exc)) from None
        self.page("organiser_sheet.html", club=club, sheet=sheet, sections=organiser_sheet.SECTIONS)


class SessionView(ProgressHandler):
    @requires(sees_session, "sid")
    def get(self, sid: str) -> None:
        info = self.club_session(sid)
        self.page("session.html", session=info, organiser=self.progress.may_run(self.me, info["club"]),
                  board_url=self.url("sessions", sid, "board.json"))


class SessionJoin(ProgressHandler):
    @requires(joins_session, "sid")
    def post(self, sid: str) -> None:
        with refused_as_bad_request():  # e.g. the session has ended
            self.progress.store.join_session(int(sid), self.me)
        self.redirect(self.url("sessions", sid))


class SessionEnd(ProgressHandler):
    @requires(ends_session, "sid")
    def post(self, sid: str) -> None:
        with refused_as_bad_request():
            self.progress.store.end_session(int(sid))
        self.redirect(self.url("sessions", sid))
