"""Real JupyterHubs for tests: started with ``academy hub start`` as a user would.

Each hub gets its own state folder, a copy of the course (so grading in a test
never touches the repository's course folder), a free loopback port and the
real configurable-http-proxy; stopping it sends SIGTERM, as Ctrl-C would, and
kills whatever is left only if the hub fails to clean up.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from academy.hub.settings import REPO_ROOT, free_port
from academy.testing.hub_client import HubSession, wait_until_up

COURSE = REPO_ROOT / "courses" / "accelerator"


def copy_course(dest: Path, modules: tuple[str, ...] | None = None) -> Path:
    dest.mkdir(parents=True)
    for name in ("nbgrader_config.py", "curriculum.toml"):
        shutil.copy(COURSE / name, dest / name)
    for src in sorted((COURSE / "source").iterdir()):
        if modules is None or src.name in modules:
            shutil.copytree(src, dest / "source" / src.name)
            if (COURSE / "modules" / src.name).is_dir():  # the module's checks and answers
                shutil.copytree(COURSE / "modules" / src.name, dest / "modules" / src.name,
                                ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def hub_env(state: Path, course: Path, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACADEMY_")}
    env.update(ACADEMY_HUB_STATE=str(state), ACADEMY_HUB_PORT=str(port), ACADEMY_HUB_COURSES=str(course), **extra)
    return env


@dataclass
class RunningHub:
    url: str
    state: Path
    course: Path
    log: Path
    proc: subprocess.Popen
    accounts: dict[str, str] = field(default_factory=dict)

    def session(self, name: str) -> HubSession:
        return HubSession(self.url).login(name, self.accounts[name])

    def stop(self, timeout: float = 30.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        return self.proc.returncode


def start_hub(base: Path, modules: tuple[str, ...] | None = None, mode: str = "local",
              python: str = sys.executable, **extra: str) -> RunningHub:
    """``python``: the interpreter the hub runs on (production tests need one learners' accounts can run)."""
    state, course = base / "state", copy_course(base / "course", modules)
    port = free_port()
    log = base / "hub.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([python, "-m", "academy", "hub", "start", "--mode", mode],
                                env=hub_env(state, course, port, **extra), stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    hub = RunningHub(f"http://127.0.0.1:{port}", state, course, log, proc)
    try:
        # Preparing the courses comes first; a hub that fails stops the wait at once, so a slow machine may take long.
        wait_until_up(hub.url, timeout=420, alive=lambda: proc.poll() is None)
    except Exception:
        hub.stop()
        raise RuntimeError(f"hub did not start:\n{log.read_text()[-3000:]}") from None
    accounts_file = state / "demo-accounts.json"
    if accounts_file.exists():
        hub.accounts = json.loads(accounts_file.read_text())
    return hub


def processes_with(marker: str) -> list[str]:
    """Command lines of live processes that mention ``marker`` (a test's own state folder)."""
    found = []
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            cmd = (pid_dir / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            env = (pid_dir / "environ").read_bytes()
        except OSError:
            continue
        if marker in cmd or marker.encode() in env:
            found.append(f"{pid_dir.name}: {cmd[:150]}")
    return found


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()
