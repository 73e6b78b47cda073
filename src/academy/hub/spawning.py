"""Learners' servers that the hub sees as ready the moment they listen.

After a spawner's ``start()`` the hub polls the new server over HTTP with
exponential backoff and random jitter (0.2 s, then up to 0.4, 0.8, 1.6, 3.2 and
5 s between tries). Under a class logging in at once a server that took 4 s
to start was often noticed only 1-3 s later, which was most of the difference
between the median learner and the slowest. Here ``start()`` itself waits,
trying the server's port every 50 ms, so the hub's first poll finds it up.

A server that never listens is left to the hub exactly as before: the wait
ends when the process exits or the hub's own time limit would be near, and the
hub then reports it in its usual words.
"""

from __future__ import annotations

import asyncio
import time

from jupyterhub.spawner import SimpleLocalProcessSpawner

#: Seconds between tries of a starting server's port.
POLL_S = 0.05
#: How close to the hub's start_timeout the wait may run before handing over to the hub's own poll.
MARGIN_S = 2.0


async def listening(ip: str, port: int) -> bool:
    """Whether something accepts connections at ip:port (loopback for a wildcard address)."""
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(ip, ip)
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=1.0)
    except (TimeoutError, OSError):
        return False
    writer.close()
    return True


class ReadyWhenListening:
    """A local-process spawner mixin: ``start()`` returns once the server accepts connections."""

    async def start(self):
        began = time.monotonic()
        started = await super().start()
        ip, port = started if isinstance(started, tuple) else (self.ip, self.port)
        limit = began + max(0.0, float(self.start_timeout) - MARGIN_S)
        while time.monotonic() < limit:
            if await listening(ip or "127.0.0.1", port):
                break
            if await self.poll() is not None:  # exited: the hub says why
                break
            await asyncio.sleep(POLL_S)
        return started


class LearnerSpawner(ReadyWhenListening, SimpleLocalProcessSpawner):
    """The one-machine hub's spawner: every server a process of the hub's own user, ready when listening."""
