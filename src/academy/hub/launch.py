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

from . import accounts, prepare
from .settings import REPO_ROOT, HubConfigError, HubSettings

CONFIGS = {
    "local": REPO_ROOT / "hub-config" / "jupyterhub_config.py",
    "production": REPO_ROOT / "hub-config" / "production" / "jupyterhub_config.py",
}


def preflight(settings: HubSettings) -> None:
    settings.check_port_free()
    if not shutil.which("node") and Path(settings.proxy[0]).name == "configurable-http-proxy":
        raise HubConfigError("Node.js is not installed, and the proxy needs it: install node (20 or later)")


def command(mode: str) -> list[str]:
    if mode not in CONFIGS:
        raise HubConfigError(f"unknown hub mode {mode!r}: use one of {', '.join(CONFIGS)}")
    return [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(CONFIGS[mode])]


def start(settings: HubSettings, mode: str = "local", log=print) -> None:
    """Never returns: replaces this process with JupyterHub (so Ctrl-C and signals reach it directly)."""
    argv = command(mode)
    preflight(settings)
    log(f"Preparing {settings.state} and releasing the course modules…")
    prepare.prepare(settings, log, one_os_user=(mode == "local"))
    if mode == "local":
        log(accounts.login_text(settings.url, accounts.load_or_create(settings.state)))
        log("(`academy hub accounts` prints these again.) Stop the hub with Ctrl-C.")
    else:
        log(f"Starting the hub on {settings.url}.")
    sys.stdout.flush()
    os.chdir(settings.state)
    os.execv(argv[0], argv)
