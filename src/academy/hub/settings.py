"""Where the hub listens and keeps its state, read once from the environment.

Every setting has a default that works on a fresh clone, so ``make demo``
needs none; each is one ``ACADEMY_HUB_*`` variable (declared in
:mod:`academy.settings`) so that a council's IT team can move the state, the
database or the port without editing Python. Bad values become one
:class:`HubConfigError` sentence, never a traceback.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import settings as S
from ..course import course_id
from ..errors import SettingError

#: The checkout whose ``courses/``, ``hub-config/`` and ``node_modules/`` the defaults point into.
REPO_ROOT = S.PROJECT_ROOT


class HubConfigError(SettingError):
    """A setting that cannot work, described so that whoever set it can fix it."""


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
    ip: str = S.get("ACADEMY_HUB_IP", {})
    port: int = S.get("ACADEMY_HUB_PORT", {})
    state: Path = REPO_ROOT / "hub-config" / "state"
    db_url: str = ""
    progress_db_url: str = ""
    exchange_db_url: str = ""
    courses: tuple[Path, ...] = (REPO_ROOT / "courses" / "accelerator",)
    proxy: tuple[str, ...] = (str(REPO_ROOT / "node_modules" / ".bin" / "configurable-http-proxy"),)
    formgrader_port: int = 0
    idle_timeout: int = S.get("ACADEMY_HUB_IDLE_TIMEOUT", {})

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
        """The exchange service's own folder of releases, submissions and feedback (its account's alone)."""
        return self.state / "exchange-service"

    @property
    def exchange_url(self) -> str:
        """The exchange's records: SQLite in its folder unless ACADEMY_EXCHANGE_DB_URL names a database."""
        return self.exchange_db_url or f"sqlite:///{self.exchange / 'exchange.sqlite'}"

    @property
    def homes(self) -> Path:
        return self.state / "users"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, check: bool = True) -> HubSettings:
        """``check=False``: only parse (a container image build has no course or proxy to look at)."""
        try:
            found = {field: S.get(var, env) for field, var in FIELDS.items()}
        except SettingError as exc:
            raise HubConfigError(str(exc)) from None
        settings = cls(**{field: value for field, value in found.items() if value is not None})
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


#: Which setting fills each field of :class:`HubSettings` (the table in academy.settings says the rest).
FIELDS = {
    "ip": "ACADEMY_HUB_IP", "port": "ACADEMY_HUB_PORT", "state": "ACADEMY_HUB_STATE", "db_url": "ACADEMY_HUB_DB_URL",
    "progress_db_url": "ACADEMY_PROGRESS_DB_URL", "exchange_db_url": "ACADEMY_EXCHANGE_DB_URL",
    "courses": "ACADEMY_HUB_COURSES", "proxy": "ACADEMY_HUB_PROXY",
    "formgrader_port": "ACADEMY_HUB_FORMGRADER_PORT", "idle_timeout": "ACADEMY_HUB_IDLE_TIMEOUT",
}
