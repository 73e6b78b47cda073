"""The exchange service the hub starts (``python -m academy.exchange.service``), at ``/services/exchange/``.

It runs as the grader's account (production) or in its own pod (Kubernetes), with its folder readable by
nobody else, and is the only place releases, submissions and feedback are kept.

Settings (the hub sets them): ``ACADEMY_EXCHANGE_DIR``, the folder; ``ACADEMY_EXCHANGE_DB_URL``, its
records (default: SQLite in the folder; a PostgreSQL URL at scale); ``ACADEMY_EXCHANGE_COURSES``, the
course ids it serves, comma-separated.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from .. import settings
from ..errors import SettingError
from ..services.app import serve
from ..services.settings import HubService
from .app import make_app
from .archive import MAX_ARCHIVE_BYTES
from .jobs import GradingJobs
from .queue import Enqueuer, default_url
from .roster import Roster
from .store import ExchangeStore

log = logging.getLogger("academy.exchange")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[exchange %(levelname)s %(asctime)s] %(message)s")
    try:
        hub = HubService.from_env(prefix="/services/exchange/", url="http://127.0.0.1:10104")
        folder = settings.get("ACADEMY_EXCHANGE_DIR")
        courses = [c.strip() for c in settings.get("ACADEMY_EXCHANGE_COURSES").split(",") if c.strip()]
        if not folder:
            raise SettingError("ACADEMY_EXCHANGE_DIR is not set: the hub sets it when it starts this service")
        if not courses:
            raise SettingError("ACADEMY_EXCHANGE_COURSES is not set: the hub sets it to the courses it serves")
    except SettingError as exc:
        sys.exit(str(exc))
    try:
        store = ExchangeStore(Path(folder), settings.get("ACADEMY_EXCHANGE_DB_URL") or None)
    except Exception as exc:
        sys.exit(f"cannot open the exchange's folder {folder} or its records: {exc}")
    removed = store.tidy()
    if removed:
        log.info("removed %d file(s) left unfinished when the service last stopped", removed)
    roster = Roster.from_hub(hub.api_url, hub.api_token)
    queue_url = settings.get("ACADEMY_GRADING_QUEUE_URL") or default_url(Path(folder))
    queue = Enqueuer(queue_url) if settings.get("ACADEMY_GRADE_ON_SUBMIT") else None
    jobs = GradingJobs(store.engine)

    def sweep() -> None:
        """Jobs whose worker stopped renewing its lease, or whose message was lost, go on the queue again."""
        if queue is None:
            return
        for course, submission_id in jobs.to_queue_again():
            log.info("submission %d of %s is queued for grading again", submission_id, course)
            queue.enqueue(course, submission_id)

    log.info("exchange for %s in %s; grading on submit %s", ", ".join(courses), folder,
             f"through {queue_url}" if queue else "off")
    # A little over the largest archive: tornado refuses a bigger body before reading it.
    serve(make_app(store, roster, courses, hub.prefix, queue), hub, log=log,
          max_body_size=MAX_ARCHIVE_BYTES + 1_000_000, at_start=[roster.fresh, sweep], every=[(sweep, 10.0)])
    store.engine.dispose()


if __name__ == "__main__":
    main()
