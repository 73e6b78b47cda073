"""The progress service: a JupyterHub service learners, instructors and organisers open in the browser.

Every page and API call is authenticated by the hub (OAuth for browsers, the
server's API token for notebooks), and every route checks what that person
may see: a learner only their own record, an organiser only their club, an
instructor only the cohorts they teach, a hub admin everything. The hub's
groups are mirrored into the store every half minute, and grades are synced
from the gradebook every minute, so nothing needs setting up twice.

Run by the hub (see ``academy.hub.config``) as ``python -m academy.progress.service``.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import os
import signal
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jinja2
from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web

from ..curriculum import load
from . import charts
from .events import AttemptEvent, ProgressError, UnknownExercise, check_exercise
from .hubsync import HubPeople, read_hub
from .store import ProgressStore
from .sync import GradebookUnavailable, sync_gradebook

log = logging.getLogger("academy.progress")
TEMPLATES = Path(__file__).with_name("templates")
MAX_BATCH = 500
STATUS_WORDS = {"done": "Done", "in progress": "In progress", "available": "Ready to start", "locked": "Locked"}


class Progress:
    """What the handlers share: the store, the course, and who the hub says is who."""

    def __init__(self, store: ProgressStore, gradebook: Path | str, api_url: str, token: str) -> None:
        """``gradebook``: the course's gradebook file, or its database URL where it lives in PostgreSQL."""
        self.store = store
        self.writer = AttemptWriter(store)
        self.gradebook = gradebook
        self.api_url = api_url
        self.token = token
        self.people = HubPeople(frozenset(), {})
        self.people_read_at = 0.0
        self.last_sync: dict[str, str] = {}

    async def refresh_people(self) -> None:
        self.people_read_at = time.monotonic()
        try:
            people = await asyncio.get_running_loop().run_in_executor(None, read_hub, self.api_url, self.token)
        except Exception as exc:  # the hub restarting must not take the service down
            log.warning("could not read the hub's groups: %s", exc)
            return
        self.store.sync_cohorts(people.cohorts)
        self.people = people

    async def refresh_people_if_stale(self, seconds: float = 5) -> bool:
        """Re-read the hub's groups unless that was done in the last few seconds; True if it was re-read."""
        if time.monotonic() - self.people_read_at <= seconds:
            return False
        await self.refresh_people()
        return True

    async def refresh_grades(self) -> None:
        try:
            changed = await asyncio.get_running_loop().run_in_executor(
                None, sync_gradebook, self.store, self.gradebook, self.store.curriculum.id)
            self.last_sync = {"at": f"{datetime.utcnow():%d %b %Y %H:%M} UTC", "changed": str(changed)}
        except GradebookUnavailable as exc:
            self.last_sync = {"at": f"{datetime.utcnow():%d %b %Y %H:%M} UTC", "problem": str(exc)}
            log.info("gradebook sync skipped: %s", exc)

    # ---------------------------------------------------------------- who may see what
    def is_admin(self, name: str) -> bool:
        return name in self.people.admins

    def may_teach(self, name: str, cohort: str) -> bool:
        return self.is_admin(name) or cohort in self.store.cohorts_of(name, "instructor")

    def may_run(self, name: str, club: str) -> bool:
        return self.is_admin(name) or club in self.store.cohorts_of(name, "organiser")

    def may_join(self, name: str, club: str) -> bool:
        return club in self.store.cohorts_of(name, "learner") or self.may_run(name, club)


class AttemptWriter:
    """Group commit: attempts posted within a few milliseconds of each other go into one transaction.

    Each request is answered only after its attempts are committed, so an
    acknowledged attempt is never lost; a busy classroom costs one write per
    batch instead of one per check."""

    def __init__(self, store: ProgressStore, window_s: float = 0.002) -> None:
        self.store, self.window_s = store, window_s
        self.waiting: list[tuple[list[AttemptEvent], asyncio.Future]] = []
        self.scheduled = False

    async def record(self, events: list[AttemptEvent]) -> tuple[int, int]:
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((events, future))
        if not self.scheduled:
            self.scheduled = True
            asyncio.get_running_loop().call_later(self.window_s, self._flush)
        return await future

    def _flush(self) -> None:
        batch, self.waiting, self.scheduled = self.waiting, [], False
        try:
            result = self.store.record([e for events, _ in batch for e in events], create_learners=True)
        except Exception as exc:  # every request in the batch hears about it; none is half-recorded
            for _, future in batch:
                future.set_exception(exc)
            return
        claimed: set[str] = set()
        for events, future in batch:
            mine = {e.event_id for e in events if e.event_id in result.fresh and e.event_id not in claimed}
            claimed |= mine
            future.set_result((len(mine), len(events) - len(mine)))


class Base(HubOAuthenticated, web.RequestHandler):
    @property
    def progress(self) -> Progress:
        return self.settings["progress"]

    @property
    def me(self) -> str:
        return self.current_user["name"]

    def url(self, *parts: Any) -> str:
        return url_path_join(self.settings["prefix"], *map(str, parts))

    def page(self, template: str, **values: Any) -> None:
        env: jinja2.Environment = self.settings["jinja"]
        self.write(env.get_template(template).render(
            me=self.me, url=self.url, xsrf=self.xsrf_token.decode() if isinstance(self.xsrf_token, bytes)
            else self.xsrf_token, admin=self.progress.is_admin(self.me),
            teaches=self.progress.store.cohorts_of(self.me, "instructor"),
            runs=self.progress.store.cohorts_of(self.me, "organiser"), **values))

    async def require(self, allowed, why: str) -> None:
        """403 unless ``allowed()``; someone just added to a group on the hub is let in at once."""
        if allowed() or (await self.progress.refresh_people_if_stale() and allowed()):
            return
        raise web.HTTPError(403, why)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None))[1]
        message = getattr(exc, "log_message", None) or self._reason
        if self.request.path.rstrip("/").split("/")[-2:-1] == ["api"] or \
                "application/json" in self.request.headers.get("Accept", ""):
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"error": message}))
        else:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            env: jinja2.Environment = self.settings["jinja"]
            self.finish(env.get_template("error.html").render(status=status_code, message=message))


class Home(Base):
    @web.authenticated
    async def get(self) -> None:
        p = self.progress
        await p.refresh_people_if_stale()  # who teaches or runs what may have changed on the hub
        teaches, runs = p.store.cohorts_of(self.me, "instructor"), p.store.cohorts_of(self.me, "organiser")
        if p.is_admin(self.me):
            teaches = [name for name, _ in p.store.all_cohorts()]
        if not teaches and not runs:
            return self.redirect(self.url("me"))
        self.page("home.html", cohorts=teaches, clubs=runs)


class Me(Base):
    @web.authenticated
    def get(self) -> None:
        record = self.progress.store.learner_record(self.me)
        cur = self.progress.store.curriculum
        open_sessions = [s for club in self.progress.store.cohorts_of(self.me, "learner")
                         for s in self.progress.store.sessions(club) if s["ended_at"] is None]
        skills_svg = charts.bars({cur.skills[k].split(":")[0]: v for k, v in record.skills.items()}, "My skills")
        self.page("me.html", record=record, curriculum=cur, words=STATUS_WORDS, skills_svg=skills_svg,
                  sessions=open_sessions, hub_user_url=f"/user/{self.me}/lab")


class MyCertificate(Base):
    @web.authenticated
    def get(self, level: str) -> None:
        record = self.progress.store.learner_record(self.me)
        if int(level) not in record.certificates:
            raise web.HTTPError(404, f"no level {level} certificate yet: complete every level {level} module first")
        cur = self.progress.store.curriculum
        self.page("certificate.html", level=int(level), issued=record.certificates[int(level)], course=cur,
                  modules=[m for m in cur.modules if m.level == int(level)])


class MeApi(Base):
    @web.authenticated
    def get(self) -> None:
        r = self.progress.store.learner_record(self.me)
        self.write({"learner": r.name, "modules": [{"module": m.module, "status": m.status, "passed": m.passed_exercises,
                                                     "exercises": m.exercises} for m in r.modules],
                    "next": {"module": r.next.module, "exercise": r.next_exercise} if r.next else None,
                    "skills": r.skills, "attempts": r.attempts,
                    "grades": {m: {"score": g.score, "max_score": g.max_score, "pending": g.pending}
                               for m, g in r.grades.items()},
                    "certificates": sorted(r.certificates)})


class Attempts(Base):
    """Notebooks post their instant checks here with the server's hub token."""

    @web.authenticated
    async def post(self) -> None:
        try:
            body = json.loads(self.request.body or b"null")
        except ValueError:
            raise web.HTTPError(400, "the body is not JSON") from None
        raw = body if isinstance(body, list) else [body]
        if len(raw) > MAX_BATCH:
            raise web.HTTPError(413, f"at most {MAX_BATCH} attempts per request")
        try:
            events = [AttemptEvent.from_dict(r, learner=self.me) for r in raw]
            for e in events:  # refused here, alone, so one bad notebook cannot fail a batch of others
                check_exercise(e.module, e.exercise, self.progress.store.catalogue)
        except UnknownExercise as exc:
            raise web.HTTPError(404, str(exc)) from None
        except ProgressError as exc:
            raise web.HTTPError(400, str(exc)) from None
        recorded, duplicates = await self.progress.writer.record(events)
        self.write({"recorded": recorded, "duplicates": duplicates})


class CohortView(Base):
    @web.authenticated
    async def get(self, cohort: str) -> None:
        await self.require(lambda: self.progress.may_teach(self.me, cohort), f"you do not teach {cohort}")
        store = self.progress.store
        heat = store.heatmap(cohort)
        over_time = store.completions_over_time(cohort)
        svg = charts.lines(over_time, "Module completions over time", "learners who completed")
        self.page("cohort.html", cohort=cohort, heat=heat, heat_rows=charts.heatmap_rows(heat.learners, heat.exercises, heat.cells),
                  hardest=store.hardest(cohort),
                  help=store.needing_help(cohort), completions_svg=svg, last_sync=self.progress.last_sync)


class CohortExport(Base):
    @web.authenticated
    async def get(self, cohort: str, kind: str) -> None:
        await self.require(lambda: self.progress.may_teach(self.me, cohort), f"you do not teach {cohort}")
        rows = self.progress.store.export_rows(cohort)
        columns = ["learner", "module", "exercise", "attempts", "first_try", "passed_at", "failed_tries_before_pass",
                   "module_score", "module_max_score"]
        name = f"{cohort}-progress-{datetime.utcnow():%Y-%m-%d}"
        if kind == "csv":
            out = io.StringIO()
            writer = csv.DictWriter(out, columns)
            writer.writeheader()
            writer.writerows(rows)
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            self.set_header("Content-Disposition", f'attachment; filename="{name}.csv"')
            self.write(out.getvalue())
        else:
            import pandas as pd

            buffer = io.BytesIO()
            pd.DataFrame(rows, columns=columns).to_excel(buffer, index=False, sheet_name="progress")
            self.set_header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            self.set_header("Content-Disposition", f'attachment; filename="{name}.xlsx"')
            self.write(buffer.getvalue())


class ClubView(Base):
    @web.authenticated
    async def get(self, club: str) -> None:
        await self.require(lambda: self.progress.may_run(self.me, club), f"you do not run {club}")
        store = self.progress.store
        questions = sorted({e for names in store.catalogue.values() for e in names})
        self.page("club.html", club=club, sessions=store.sessions(club), members=store.members(club),
                  catalogue=store.catalogue, curriculum=store.curriculum, questions=questions)

    @web.authenticated
    async def post(self, club: str) -> None:
        await self.require(lambda: self.progress.may_run(self.me, club), f"you do not run {club}")
        module = self.get_body_argument("module", "")
        exercises = self.get_body_arguments("exercise") or list(self.progress.store.catalogue.get(module, ()))
        try:
            sid = self.progress.store.start_session(club, module, exercises, self.me)
        except ProgressError as exc:
            raise web.HTTPError(400, str(exc)) from None
        self.redirect(self.url("sessions", sid))


class SessionBase(Base):
    def session_or_404(self, sid: str) -> dict:
        try:
            return self.progress.store.session_info(int(sid))
        except ProgressError as exc:
            raise web.HTTPError(404, str(exc)) from None


class SessionView(SessionBase):
    @web.authenticated
    async def get(self, sid: str) -> None:
        info = self.session_or_404(sid)
        await self.require(lambda: self.progress.may_join(self.me, info["club"]),
                           f"this session belongs to {info['club']}")
        self.page("session.html", session=info, organiser=self.progress.may_run(self.me, info["club"]),
                  board_url=self.url("sessions", sid, "board.json"))


class SessionBoard(SessionBase):
    @web.authenticated
    async def get(self, sid: str) -> None:
        info = self.session_or_404(sid)
        await self.require(lambda: self.progress.may_join(self.me, info["club"]),
                           f"this session belongs to {info['club']}")
        self.set_header("Cache-Control", "no-store")
        self.write(self.progress.store.board(int(sid)))


class SessionAction(SessionBase):
    @web.authenticated
    async def post(self, sid: str, action: str) -> None:
        info = self.session_or_404(sid)
        try:
            if action == "join":
                await self.require(lambda: self.progress.may_join(self.me, info["club"]),
                                   f"only members of {info['club']} can join")
                self.progress.store.join_session(int(sid), self.me)
            else:
                await self.require(lambda: self.progress.may_run(self.me, info["club"]),
                                   f"only the organisers of {info['club']} can end its session")
                self.progress.store.end_session(int(sid))
        except ProgressError as exc:
            raise web.HTTPError(400, str(exc)) from None
        self.redirect(self.url("sessions", sid))


class SyncNow(Base):
    @web.authenticated
    async def post(self) -> None:
        await self.require(lambda: self.progress.is_admin(self.me) or bool(self.progress.store.cohorts_of(self.me, "instructor")),
                           "only instructors can sync grades")
        await self.progress.refresh_people()
        await self.progress.refresh_grades()
        self.write(self.progress.last_sync)


class Health(web.RequestHandler):
    def get(self) -> None:
        self.write({"ok": True})


def make_app(progress: Progress, prefix: str) -> web.Application:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    env.filters["when"] = lambda t: f"{t:%d %b %Y %H:%M}" if t else "—"
    p = prefix.rstrip("/")
    routes = [
        (rf"{p}/?", Home),
        (rf"{p}/me", Me),
        (rf"{p}/me/certificate/(\d+)", MyCertificate),
        (rf"{p}/api/me", MeApi),
        (rf"{p}/api/attempts", Attempts),
        (rf"{p}/api/sync", SyncNow),
        (rf"{p}/cohorts/([^/]+)", CohortView),
        (rf"{p}/cohorts/([^/]+)/export\.(csv|xlsx)", CohortExport),
        (rf"{p}/clubs/([^/]+)", ClubView),
        (rf"{p}/sessions/(\d+)", SessionView),
        (rf"{p}/sessions/(\d+)/board\.json", SessionBoard),
        (rf"{p}/sessions/(\d+)/(join|end)", SessionAction),
        (rf"{p}/health", Health),
        (rf"{p}/oauth_callback", HubOAuthCallbackHandler),
    ]
    def log_request(handler: web.RequestHandler) -> None:
        """Attempts arrive by the hundred a second: log their failures, not every success."""
        status = handler.get_status()
        quiet = status < 400 and isinstance(handler, (Attempts, SessionBoard, Health))
        (log.debug if quiet else log.info if status < 400 else log.warning)(
            "%d %s %s %.1f ms", status, handler.request.method, handler.request.uri, 1000 * handler.request.request_time())

    # No tornado xsrf_cookies: it checks before the hub has said whether a request is token-authenticated.
    # JupyterHub's own check runs for every cookie-authenticated form post instead (forms carry xsrf_token).
    return web.Application(routes, progress=progress, prefix=prefix, jinja=env, cookie_secret=os.urandom(32),
                           log_function=log_request, compress_response=True)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[progress %(levelname)s %(asctime)s] %(message)s")
    env = os.environ
    course = Path(env.get("ACADEMY_PROGRESS_COURSE", "courses/accelerator")).resolve()
    try:
        store = ProgressStore(env["ACADEMY_PROGRESS_DB_URL"], load(course))
    except KeyError:
        sys.exit("ACADEMY_PROGRESS_DB_URL is not set: the hub sets it when it starts this service")
    except Exception as exc:
        sys.exit(f"cannot open the progress store: {exc}")
    gradebook = env.get("ACADEMY_PROGRESS_GRADEBOOK", "").strip() or course / "gradebook.db"
    progress = Progress(store, gradebook, env["JUPYTERHUB_API_URL"], env["JUPYTERHUB_API_TOKEN"])
    prefix = env.get("JUPYTERHUB_SERVICE_PREFIX", "/services/progress/")
    bind = urlparse(env.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10102"))
    app = make_app(progress, prefix)
    # A batch of 500 attempts is about 100 kB: nothing a notebook sends comes near 1 MB.
    app.listen(bind.port or 80, bind.hostname or "127.0.0.1", xheaders=True, max_body_size=1_000_000)
    loop = ioloop.IOLoop.current()
    loop.add_callback(progress.refresh_people)
    loop.add_callback(progress.refresh_grades)
    ioloop.PeriodicCallback(progress.refresh_people, 1000 * float(env.get("ACADEMY_PROGRESS_GROUPS_SECONDS", 30))).start()
    ioloop.PeriodicCallback(progress.refresh_grades, 1000 * float(env.get("ACADEMY_PROGRESS_SYNC_SECONDS", 60))).start()
    log.info("progress service on %s%s (store %s)", bind.netloc, prefix, store.engine.url.render_as_string())
    signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(loop.stop))
    try:
        loop.start()
    except KeyboardInterrupt:  # the hub stops its services with SIGINT (Ctrl-C): a normal way to end
        pass
    store.engine.dispose()


if __name__ == "__main__":
    main()
