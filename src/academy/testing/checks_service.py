"""The real checks service application in a thread, with the hub's log-in played by one fixed learner.

For tests of the notebook's client and the wire format against the service's own handlers and judging:
everything but the hub is real. The hub itself is in the integration tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

from ..checks import web as checks_web
from ..checks.judge import Judge
from ..exercises import wire
from ..hub.settings import free_port
from ..progress.store import ProgressStore


async def _no_hub_to_ask(self: checks_web.CheckHandler) -> None:
    """Who is asking is already known: no trip to a hub."""


@contextlib.contextmanager
def serve_checks(judge: Judge, store: ProgressStore, learner: str) -> Iterator[str]:
    """The service's URL while it runs, every request made as ``learner``."""
    port, started, loop_box = free_port(), threading.Event(), {}
    original = checks_web.CheckHandler.get_current_user, checks_web.CheckHandler.prepare
    checks_web.CheckHandler.get_current_user = lambda self: {"name": learner}  # type: ignore[method-assign]
    checks_web.CheckHandler.prepare = _no_hub_to_ask  # type: ignore[method-assign]

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        checks_web.make_app(judge, store, "/services/checks/").listen(
            port, "127.0.0.1", max_body_size=wire.MAX_BUNDLE_BYTES)
        loop_box["loop"] = loop
        started.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    started.wait(10)
    try:
        yield f"http://127.0.0.1:{port}/services/checks/"
    finally:
        loop_box["loop"].call_soon_threadsafe(loop_box["loop"].stop)
        checks_web.CheckHandler.get_current_user, checks_web.CheckHandler.prepare = original  # type: ignore[method-assign]
