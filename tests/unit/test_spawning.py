"""A learner's server counts as ready the moment it listens, and its start runs no Node.js."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from academy.hub import spawning


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _SlowServer:
    """A spawner's base as the mixin sees it: start() returns an address long before anything listens there."""

    start_timeout = 60

    def __init__(self, listen_after: float | None, exit_after: float | None = None) -> None:
        self.listen_after, self.exit_after = listen_after, exit_after
        self.port, self.began, self.server = _free_port(), 0.0, None

    async def start(self):
        self.began = time.monotonic()
        if self.listen_after is not None:
            async def listen() -> None:
                await asyncio.sleep(self.listen_after)
                self.server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", self.port)

            asyncio.get_running_loop().create_task(listen())
        return "127.0.0.1", self.port

    async def poll(self):
        if self.exit_after is not None and time.monotonic() - self.began > self.exit_after:
            return 1
        return None


class _Spawner(spawning.ReadyWhenListening, _SlowServer):
    pass


def _run(scenario):
    """Run a scenario on an event loop of its own thread, as the hub runs spawners on its loop (other tests in
    the same process may leave a loop marked running on theirs)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, scenario()).result()


def test_start_returns_once_the_server_listens_so_the_hub_finds_it_at_its_first_try() -> None:
    async def scenario() -> tuple[float, bool]:
        spawner = _Spawner(listen_after=0.6)
        await spawner.start()
        took = time.monotonic() - spawner.began
        up = await spawning.listening("127.0.0.1", spawner.port)
        spawner.server.close()
        return took, up

    took, up = _run(scenario)
    assert up, "start() returned before the server was listening"
    assert 0.6 <= took < 0.6 + 1.0, f"start() took {took:.2f} s for a server that listened after 0.6 s"


def test_a_server_that_dies_while_starting_is_handed_back_to_the_hub_without_waiting_out_the_limit() -> None:
    async def scenario() -> float:
        spawner = _Spawner(listen_after=None, exit_after=0.3)
        await spawner.start()
        return time.monotonic() - spawner.began

    took = _run(scenario)
    assert took < 3, f"start() waited {took:.1f} s on a server that had already exited"


def test_a_server_that_never_listens_is_left_to_the_hubs_own_time_limit() -> None:
    class Quick(_Spawner):
        start_timeout = spawning.MARGIN_S + 0.5

    async def scenario() -> float:
        spawner = Quick(listen_after=None)
        await spawner.start()
        return time.monotonic() - spawner.began

    took = _run(scenario)
    assert 0.4 <= took < 2.5, f"start() waited {took:.1f} s; it should hand over {spawning.MARGIN_S} s before the limit"


def _jupyterlab_import_runs_node(tmp_path: Path, through_academy: bool) -> bool:
    """Import JupyterLab's server app as a learner's server does, with a `node` on the PATH that leaves a mark."""
    bin_dir, mark = tmp_path / "bin", tmp_path / "node-ran"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "node").write_text(f"#!/bin/sh\ntouch {mark}\necho '{{}}'\n")
    (bin_dir / "node").chmod(0o755)
    mark.unlink(missing_ok=True)
    prologue = "import academy.hub.singleuser; academy.hub.singleuser.quicken(); " if through_academy else ""
    subprocess.run([sys.executable, "-c", prologue + "import jupyterlab.labapp"], check=True, timeout=120,
                   env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
                   capture_output=True)
    return mark.exists()


def test_a_learners_server_start_runs_no_nodejs(tmp_path: Path) -> None:
    assert _jupyterlab_import_runs_node(tmp_path, through_academy=False), \
        "JupyterLab no longer asks Node.js at import: the work-around in academy.hub.singleuser can go"
    assert not _jupyterlab_import_runs_node(tmp_path, through_academy=True)
