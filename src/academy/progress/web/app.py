"""The progress service's routes, and the process the hub starts (``python -m academy.progress.service``).

Every page and API call is authenticated by the hub (OAuth for browsers, the
server's API token for notebooks), and every handler declares who may call
it (see ``access``). The hub's groups are mirrored into the store every half
minute, and grades are synced from the gradebook every minute, so nothing
needs setting up twice.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jinja2
from tornado import web

from ... import settings
from ...course import Course
from ...course import find as find_course
from ...errors import AcademyError, SettingError
from ...services.app import serve, service_app
from ...services.settings import HubService
from ..store import ProgressStore
from .access import Progress
from .api import MeApi, SessionBoard, SyncNow
from .pages import (
    ChallengeSheet,
    ClubView,
    CohortExercises,
    CohortExport,
    CohortView,
    Home,
    Me,
    MyCertificate,
    SessionEnd,
    SessionJoin,
    SessionView,
)
from .projects import CohortProjects, LearnerProject, MyProject, project_summary

log = logging.getLogger("academy.progress")
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

ROUTES = [
    (r"/?", Home),
    (r"/me", Me),
    (r"/me/certificate/(\d+)", MyCertificate),
    (r"/me/project", MyProject),
    (r"/api/me", MeApi),
    (r"/api/sync", SyncNow),
    (r"/cohorts/([^/]+)", CohortView),
    (r"/cohorts/([^/]+)/export\.(csv|xlsx)", CohortExport),
    (r"/cohorts/([^/]+)/exercises(\.csv)?", CohortExercises),
    (r"/cohorts/([^/]+)/projects", CohortProjects),
    (r"/cohorts/([^/]+)/projects/([^/]+)", LearnerProject),
    (r"/clubs/([^/]+)", ClubView),
    (r"/clubs/([^/]+)/challenges/([^/]+)", ChallengeSheet),
    (r"/sessions/(\d+)", SessionView),
    (r"/sessions/(\d+)/board\.json", SessionBoard),
    (r"/sessions/(\d+)/join", SessionJoin),
    (r"/sessions/(\d+)/end", SessionEnd),
]


def make_app(progress: Progress, prefix: str, course: Course | None = None) -> web.Application:
    """``course``: the course folder, for the instructors' home page (its formgrader, what waits to be graded)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    env.filters["when"] = lambda t: f"{t:%d %b %Y %H:%M}" if t else "—"
    # The learner's own page shows their project's state (academy.progress.projects).
    env.globals["project_of"] = lambda learner: project_summary(progress, course, learner)
    # Boards poll every few seconds: log their failures, not every success.
    return service_app(prefix, ROUTES, log=log, quiet=(SessionBoard,), progress=progress, jinja=env, course=course)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[progress %(levelname)s %(asctime)s] %(message)s")
    try:
        hub = HubService.from_env(prefix="/services/progress/", url="http://127.0.0.1:10102")
        course = find_course(settings.get("ACADEMY_PROGRESS_COURSE"))
        groups_every = settings.get("ACADEMY_PROGRESS_GROUPS_SECONDS")
        sync_every = settings.get("ACADEMY_PROGRESS_SYNC_SECONDS")
        db_url = settings.get("ACADEMY_PROGRESS_DB_URL")
        if not db_url:
            raise SettingError("ACADEMY_PROGRESS_DB_URL is not set: the hub sets it when it starts this service")
        curriculum = course.curriculum
    except AcademyError as exc:
        sys.exit(str(exc))
    try:
        store = ProgressStore(db_url, curriculum)
    except Exception as exc:
        sys.exit(f"cannot open the progress store: {exc}")
    gradebook = settings.raw("ACADEMY_PROGRESS_GRADEBOOK") or course.gradebook
    progress = Progress(store, gradebook, hub.api_url, hub.api_token)
    log.info("progress store %s", store.engine.url.render_as_string())
    serve(make_app(progress, hub.prefix, course), hub, log=log,
          at_start=[progress.refresh_people, progress.refresh_grades],
          every=[(progress.refresh_people, groups_every), (progress.refresh_grades, sync_every)])
    store.engine.dispose()
