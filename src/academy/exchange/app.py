"""The exchange's tornado application: its routes (``web``, ``web_policy``, ``web_grading``, and ``pages`` for
people) and the parts every handler reaches through its settings."""

from __future__ import annotations

import logging
import re
from typing import Any

from tornado import web

from ..services.app import service_app
from . import pages, web_grading, web_policy
from . import web as files
from .jobs import GradingJobs
from .policies import PolicyBook
from .queue import Enqueuer
from .roster import Roster
from .store import ExchangeStore

log = logging.getLogger("academy.exchange")


def make_app(store: ExchangeStore, roster: Roster, courses: list[str], prefix: str,
             queue: Enqueuer | None = None, **settings: Any) -> web.Application:
    """``queue``: where submissions go to be graded on submit (none: collected by hand, as with nbgrader)."""
    for name in courses:
        if not re.fullmatch(files.ID, name):
            raise ValueError(f"course id {name!r} is not one nbgrader accepts")
    routes = files.routes() + web_policy.routes() + web_grading.routes() + pages.routes()
    return service_app(prefix, routes, log=log, store=store, roster=roster, courses=list(courses),
                       policies=PolicyBook(store.engine), jobs=GradingJobs(store.engine), queue=queue, **settings)
