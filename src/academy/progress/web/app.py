"""The progress service's routes, and the process the hub starts (``python -m academy.progress.service``).

Every page and API call is authenticated by the hub (OAuth for browsers, the
server's API token for notebooks), and every handler declares who may call
it (see ``access``). The hub's groups are mirrored into the store every half
minute, and grades are synced from the gradebook every minute, so nothing
needs setting up twice.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import jinja2
from tornado import web

from ...curriculum import load
from ...services.app import serve, service_app
from ...services.settings import HubService, ServiceSettingsError, seconds
from ..store import ProgressStore
from .access import Progress
from .api import Attempts, MeApi, SessionBoard, SyncNow
from .pages import (ClubView, CohortExport, CohortView, Home, Me, MyCertificate, SessionEnd, SessionJoin,
                    SessionView)

log = logging.getLogger("academy.progress")
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

ROUTES = [
    (r"/?", Home),
    (r"/me", Me),
    (r"/me/certificate/(\d+)", MyCertificate),
    (r"/api/me", MeApi),
    (r"/api/attempts", Attempts),
    (r"/api/sync", SyncNow),
    (r"/cohorts/([^/]+)", CohortView),
    (r"/cohorts/([^/]+)/export\.(csv|xlsx)", CohortExport),
    (r"/clubs/([^/]+)", ClubView),
    (r"/sessions/(\d+)", SessionView),
    (r"/sessions/(\d+)/board\.json", SessionBoard),
    (r"/sessions/(\d+)/join", SessionJoin),
    (r"/sessions/(\d+)/end", SessionEnd),
]


def make_app(progress: Progress, prefix: str) -> web.Application:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    env.filters["when"] = lambda t: f"{t:%d %b %Y %H:%M}" if t else "—"
    # Attempts arrive by the hundred a second and boards poll: log their failures, not every success.
    return service_app(prefix, ROUTES, log=log, quiet=(Attempts, SessionBoard), progress=progress, jinja=env)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[progress %(levelname)s %(asctime)s] %(message)s")
    env = os.environ
    course = Path(env.get("ACADEMY_PROGRESS_COURSE", "courses/accelerator")).resolve()
    try:
        hub = HubService.from_env(env, prefix="/services/progress/", url="http://127.0.0.1:10102")
        groups_every = seconds(env, "ACADEMY_PROGRESS_GROUPS_SECONDS", 30)
        sync_every = seconds(env, "ACADEMY_PROGRESS_SYNC_SECONDS", 60)
    except ServiceSettingsError as exc:
        sys.exit(str(exc))
    try:
        store = ProgressStore(env["ACADEMY_PROGRESS_DB"], load(course))
    except KeyError:
        sys.exit("ACADEMY_PROGRESS_DB is not set: the hub sets it when it starts this service")
    except Exception as exc:
        sys.exit(f"cannot open the progress store: {exc}")
    gradebook = env.get("ACADEMY_PROGRESS_GRADEBOOK", "").strip() or course / "gradebook.db"
    progress = Progress(store, gradebook, hub.api_url, hub.api_token)
    log.info("progress store %s", store.engine.url.render_as_string())
    serve(make_app(progress, hub.prefix), hub, log=log, at_start=[progress.refresh_people, progress.refresh_grades],
          every=[(progress.refresh_people, groups_every), (progress.refresh_grades, sync_every)])
    store.engine.dispose()
