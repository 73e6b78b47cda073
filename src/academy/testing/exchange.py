"""The exchange service as a learner, an instructor or an intruder reaches it through a real hub.

``Caller`` speaks the service's HTTP API with someone's hub token; ``nbgrader`` runs the real nbgrader
command in a folder set up as a hub-started server's (the ``ExchangeFactory`` lines, the exchange's address
and the token in the environment), so the tests drive the exchange exactly as the Assignments tab and the
formgrader do. The rest finds and restarts the service's process, for the tests that kill it.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import requests

from ..exchange import archive, nbgrader_config_lines

COURSE = "accelerator"
NBGRADER = Path(sys.executable).parent / "nbgrader"
SERVICE_MODULE = "academy.exchange.service"


def api_url(hub_url: str) -> str:
    return f"{hub_url.rstrip('/')}/services/exchange/api"


@dataclass
class Caller:
    """Someone with a hub token (or none: ``token=""``), calling the exchange's API through the hub's proxy."""

    hub_url: str
    token: str = ""

    def __call__(self, method: str, path: str, body: bytes | None = None, **params: str) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"} if self.token else {}
        return requests.request(method, f"{api_url(self.hub_url)}/{path.lstrip('/')}", data=body, params=params,
                                headers=headers, timeout=60, allow_redirects=False)

    def course(self, method: str, path: str, body: bytes | None = None, **params: str) -> requests.Response:
        return self(method, f"courses/{COURSE}/{path.lstrip('/')}", body, **params)

    def submit(self, assignment: str, data: bytes, **params: str) -> dict:
        answer = self.course("POST", f"assignments/{assignment}/submissions", data, **params)
        assert answer.status_code == 201, f"HTTP {answer.status_code}: {answer.text[:300]}"
        return answer.json()

    def submissions(self, **params: str) -> list[dict]:
        answer = self.course("GET", "submissions", None, **params)
        assert answer.status_code == 200, f"HTTP {answer.status_code}: {answer.text[:300]}"
        return answer.json()["submissions"]

    def grade_on_submit(self, assignment: str, on: bool) -> bool:
        """Turn grading on submit on or off for a module (an instructor's token, as their policy page does);
        returns whether it was on."""
        was = self.course("GET", f"assignments/{assignment}/policy").json()["grade_on_submit"]
        answer = self.course("PUT", f"assignments/{assignment}/policy", json.dumps({"grade_on_submit": on}).encode())
        assert answer.status_code == 200, f"HTTP {answer.status_code}: {answer.text[:300]}"
        return was

    def raw(self, method: str, path: str) -> int:
        """The status for a path sent exactly as written (``requests`` would tidy ``..`` and ``%2e`` away)."""
        url = urlparse(self.hub_url)
        conn = socket.create_connection((url.hostname, url.port), timeout=30)
        try:
            auth = f"Authorization: token {self.token}\r\n" if self.token else ""
            conn.sendall(f"{method} {path} HTTP/1.1\r\nHost: {url.netloc}\r\n{auth}Content-Length: 0\r\n"
                         "Connection: close\r\n\r\n".encode())
            head = conn.recv(4096).decode("latin-1")
        finally:
            conn.close()
        return int(head.split(" ", 2)[1])


def submission(marker: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A submission's archive: a notebook saying ``marker`` (so each version is told apart), and ``extra`` files."""
    notebook = json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": marker}], "metadata": {},
                           "nbformat": 4, "nbformat_minor": 5}).encode()
    return archive.of_files({"m01.ipynb": notebook, **(extra or {})})


def hostile_archive(name: str) -> bytes:
    """A gzipped tar naming one file ``name`` as given (``../x``, ``/tmp/x``): what a forged client could send."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as packed, tarfile.open(fileobj=packed, mode="w") as tar:
        for member, content in (("m01.ipynb", b"{}"), (name, b"escaped")):
            info = tarfile.TarInfo(member)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def nbgrader_folder(folder: Path) -> Path:
    """A folder whose ``nbgrader_config.py`` sends every exchange step to the service (as the hub's configs do)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "nbgrader_config.py"
    before = config.read_text() if config.exists() else "c = get_config()  # noqa: F821\n"
    config.write_text(before + nbgrader_config_lines() + f"c.CourseDirectory.course_id = '{COURSE}'\n")
    return folder


def nbgrader(folder: Path, hub_url: str, token: str, *args: str) -> subprocess.CompletedProcess:
    """The real ``nbgrader`` command in ``folder``, as someone's hub-started server runs it; must succeed.

    Only the folder's config counts (no JUPYTER_CONFIG_PATH); alembic is on PATH for the gradebook."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("JUPYTER_CONFIG_PATH", "JUPYTERHUB_USER", "ACADEMY_LEARNER", "JUPYTERHUB_API_TOKEN")}
    env.update(ACADEMY_EXCHANGE_URL=f"{hub_url.rstrip('/')}/services/exchange/", JUPYTERHUB_API_TOKEN=token,
               PATH=f"{NBGRADER.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([str(NBGRADER), *args], cwd=folder, env=env, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
    return done


# -- the service's process -----------------------------------------------------------------------------------


def service_pid(state: Path) -> int | None:
    """The exchange service the hub with this state folder runs, if one is running."""
    wanted = f"ACADEMY_EXCHANGE_DIR={state / 'exchange-service'}".encode()
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            cmd = (pid_dir / "cmdline").read_bytes()
            env = (pid_dir / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if SERVICE_MODULE.encode() in cmd and wanted in env:
            return int(pid_dir.name)
    return None


def process_launch(pid: int) -> tuple[list[str], dict[str, str], str]:
    """A process's command line, environment and folder: enough to start it again as it was."""
    proc = Path("/proc") / str(pid)
    cmd = [part.decode() for part in (proc / "cmdline").read_bytes().split(b"\0") if part]
    env = dict(item.decode().split("=", 1) for item in (proc / "environ").read_bytes().split(b"\0") if b"=" in item)
    return cmd, env, os.readlink(proc / "cwd")


class SlowUpload:
    """A submission whose body arrives in pieces over one connection, so the service can be stopped mid-body."""

    def __init__(self, hub_url: str, token: str, assignment: str, data: bytes) -> None:
        url = urlparse(hub_url)
        self.data, self.sent = data, 0
        self.conn = socket.create_connection((url.hostname, url.port), timeout=30)
        path = f"{urlparse(api_url(hub_url)).path}/courses/{COURSE}/assignments/{assignment}/submissions"
        self.conn.sendall(f"POST {path} HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: token {token}\r\n"
                          f"Content-Type: application/gzip\r\nContent-Length: {len(data)}\r\n\r\n".encode())

    def send(self, fraction: float) -> None:
        """Send the body up to ``fraction`` of it."""
        upto = int(len(self.data) * fraction)
        self.conn.sendall(self.data[self.sent:upto])
        self.sent = upto

    def finish(self) -> str:
        """Send the rest, if the other end still listens; the status line that came back ("" for none)."""
        try:
            self.conn.sendall(self.data[self.sent:])
            self.sent = len(self.data)
            return self.conn.recv(4096).decode("latin-1").split("\r\n", 1)[0]
        except OSError:
            return ""
        finally:
            self.conn.close()
