"""A hub service's tornado application, and running it as the hub's managed service.

Routes are written under the service's prefix; the health check and the
OAuth callback every service needs are added here. Requests are logged one
line each, except the successes of routes called many times a second, which
would drown everything else. ``serve`` listens where the hub said, refuses
request bodies over a megabyte (before reading them), runs the service's
periodic jobs and stops cleanly on SIGTERM or Ctrl-C (how the hub stops its
services).
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

from tornado import ioloop, web

from .handlers import Health, OAuthCallback
from .settings import HubService

#: Nothing a notebook or a form sends comes near this; a bigger body is refused before it is read.
MAX_BODY_BYTES = 1_000_000

Job = Callable[[], Awaitable[None] | None]


def request_logger(log: logging.Logger, quiet: tuple[type, ...] = ()) -> Callable[[web.RequestHandler], None]:
    """Failures are logged at warning, successes at info, successes of ``quiet`` handlers at debug only."""
    quiet = (*quiet, Health)

    def log_request(handler: web.RequestHandler) -> None:
        status = handler.get_status()
        level = logging.WARNING if status >= 400 else logging.DEBUG if isinstance(handler, quiet) else logging.INFO
        log.log(level, "%d %s %s %.1f ms", status, handler.request.method, handler.request.uri,
                1000 * handler.request.request_time())

    return log_request


def service_app(prefix: str, routes: Iterable[tuple[str, type[web.RequestHandler]]], *, log: logging.Logger,
                quiet: tuple[type, ...] = (), **settings: Any) -> web.Application:
    """``routes``: (pattern under ``prefix``, handler), e.g. ``(r"/me", Me)``; ``settings`` reach every handler."""
    p = prefix.rstrip("/")
    table = [(p + pattern, handler) for pattern, handler in routes]
    table += [(rf"{p}/health", Health), (rf"{p}/oauth_callback", OAuthCallback)]
    # No tornado xsrf_cookies: it checks before the hub has said whether a request is token-authenticated.
    # JupyterHub's own check runs for every cookie-authenticated form post instead (forms carry xsrf_token).
    return web.Application(table, prefix=prefix, cookie_secret=os.urandom(32), log_function=request_logger(log, quiet),
                           compress_response=True, **settings)


#: Connections the operating system queues for a service before it accepts them (capped by net.core.somaxconn).
LISTEN_BACKLOG = 2048


def serve(app: web.Application, hub: HubService, *, log: logging.Logger, at_start: Sequence[Job] = (),
          every: Sequence[tuple[Job, float]] = (), max_body_size: int = MAX_BODY_BYTES) -> None:
    """Listen where the hub said and run until stopped. ``every``: (job, seconds) to run on a timer."""
    # A class pressing "check" at the same moment opens hundreds of connections at once: tornado's default queue
    # of 128 waiting connections would drop the rest, and each dropped one waits a second to try again.
    app.listen(hub.port, hub.host, xheaders=True, max_body_size=max_body_size, backlog=LISTEN_BACKLOG)
    loop = ioloop.IOLoop.current()
    for job in at_start:
        loop.add_callback(job)
    for job, seconds in every:
        ioloop.PeriodicCallback(job, 1000 * seconds).start()
    log.info("listening on %s:%d%s", hub.host, hub.port, hub.prefix)
    signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(loop.stop))
    try:
        loop.start()
    except KeyboardInterrupt:  # the hub stops its services with SIGINT (Ctrl-C): a normal way to end
        pass
