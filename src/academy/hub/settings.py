"""Where the hub listens and keeps its state, read once from the environment.

Every setting has a default that works on a fresh clone, so ``make demo``
needs none; each is one ``ACADEMY_HUB_*`` variable so that a council's IT team
can move the state, the database or the port without editing Python. Bad
values become one :class:`HubConfigError` sentence, never a traceback.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path

#: The repository this package was installed from (editable install).
REPO_ROOT = Path(__file__).resolve().parents[3]

#: The environment variables read here, with what each one sets (shown by ``academy hub settings``).
VARIABLES = {
    "ACADEMY_HUB_IP": "address the hub listens on (default 127.0.0.1)",
    "ACADEMY_HUB_PORT": "port the hub listens on (default 8000)",
    "ACADEMY_HUB_STATE": "folder for the hub's database, secrets, users' homes and the exchange (default hub-config/state)",
    "ACADEMY_HUB_DB_URL": "SQLAlchemy URL of the hub's database (default SQLite in the state folder)",
    "ACADEMY_PROGRESS_DB_URL": "SQLAlchemy URL of the progress store (default SQLite in the state folder)",
    "ACADEMY_PROGRESS_URL": "where learners' notebooks send check attempts (the hub sets it for each server)",
    "ACADEMY_HUB_COURSES": "comma-separated course folders served (default courses/accelerator)",
    "ACADEMY_HUB_PROXY": "configurable-http-proxy command (default node_modules/.bin/configurable-http-proxy)",
    "ACADEMY_HUB_FORMGRADER_PORT": "loopback port of the formgrader service (default: a free one)",
    "ACADEMY_HUB_IDLE_TIMEOUT": "seconds before an idle learner server is stopped (default 3600; 0 turns culling off)",
}


class HubConfigError(ValueError):
    """A setting that cannot work, described so that whoever set it can fix it."""


def _port(name: str, text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise HubConfigError(f"{name}={text!r} is not a port number (use a whole number such as 8000)") from None
    if not 1 <= port <= 65535:
        raise HubConfigError(f"{name}={port} is outside 1-65535")
    return port


def free_port(ip: str = "127.0.0.1") -> int:
    """A port nothing listens on now (the kernel picks it)."""
    with socket.socket() as s:
        s.bind((ip, 0))
        return s.getsockname()[1]


def port_in_use(ip: str, port: int) -> bool:
    """Whether binding ``ip:port`` would fail, which is what JupyterHub is about to try."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
        except OSError:
            return True
    return False


@dataclass(frozen=True)
class HubSettings:
    ip: str = "127.0.0.1"
    port: int = 8000
    state: Path = REPO_ROOT / "hub-config" / "state"
    db_url: str = ""
    progress_db_url: str = ""
    courses: tuple[Path, ...] = (REPO_ROOT / "courses" / "accelerator",)
    proxy: tuple[str, ...] = (str(REPO_ROOT / "node_modules" / ".bin" / "configurable-http-proxy"),)
    formgrader_port: int = 0
    idle_timeout: int = 3600

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{self.state / 'jupyterhub.sqlite'}"

    @property
    def progress_dir(self) -> Path:
        """The progress service's own folder (in production it belongs to the account the service runs as)."""
        return self.state / "progress"

    @property
    def progress_url(self) -> str:
        return self.progress_db_url or f"sqlite:///{self.progress_dir / 'progress.sqlite'}"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.ip in ("", "0.0.0.0") else self.ip
        return f"http://{host}:{self.port}"

    @property
    def exchange(self) -> Path:
        return self.state / "exchange"

    @property
    def homes(self) -> Path:
        return self.state / "users"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, check: bool = True) -> "HubSettings":
        """``check=False``: only parse (a container image build has no course or proxy to look at)."""
        env = os.environ if env is None else env

        def get(name: str) -> str:
            return env.get(name, "").strip()

        kwargs: dict = {}
        if get("ACADEMY_HUB_IP"):
            kwargs["ip"] = get("ACADEMY_HUB_IP")
        if get("ACADEMY_HUB_PORT"):
            kwargs["port"] = _port("ACADEMY_HUB_PORT", get("ACADEMY_HUB_PORT"))
        if get("ACADEMY_HUB_STATE"):
            kwargs["state"] = Path(get("ACADEMY_HUB_STATE")).expanduser().resolve()
        for variable, field in (("ACADEMY_HUB_DB_URL", "db_url"), ("ACADEMY_PROGRESS_DB_URL", "progress_db_url")):
            url = get(variable)
            if url and not re.match(r"^[a-z][a-z0-9+]*://", url):
                raise HubConfigError(f"{variable}={url!r} is not a database URL "
                                     "(examples: sqlite:////srv/academy/hub.sqlite, postgresql://hub@db/hub)")
            if url:
                kwargs[field] = url
        if get("ACADEMY_HUB_COURSES"):
            kwargs["courses"] = tuple(Path(p.strip()).expanduser().resolve()
                                      for p in get("ACADEMY_HUB_COURSES").split(",") if p.strip())
        if get("ACADEMY_HUB_PROXY"):
            kwargs["proxy"] = tuple(get("ACADEMY_HUB_PROXY").split())
        if get("ACADEMY_HUB_FORMGRADER_PORT"):
            kwargs["formgrader_port"] = _port("ACADEMY_HUB_FORMGRADER_PORT", get("ACADEMY_HUB_FORMGRADER_PORT"))
        if get("ACADEMY_HUB_IDLE_TIMEOUT"):
            text = get("ACADEMY_HUB_IDLE_TIMEOUT")
            if not text.isdigit():
                raise HubConfigError(f"ACADEMY_HUB_IDLE_TIMEOUT={text!r} is not a number of seconds")
            kwargs["idle_timeout"] = int(text)
        settings = cls(**kwargs)
        if check:
            settings.check()
        return settings

    def check(self) -> None:
        """Fail early, in words, on what would otherwise fail deep inside JupyterHub."""
        if not self.courses:
            raise HubConfigError("ACADEMY_HUB_COURSES names no course folder")
        for course in self.courses:
            if not (course / "nbgrader_config.py").is_file():
                raise HubConfigError(f"ACADEMY_HUB_COURSES: {course} is not an nbgrader course folder "
                                     "(no nbgrader_config.py there)")
        ids = [course_id(c) for c in self.courses]
        if len(set(ids)) != len(ids):
            raise HubConfigError(f"ACADEMY_HUB_COURSES: two course folders share a course id ({', '.join(ids)})")
        proxy = Path(self.proxy[0])
        if proxy.parent != Path(".") and not proxy.exists():
            raise HubConfigError(f"the proxy {self.proxy[0]} is not installed: run `npm install` in {REPO_ROOT} "
                                 "(make demo does), or point ACADEMY_HUB_PROXY at it")
        if self.state.exists() and not self.state.is_dir():
            raise HubConfigError(f"ACADEMY_HUB_STATE={self.state} is a file, not a folder")

    def check_port_free(self) -> None:
        if port_in_use(self.ip, self.port):
            raise HubConfigError(f"port {self.port} on {self.ip} is already in use (another hub?): stop it, "
                                 f"or start on another port with ACADEMY_HUB_PORT=8001")


def course_id(course: Path) -> str:
    """The course id nbgrader uses: the one set in the course's config, else the folder name."""
    text = (course / "nbgrader_config.py").read_text(encoding="utf-8", errors="replace")
    found = re.search(r"""course_id\s*=\s*["']([^"']+)["']""", text)
    return found.group(1) if found else course.name
