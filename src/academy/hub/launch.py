"""``academy hub start``: check, prepare, say how to log in, then become JupyterHub.

The checks run before JupyterHub does, because the failures a newcomer meets
(port taken, proxy not installed, a bad setting) surface from inside
JupyterHub as tracebacks or, worse, as a hub that starts and cannot serve.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

from . import accounts, prepare, production
from .settings import REPO_ROOT, HubConfigError, HubSettings

CONFIGS = {
    "local": REPO_ROOT / "hub-config" / "jupyterhub_config.py",
    "production": REPO_ROOT / "hub-config" / "production" / "jupyterhub_config.py",
}


def preflight(settings: HubSettings) -> None:
    settings.check_port_free()
    if not shutil.which("node") and Path(settings.proxy[0]).name == "configurable-http-proxy":
        raise HubConfigError("Node.js is not installed, and the proxy needs it: install node (20 or later)")


def unreachable_by_others(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other accounts cannot enter, if any."""
    for folder in reversed(path.parents):
        if not folder.stat().st_mode & 0o001:
            return folder
    return None


def check_python_for_learners() -> None:
    """Production servers run as learners' own accounts, on the hub's Python: they must be able to run it."""
    for path in (Path(sys.executable), Path(sys.executable).resolve()):
        blocked = unreachable_by_others(path)
        if blocked:
            raise HubConfigError(
                f"learners' accounts cannot run {path}: {blocked} is closed to other users. Install the "
                f"project with a Python they can reach, e.g. `/usr/bin/python3 -m venv /opt/academy/venv` "
                f"(see hub-config/production/README.md)")


def command(mode: str) -> list[str]:
    if mode not in CONFIGS:
        raise HubConfigError(f"unknown hub mode {mode!r}: use one of {', '.join(CONFIGS)}")
    return [sys.executable, "-m", "jupyterhub", "-f", str(CONFIGS[mode])]


#: After the hub answers, how long its services' pages are waited for before the log-in text is printed anyway.
SERVICES_WAIT_S = 30.0


def announce_when_ready(url: str, text: str, timeout: float = 300.0,
                        pages: tuple[str, ...] = ("/hub/api/",)) -> None:
    """Print ``text`` once every one of ``pages`` answers at ``url``, from a small child process that outlives
    the exec.

    Printed before JupyterHub has started, an "Open http://…" line sends a newcomer to a page that fails
    for the next ten seconds or so; the hub answers a moment before the proxy routes its services, so a link
    to a service waits for that service's own page. The child gives up when the hub exits or ``timeout``
    passes.
    """
    import time
    import urllib.request

    hub_pid = os.getpid()
    if os.fork() != 0:
        return
    try:  # pragma: no cover - the child; tests read what it prints in the hub's log
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the hub; this ends when the hub does
        deadline = time.monotonic() + timeout
        # Straight to the hub on this machine: a council's http_proxy setting must not carry the question away.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        waiting, first_answer = list(pages), None
        while waiting and time.monotonic() < deadline and os.getppid() == hub_pid:
            try:  # redirects are followed: a service's page sends a visitor to the hub's login, which answers
                with opener.open(f"{url.rstrip('/')}{waiting[0]}", timeout=2) as answer:
                    if answer.status == 200:
                        waiting.pop(0)
                        first_answer = first_answer or time.monotonic()
                        continue
            except OSError:  # refused, or an HTTP error: a service not routed yet is the hub's 404
                pass
            if first_answer and time.monotonic() - first_answer > SERVICES_WAIT_S:
                break  # a service that never comes is the hub's log to explain; logging in still works
            time.sleep(0.25)
        if first_answer:
            print(text, flush=True)
    finally:
        os._exit(0)


def start(settings: HubSettings, mode: str = "local", log=print) -> None:
    """Never returns: replaces this process with JupyterHub (so Ctrl-C and signals reach it directly)."""
    argv = command(mode)
    preflight(settings)
    prod = production.ProductionSettings.from_env() if mode == "production" else None
    if prod:
        if os.geteuid() != 0:
            raise HubConfigError("the production hub runs each learner as their own system user, so it must be "
                                 "started as root (sudo academy hub start --mode production)")
        check_python_for_learners()
    log(f"Preparing {settings.state} and releasing the course modules…")
    prepare.prepare(settings, log, one_os_user=prod is None)
    if prod:
        production.hand_courses_to_grader(settings, prod)
    if mode == "local":
        for course in settings.courses:
            accounts.name_demo_learners(course)
        ready = (accounts.login_text(settings.url, accounts.load_or_create(settings.state))
                 + "\n(`academy hub accounts` prints these again.) Stop the hub with Ctrl-C.")
        pages: tuple[str, ...] = ("/hub/api/", accounts.PROGRESS_PAGE)
    else:
        ready, pages = f"The hub answers on {settings.url}.", ("/hub/api/",)
    log(f"Starting the hub on {settings.url}; how to log in follows once it answers…")
    sys.stdout.flush()
    announce_when_ready(settings.url, ready, pages=pages)
    # Started from a script's background job, this process ignores Ctrl-C, and JupyterHub and every service
    # would inherit that: the hub then stops each service only after its interrupt times out. Default it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.chdir(settings.state)
    os.execv(argv[0], argv)
