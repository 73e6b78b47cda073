"""Everything on disk the hub needs before it starts, made idempotently.

- the state folder, users' homes and the exchange service's folder (its
  account's alone: no learner can open another's submission, see
  ``academy.exchange``);
- two Jupyter config folders the servers are pointed at: one for learners
  (formgrader and assignment-creation tools off, nbgrader's exchange through
  the service) and one for the formgrader services (whose Autograde button
  grades in the sandbox);
- each course's modules generated and released into the exchange, so the
  learner's Assignments tab lists them on first login. A module already
  released with the same files is left alone; one whose source changed is
  released again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from academy import curriculum as curriculum_mod

from ..course import course_id, nbgrader_env
from ..errors import AcademyError
from ..exchange import nbgrader_config_lines
from .digest import tree_digest
from .settings import HubSettings

#: nbgrader's lab plugins a learner has no use for (and must not be offered).
INSTRUCTOR_ONLY_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment")
#: Lab plugins that only distract a learner (Jupyter's news pop-up).
DISTRACTIONS = ("@jupyterlab/apputils-extension:announcements",)
INSTRUCTOR_ONLY_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")
#: The learner's server: locked modules refused with a reason, an "open module" link, Validate with the checks' words.
LEARNER_SERVER_EXTENSION = "academy.hub.learner_server"
#: The formgraders' Autograde button grades in the sandbox (academy.grading.formgrader_button).
SANDBOXED_AUTOGRADE_EXTENSION = "academy.grading.formgrader_button"
#: nbgrader's learner tools, which a formgrader service has no use for (fewer extensions: a quicker start and stop).
LEARNER_ONLY_SERVER_EXTENSIONS = ("nbgrader.server_extensions.assignment_list",
                                  "nbgrader.server_extensions.validate_assignment")
#: Server extensions a learner's JupyterLab works without, each of which slows every spawn (language servers; the
#: classic Notebook 7 front end beside JupyterLab). A formgrader drops the first and keeps the pages it links to.
SLOW_AND_UNUSED_SERVER_EXTENSIONS = ("jupyter_lsp", "notebook")


class ReleaseError(AcademyError):
    """nbgrader refused to generate or release a module; carries its own words."""


def config_dir(settings: HubSettings, who: str) -> Path:
    return settings.state / "jupyter" / who


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def _nbgrader_config(extra: str = "") -> str:
    return ("# Written by academy.hub.prepare on every start; edit hub settings, not this file.\n"
            "c = get_config()  # noqa: F821\n"
            "# Every exchange step goes to the hub's exchange service (ACADEMY_EXCHANGE_URL, the server's token).\n"
            + nbgrader_config_lines() + extra)


#: nbgrader names a submission after the operating-system user; on the hub the person is the hub user
#: (in the demo every server runs as one OS user, in production as "academy-<name>").
LEARNER_IS_HUB_USER = """import os
if os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
"""


#: In the one-machine demo every file belongs to the hub's own OS user, so nbgrader's check that a
#: submission's owner is the learner it names would warn on every one; production keeps the check.
SHARED_OS_USER = "c.CollectApp.check_owner = False\n"


def write_jupyter_configs(settings: HubSettings, one_os_user: bool = True) -> None:
    learner = config_dir(settings, "learner")
    _write(learner / "nbgrader_config.py", _nbgrader_config(LEARNER_IS_HUB_USER))
    _write(learner / "jupyter_server_config.d" / "academy-learner.json", json.dumps(
        {"ServerApp": {"jpserver_extensions": {**{name: False for name in INSTRUCTOR_ONLY_SERVER_EXTENSIONS
                                                  + SLOW_AND_UNUSED_SERVER_EXTENSIONS},
                                               # Named, not left to the Python's own Jupyter config: a
                                               # learner's Python may be another venv over the same packages.
                                               **{name: True for name in LEARNER_ONLY_SERVER_EXTENSIONS},
                                               LEARNER_SERVER_EXTENSION: True}}}, indent=1))
    _write(learner / "labconfig" / "page_config.json", json.dumps(
        {"disabledExtensions": {name: True for name in INSTRUCTOR_ONLY_PLUGINS + DISTRACTIONS}}, indent=1))
    instructor = config_dir(settings, "instructor")
    _write(instructor / "nbgrader_config.py", _nbgrader_config(SHARED_OS_USER if one_os_user else ""))
    _write(instructor / "jupyter_server_config.d" / "academy-instructor.json", json.dumps(
        {"ServerApp": {"jpserver_extensions": {**{name: False for name in (*LEARNER_ONLY_SERVER_EXTENSIONS,
                                                                           "jupyter_lsp")},
                                               SANDBOXED_AUTOGRADE_EXTENSION: True}}}, indent=1))


def make_state(settings: HubSettings, one_os_user: bool = True) -> None:
    settings.state.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.state, 0o711)  # users' homes below are reachable by their owners only
    settings.homes.mkdir(exist_ok=True)
    os.chmod(settings.homes, 0o711)
    settings.exchange.mkdir(exist_ok=True)
    os.chmod(settings.exchange, 0o700)  # releases, submissions and feedback: the exchange service's account only
    settings.progress_dir.mkdir(exist_ok=True)
    os.chmod(settings.progress_dir, 0o700)  # who has done what: the progress service's account only
    write_jupyter_configs(settings, one_os_user)


def modules_to_release(course: Path) -> list[str]:
    """Every source folder: the modules in curriculum order (the Assignments tab follows it), then the
    code-club challenges, then anything else the course holds (a project template)."""
    available = {p.name for p in (course / "source").iterdir() if p.is_dir()} if (course / "source").is_dir() else set()
    try:
        cur = curriculum_mod.load(course)
        order = [m.id for m in cur.modules] + [c.id for c in cur.challenges]
    except (curriculum_mod.CurriculumError, FileNotFoundError):
        order = []
    order += sorted(available - set(order))
    return [m for m in order if m in available]


def _stale(course: Path, settings: HubSettings, module: str) -> bool:
    stamp = settings.state / "generated" / f"{course_id(course)}.{module}.digest"
    return (not (course / "release" / module).is_dir() or not stamp.exists()
            or stamp.read_text() != tree_digest(course / "source" / module))


def _time_left(started: float, made: int, left: int) -> str:
    """", about 40 s left" once one module has been made: the modules still to make at the pace so far."""
    return f", about {(time.monotonic() - started) / made * left:.0f} s left" if made else ""


def release_course(course: Path, settings: HubSettings, log=print) -> list[str]:
    """Generate every available module that is new or changed and release what differs from the exchange,
    all in one nbgrader process (``academy.hub.release``); returns the modules released."""
    cid = course_id(course)
    modules = modules_to_release(course)
    to_make = [m for m in modules if _stale(course, settings, m)]
    env = nbgrader_env()
    for var in ("ACADEMY_LEARNER", "JUPYTERHUB_USER", "JUPYTER_CONFIG_PATH"):
        env.pop(var, None)
    args = [f"{m}+" if m in to_make else m for m in modules]
    child = subprocess.Popen([sys.executable, "-m", "academy.hub.release", str(settings.exchange),
                              settings.exchange_url, *args], cwd=course,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                             env=env)
    released, made, started, failed = [], 0, time.monotonic(), ""
    assert child.stdout is not None
    for line in child.stdout:
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue  # something nbgrader printed itself
        module, step, state = event.get("module"), event.get("step"), event.get("state")
        if step == "generate" and state == "started":
            log(f"  generating {cid}/{module} ({made + 1} of {len(to_make)}"
                f"{_time_left(started, made, len(to_make) - made)})")
        elif step == "generate" and state == "done":
            made += 1
            stamp = settings.state / "generated" / f"{cid}.{module}.digest"
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(event["digest"])
        elif step == "release" and state == "started":
            log(f"  releasing {cid}/{module}")
        elif step == "release" and state == "done":
            released.append(module)
        elif state == "failed":
            failed = f"nbgrader could not {step} {module} in {course}: {event.get('why')}"
    errors = child.stderr.read() if child.stderr else ""
    if child.wait() != 0:
        lines = [ln for ln in errors.splitlines() if "Error" in ln or "ERROR" in ln]
        raise ReleaseError(failed or f"generating and releasing {cid} failed: "
                           + (" | ".join(lines[-3:]) or errors.strip()[-300:] or "no reason given"))
    return released


def prepare(settings: HubSettings, log=print, one_os_user: bool = True) -> None:
    """``one_os_user``: every server runs as the hub's own user (the local default)."""
    make_state(settings, one_os_user)
    for course in settings.courses:
        release_course(course, settings, log)
