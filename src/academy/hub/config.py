"""The hub's traitlets configuration, built from :class:`HubSettings`.

``apply_common`` is what every deployment shares: where the hub listens and
keeps state, the proxy, the learner's server (JupyterLab with nbgrader's
learner tools, the course's Python), one formgrader service per course,
groups, roles and idle culling. ``apply_local`` and ``apply_production`` add
only how people log in and which operating-system user their server runs as.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .. import settings as S
from ..course import course_id, nbgrader_env
from ..exchange import QUEUE_FILE
from . import accessibility, accounts, prepare, roles
from .settings import HubSettings, free_port

BIN = Path(sys.executable).parent


def _course_secret_env() -> dict[str, str]:
    """The course secret, when the operator gave it to the hub rather than leaving it in the course folder.

    Services inherit none of the hub's environment; without this the checks service and the formgrader would
    seed learners' variants with the course folder's own secret while ``academy grade`` used the given one.
    """
    return {name: os.environ[name] for name in ("ACADEMY_GRADER_SECRET", "ACADEMY_GRADER_SECRET_FILE")
            if os.environ.get(name)}


def _grading_env(settings: HubSettings) -> dict[str, str]:
    """Where the exchange queues submissions and the worker takes them; whether grading on submit is on."""
    env = {"ACADEMY_GRADING_QUEUE_URL": S.raw("ACADEMY_GRADING_QUEUE_URL") or str(settings.exchange / QUEUE_FILE)}
    # The rest only when set: unset, each service reads the setting's own default.
    for name in ("ACADEMY_GRADE_ON_SUBMIT", "ACADEMY_GRADING_WORKERS", "ACADEMY_GRADING_LEASE_SECONDS"):
        if S.raw(name):
            env[name] = S.raw(name)
    return env


def _path_env() -> str:
    return nbgrader_env()["PATH"]


def singleuser_command(as_hub_user: bool = True) -> list[str]:
    """``as_hub_user``: the server runs as the hub's own OS user (not a learner's account)."""
    # `python -m`, not the venv's script: a script's shebang names the interpreter the venv was made with,
    # which learners' accounts may not be able to run; sys.executable is the one the hub itself runs on.
    # academy.hub.singleuser is jupyterhub-singleuser without a slow import (see there).
    cmd = [sys.executable, "-m", "academy.hub.singleuser"]
    if as_hub_user and os.geteuid() == 0:
        # Only reached when the hub itself runs servers as root (the one-machine demo in a container).
        cmd.append("--ServerApp.allow_root=True")
    return cmd


def apply_common(c, settings: HubSettings, organisers: dict[str, list[str]] | None = None,
                 service_user: str = "") -> None:
    """``organisers`` maps each code-club group to the people who run it; ``service_user`` is the
    OS account the formgraders run as (empty: the hub's own, as in the local default)."""
    c.JupyterHub.bind_url = f"http://{settings.ip}:{settings.port}"
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = free_port()
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{free_port()}"
    c.ConfigurableHTTPProxy.command = list(settings.proxy)
    c.ConfigurableHTTPProxy.pid_file = str(settings.state / "proxy.pid")
    c.JupyterHub.db_url = settings.database_url
    c.JupyterHub.cookie_secret_file = str(settings.state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(settings.state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.allow_named_servers = False
    # After log-in everyone lands on their start page (academy.progress.web.pages.Home): a learner's next module
    # with one button to open it, an instructor's course and cohorts, an organiser's club.
    c.JupyterHub.default_url = f"/services/{roles.PROGRESS_SERVICE}/"
    # Its "Open module" button goes through /hub/user-redirect/: a learner whose server is not running sees it
    # start, rather than a "server not running" page with another button to press.
    c.JupyterHub.implicit_spawn_seconds = 1

    c.Spawner.cmd = singleuser_command(as_hub_user=not service_user)
    c.Spawner.default_url = "/lab"
    c.Spawner.start_timeout = 60
    c.Spawner.http_timeout = 60
    progress_port, checks_port, exchange_port = free_port(), free_port(), free_port()
    exchange_url = f"http://127.0.0.1:{exchange_port}/services/{roles.EXCHANGE_SERVICE}/"
    c.Spawner.environment = {
        "PATH": _path_env(),
        # Learner tools on, instructor tools off, nbgrader's exchange through the service: see academy.hub.prepare.
        "JUPYTER_CONFIG_PATH": str(prepare.config_dir(settings, "learner")),
        # Fetch, submit and feedback go to the exchange service with the server's token (academy.exchange.client).
        "ACADEMY_EXCHANGE_URL": exchange_url,
        # Instant checks are judged here, with the server's token (academy.notebook.client).
        "ACADEMY_CHECKS_URL": f"http://127.0.0.1:{checks_port}/services/{roles.CHECKS_SERVICE}/",
        # Whether a module is open to this learner yet (academy.hub.learner_server asks before a fetch).
        "ACADEMY_PROGRESS_URL": f"http://127.0.0.1:{progress_port}/services/{roles.PROGRESS_SERVICE}/",
        # The course a learner's kernel belongs to: its checks are the grader's (unreadable to learners in
        # production), so the kernel never falls back to another copy it might be able to read.
        "ACADEMY_COURSE": str(settings.courses[0]),
        # A class shares the machine's cores: one thread per kernel for numpy and scikit-learn, or a room
        # fitting k-means at once oversubscribes them (five fits took ~21 s instead of ~0.3 s on 2 busy cores).
        "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }
    c.Spawner.server_token_scopes = roles.SERVER_TOKEN_SCOPES

    courses = [course_id(p) for p in settings.courses]
    services = []
    for path, cid in zip(settings.courses, courses):
        port = settings.formgrader_port if settings.formgrader_port and len(courses) == 1 else free_port()
        services.append({
            "name": roles.formgrader_service(cid),
            "url": f"http://127.0.0.1:{port}",
            "command": singleuser_command(as_hub_user=not service_user),
            "cwd": str(path),
            "user": service_user,
            "oauth_no_confirm": True,
            "environment": {
                "PATH": _path_env(),
                "JUPYTER_CONFIG_PATH": str(prepare.config_dir(settings, "instructor")),
                "JUPYTERHUB_DEFAULT_URL": "/formgrader",
                "ACADEMY_EXCHANGE_URL": exchange_url,
                **_course_secret_env(),
            },
        })
    services.append({
        "name": roles.PROGRESS_SERVICE,
        "display": True,
        "url": f"http://127.0.0.1:{progress_port}",
        "command": [sys.executable, "-m", "academy.progress.service"],
        "user": service_user,
        "oauth_no_confirm": True,
        "environment": {
            "PATH": _path_env(),
            "ACADEMY_PROGRESS_DB_URL": settings.progress_url,
            # One curriculum per store: the first course's (a second course would get a second service).
            "ACADEMY_PROGRESS_COURSE": str(settings.courses[0]),
            # Each learner's own due dates, shown on their page.
            "ACADEMY_EXCHANGE_URL": exchange_url,
        },
    })
    # Judges answers with the course folder's checks: runs as the grader's account, like the formgraders.
    services.append({
        "name": roles.CHECKS_SERVICE,
        "url": f"http://127.0.0.1:{checks_port}",
        "command": [sys.executable, "-m", "academy.checks.service"],
        "user": service_user,
        "oauth_no_confirm": True,
        "environment": {
            "PATH": _path_env(),
            "ACADEMY_PROGRESS_DB_URL": settings.progress_url,
            "ACADEMY_PROGRESS_COURSE": str(settings.courses[0]),
            **_course_secret_env(),
        },
    })
    # Releases, submissions and feedback: the only copy, in a folder of the service's own account.
    services.append({
        "name": roles.EXCHANGE_SERVICE,
        "url": f"http://127.0.0.1:{exchange_port}",
        "command": [sys.executable, "-m", "academy.exchange.service"],
        "user": service_user,
        "oauth_no_confirm": True,
        "environment": {
            "PATH": _path_env(),
            "ACADEMY_EXCHANGE_DIR": str(settings.exchange),
            "ACADEMY_EXCHANGE_DB_URL": settings.exchange_url,
            "ACADEMY_EXCHANGE_COURSES": ",".join(courses),
            **_grading_env(settings),
        },
    })
    # Grades each submission as it arrives, with the same sandboxed grader as `academy grade`: runs as the
    # grader's account, beside the course folders.
    services.append({
        "name": roles.GRADER_SERVICE,
        "command": [sys.executable, "-m", "academy.grading.on_submit"],
        "user": service_user,
        "cwd": str(settings.courses[0]),
        "environment": {
            "PATH": _path_env(),
            "ACADEMY_EXCHANGE_URL": exchange_url,
            "ACADEMY_EXCHANGE_DIR": str(settings.exchange),
            "ACADEMY_HUB_COURSES": ",".join(str(p) for p in settings.courses),
            **_grading_env(settings),
            **_course_secret_env(),
        },
    })
    load_roles = roles.roles(courses, organisers) + roles.progress_roles() + roles.exchange_roles(courses)
    if settings.idle_timeout:
        services.append({
            "name": "idle-culler",
            "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={settings.idle_timeout}"],
        })
        load_roles.append(roles.idle_culler_role())
    c.JupyterHub.services = services
    c.JupyterHub.load_roles = load_roles
    # Our page templates (each links the accessibility statement) and the statement at /hub/accessibility.
    accessibility.apply(c)


def apply_local(c, settings: HubSettings) -> None:
    """One machine: the demo accounts, every server a process of the hub's own user."""
    people = accounts.load_or_create(settings.state)
    members: dict[str, list[str]] = {}
    for name, group in accounts.DEMO_PEOPLE.items():
        members.setdefault(group, []).append(name)
    club, club_members = accounts.DEMO_CLUB
    intake, intake_members = accounts.DEMO_INTAKE
    c.JupyterHub.load_groups = roles.groups(members, {club: club_members}, {club: members.get("organisers", [])},
                                            {intake: intake_members})
    apply_common(c, settings, {club: members.get("organisers", [])})
    c.JupyterHub.authenticator_class = "academy.hub.auth.demo.DemoAuthenticator"
    c.DemoAuthenticator.accounts_file = str(accounts.accounts_file(settings.state))
    c.Authenticator.allowed_users = set(people)
    c.JupyterHub.spawner_class = "academy.hub.spawning.LearnerSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(settings.homes / "{username}")
