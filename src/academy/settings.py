"""Every setting of the platform, declared once.

A setting is one ``ACADEMY_*`` (or ``AZUREAD_*``) environment variable with its
default, its help text and how its text is read. Everything else is derived
from this table: :class:`academy.hub.settings.HubSettings`, the production
settings, ``academy hub settings``, the CLI's defaults and the README's
settings table (``tests/unit/test_docs.py`` holds the README to it), in the
manner of datasette's ``SETTINGS`` and JupyterHub's traits tagged with their
``env``. Adding a setting is one entry here plus its README row.

Bad values become one :class:`SettingError` sentence naming the variable.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SettingError

Parse = Callable[[str, str], Any]


def text(name: str, value: str) -> str:
    return value


def whole_number(name: str, value: str) -> int:
    if not re.fullmatch(r"\d+", value):
        raise SettingError(f"{name}={value!r} is not a whole number")
    return int(value)


def port(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise SettingError(f"{name}={value!r} is not a port number (use a whole number such as 8000)") from None
    if not 1 <= number <= 65535:
        raise SettingError(f"{name}={number} is outside 1-65535")
    return number


def seconds(name: str, value: str) -> int:
    if not value.isdigit():
        raise SettingError(f"{name}={value!r} is not a number of seconds")
    return int(value)


def positive_seconds(name: str, value: str) -> float:
    """A number of seconds above 0 (fractions allowed: tests run timers fast)."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number <= 0:
        raise SettingError(f"{name} must be a number of seconds above 0, e.g. 30; got {value!r}")
    return number


def database_url(name: str, value: str) -> str:
    if not re.match(r"^[a-z][a-z0-9+]*://", value):
        raise SettingError(f"{name}={value!r} is not a database URL "
                           "(examples: sqlite:////srv/academy/hub.sqlite, postgresql://hub@db/hub)")
    return value


def flag(name: str, value: str) -> bool:
    if value.lower() in ("1", "yes", "true", "on"):
        return True
    if value.lower() in ("0", "no", "false", "off"):
        return False
    raise SettingError(f"{name}={value!r} is neither 1 (on) nor 0 (off)")


def path(name: str, value: str) -> Path:
    return Path(value).expanduser().resolve()


def folder(name: str, value: str) -> Path:
    """A folder as written (relative ones stay relative to where the command runs)."""
    return Path(value).expanduser()


def paths(name: str, value: str) -> tuple[Path, ...]:
    return tuple(Path(p.strip()).expanduser().resolve() for p in value.split(",") if p.strip())


def names(name: str, value: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in value.split(",") if n.strip())


def words(name: str, value: str) -> tuple[str, ...]:
    return tuple(value.split())


def choice(*options: str) -> Parse:
    def parse(name: str, value: str) -> str:
        if value not in options:
            raise SettingError(f"{name}={value!r}: use one of {', '.join(options)}")
        return value
    return parse


@dataclass(frozen=True)
class Setting:
    """One variable. ``default`` is text read by ``parse`` like a set value; ``shown`` is the README's words
    for a default that is worked out at run time (then ``default`` is empty and the reader decides)."""

    env: str
    help: str
    default: str = ""
    parse: Parse = text
    shown: str = ""
    #: Set by the platform for its own processes (kernels, services), not by a person: kept out of the README.
    internal: bool = False
    secret: bool = False
    #: Who reads it: data, course, grading, kernel, hub, production, progress, testing.
    scope: str = "hub"

    @property
    def default_text(self) -> str:
        return self.shown or self.default or "none"

    def raw(self, env: Mapping[str, str] | None = None) -> str:
        return (os.environ if env is None else env).get(self.env, "").strip()

    def value(self, env: Mapping[str, str] | None = None) -> Any:
        """The parsed value: the variable if set, else the default (``None`` when there is neither)."""
        raw = self.raw(env) or self.default
        return self.parse(self.env, raw) if raw else None

    def is_set(self, env: Mapping[str, str] | None = None) -> bool:
        return bool(self.raw(env))


_ALL = (
    # Data and courses
    Setting("ACADEMY_DATA_DIR", "where `academy data make` writes unless `--out` is given",
            "datasets/generated", folder, scope="data"),
    Setting("ACADEMY_COURSE", "the course `academy grade` works on when `--course` is not given (inside a course "
            "folder: that course)", shown="courses/accelerator", scope="course"),
    Setting("ACADEMY_LEARNER", "whose data variant a kernel loads (set by graders)", shown="hub user name",
            scope="kernel"),
    Setting("ACADEMY_GRADER_SECRET", "seeds every learner's variant of the data and the grader's "
            "unseen data (the hub's services and `academy grade` must share it); unset: one is kept in the "
            "course folder", secret=True, scope="grading"),
    Setting("ACADEMY_GRADER_SECRET_FILE", "a file holding that secret", scope="grading"),
    Setting("ACADEMY_RELEASED_SOLUTIONS", "comma-separated module ids (or `*`) whose solutions learners may see",
            parse=names, scope="kernel"),
    Setting("ACADEMY_SANDBOX_UID_BASE", "first user id of the grading sandbox (ids need no accounts)",
            "400000", whole_number, scope="grading"),
    # The hub
    Setting("ACADEMY_HUB_IP", "where the hub listens", "127.0.0.1"),
    Setting("ACADEMY_HUB_PORT", "the port the hub listens on", "8000", port),
    Setting("ACADEMY_HUB_STATE", "the hub's database, secrets, users' homes and the exchange's folder",
            parse=path, shown="hub-config/state"),
    Setting("ACADEMY_HUB_DB_URL", "the hub's database (e.g. `postgresql://hub@db/hub`)", parse=database_url,
            shown="SQLite in the state folder"),
    Setting("ACADEMY_HUB_COURSES", "comma-separated course folders the hub serves", parse=paths,
            shown="courses/accelerator"),
    Setting("ACADEMY_HUB_PROXY", "the proxy command", parse=words,
            shown="node_modules/.bin/configurable-http-proxy"),
    Setting("ACADEMY_HUB_FORMGRADER_PORT", "loopback port of the formgrader service", parse=port,
            shown="a free port"),
    Setting("ACADEMY_HUB_IDLE_TIMEOUT", "seconds before an idle server stops (`0`: never)", "3600", seconds),
    Setting("ACADEMY_ACCESSIBILITY_CONTACT", "where the accessibility statement tells people to ask for another "
            "format or report a problem", "accessibility@council.example"),
    # Progress
    Setting("ACADEMY_PROGRESS_DB_URL", "the progress store (e.g. `postgresql+psycopg://academy@db/progress`)",
            parse=database_url, shown="SQLite in `<state>/progress/`", scope="progress"),
    Setting("ACADEMY_CHECKS_URL", "where learners' notebooks send answers to be checked (the hub sets it for "
            "each server)", internal=True, scope="kernel"),
    Setting("ACADEMY_PROGRESS_URL", "where a learner's server asks whether a module is open to them before it "
            "fetches it (the hub sets it for each server)", internal=True, scope="kernel"),
    Setting("ACADEMY_PROGRESS_COURSE", "the course folder the progress service serves (set by the hub)",
            parse=path, internal=True, scope="progress"),
    Setting("ACADEMY_PROGRESS_GRADEBOOK", "the gradebook the progress service reads (set by the hub)",
            internal=True, scope="progress"),
    Setting("ACADEMY_PROGRESS_SYNC_SECONDS", "seconds between the progress service's gradebook syncs", "60",
            positive_seconds, internal=True, scope="progress"),
    Setting("ACADEMY_PROGRESS_GROUPS_SECONDS", "seconds between the progress service's copies of the hub's groups",
            "30", positive_seconds, internal=True, scope="progress"),
    # The exchange
    Setting("ACADEMY_EXCHANGE_DB_URL", "the exchange's records of releases, submissions and feedback (e.g. "
            "`postgresql+psycopg://academy@db/exchange`)", parse=database_url,
            shown="SQLite in `<state>/exchange-service/`", scope="exchange"),
    Setting("ACADEMY_EXCHANGE_DIR", "the exchange service's folder of archives (set by the hub)", internal=True,
            scope="exchange"),
    Setting("ACADEMY_EXCHANGE_COURSES", "comma-separated course ids the exchange serves (set by the hub)",
            internal=True, scope="exchange"),
    Setting("ACADEMY_GRADE_ON_SUBMIT", "grade each submission as it arrives (`1`), or leave submissions for an "
            "instructor to collect and grade (`0`); per module, instructors may hold one for marking", "1", flag,
            scope="exchange"),
    Setting("ACADEMY_GRADING_QUEUE_URL", "the grading queue: a SQLite file by default, `redis://host:6379/0` for "
            "several grading workers", shown="SQLite in `<state>/exchange-service/`", scope="exchange"),
    Setting("ACADEMY_GRADING_WORKERS", "notebooks one grading worker grades at once", shown="the machine's cores",
            parse=whole_number, scope="exchange"),
    Setting("ACADEMY_GRADING_LEASE_SECONDS", "seconds a grading worker's claim on a job lasts unless renewed (a "
            "killed worker's jobs are graded again after it)", "45", positive_seconds, internal=True,
            scope="exchange"),
    Setting("ACADEMY_EXCHANGE_URL", "where learners' servers and the formgraders reach the exchange (the hub "
            "sets it for each)", internal=True, scope="kernel"),
    # Production only
    Setting("ACADEMY_HUB_ADMINS", "production: comma-separated hub admins (they approve sign-ups and manage "
            "groups)", parse=names, scope="production"),
    Setting("ACADEMY_HUB_AUTH", "production: how people log in, `native` (sign-up with admin approval) or "
            "`azuread`", "native", choice("native", "azuread"), scope="production"),
    Setting("ACADEMY_HUB_CLUBS", "production: comma-separated code clubs; each gets groups `<club>` and "
            "`<club>-organisers`", parse=names, scope="production"),
    Setting("ACADEMY_HUB_GRADER_USER", "production: the system account that owns the courses and runs the "
            "formgrader", "academy-grader", scope="production"),
    Setting("ACADEMY_HUB_PUBLIC_URL", "production: the hub's address as people reach it, e.g. "
            "`https://academy.example.gov.uk` (azuread)", scope="production"),
    Setting("AZUREAD_TENANT_ID", "production, azuread: the Azure AD (Entra ID) tenant id", scope="production"),
    Setting("AZUREAD_CLIENT_ID", "production, azuread: application (client) id of the hub's app registration",
            scope="production"),
    Setting("AZUREAD_CLIENT_SECRET", "production, azuread: client secret of that app registration", secret=True,
            scope="production"),
    # Kernels and tests
    Setting("ACADEMY_CAPTURE_DIR", "where hidden tests record answers for the grader (set by `academy grade`)",
            internal=True, scope="kernel"),
    Setting("ACADEMY_CHROMIUM", "the browser the browser tests drive", "/usr/bin/chromium", internal=True,
            scope="testing"),
    Setting("ACADEMY_TEST_ARTIFACTS", "where browser tests leave screenshots", "test-artifacts", internal=True,
            scope="testing"),
)

SETTINGS: dict[str, Setting] = {s.env: s for s in _ALL}


def setting(env: str) -> Setting:
    """The declaration of ``env``; an undeclared name is a bug, so it fails loudly."""
    try:
        return SETTINGS[env]
    except KeyError:
        raise KeyError(f"{env} is not a declared setting (add it to academy.settings)") from None


def get(env: str, environ: Mapping[str, str] | None = None) -> Any:
    """The parsed value of one setting now."""
    return setting(env).value(environ)


def raw(env: str, environ: Mapping[str, str] | None = None) -> str:
    """The text of one setting as set ('' when unset), for values passed on to another process."""
    return setting(env).raw(environ)


def of_scope(*scopes: str) -> list[Setting]:
    return [s for s in _ALL if s.scope in scopes]


def public() -> list[Setting]:
    """The settings a person sets (the README's table and ``academy hub settings``)."""
    return [s for s in _ALL if not s.internal]


def _find_project() -> Path:
    """The checkout holding ``courses/`` and ``hub-config/``.

    An editable install (``make demo``) lives in it; otherwise the nearest folder up from the working
    directory that has ``hub-config/jupyterhub_config.py``; otherwise the working directory.
    """
    candidates = [Path(__file__).resolve().parents[2], *[p for p in (Path.cwd(), *Path.cwd().parents)]]
    for folder in candidates:
        if (folder / "hub-config" / "jupyterhub_config.py").is_file():
            return folder
    return Path.cwd()


#: Where relative defaults (``courses/accelerator``, ``hub-config/state``, the proxy) are found.
PROJECT_ROOT = _find_project()
