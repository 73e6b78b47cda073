"""``academy hub start``: check, prepare, say how to log in, then become JupyterHub.

The checks run before JupyterHub does, because the failures a newcomer meets
(port taken, proxy not installed, a bad setting) surface from inside
JupyterHub as tracebacks or, worse, as a hub that starts and cannot serve.
"""

from __future__ import annotations

import os
import shutil
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
        log(accounts.login_text(settings.url, accounts.load_or_create(settings.state)))
        log("(`academy hub accounts` prints these again.) Stop the hub with Ctrl-C.")
    else:
        log(f"Starting the hub on {settings.url}.")
    sys.stdout.flush()
    os.chdir(settings.state)
    os.execv(argv[0], argv)
