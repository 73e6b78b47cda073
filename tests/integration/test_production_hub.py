"""The production-shaped single server, started as a council's IT team would start it (as root).

People sign up and wait for an admin's approval; each learner's server runs as
their own system account, which cannot read the course sources, the gradebook
or another learner's home; a hub name that is already a system account of
something else never gets a server. The system accounts these tests make have
random names and are deleted afterwards.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import requests

from academy.hub.launch import unreachable_by_others
from academy.hub.settings import free_port
from academy.testing.hub_client import HubError, HubSession
from academy.testing.hubs import REPO_ROOT, start_hub, wait_for

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("useradd"),
                                reason="the production hub makes system users: it needs root and useradd")

SUFFIX = secrets.token_hex(3)
ADMIN, AMIRA, BEN, GRADER = f"pa{SUFFIX}", f"pl{SUFFIX}", f"pm{SUFFIX}", f"pg{SUFFIX}"
PASSWORD = "a-long-password-" + SUFFIX


def python_learners_can_run(base: Path) -> str:
    """This venv's interpreter if other accounts can run it; else a venv on the system's own Python
    (same version) that sees this one's packages. A real install is one venv on such a Python."""
    if not unreachable_by_others(Path(sys.executable).resolve()) and not unreachable_by_others(Path(sys.executable)):
        return sys.executable
    system = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
    if not system.exists():
        pytest.skip(f"this venv's Python is closed to other accounts and {system} is missing")
    venv = base / "venv"
    subprocess.run([str(system), "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((Path(sys.prefix) / "lib").glob("python3.*/site-packages"))
    (next((venv / "lib").glob("python3.*/site-packages")) / "academy-test.pth").write_text(
        f"import site; site.addsitedir({str(site)!r})\n")
    return str(venv / "bin" / "python")


def delete_account(name: str) -> None:
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    subprocess.run(["userdel", name], capture_output=True)


@pytest.fixture(scope="module")
def prod_hub():
    base = Path(tempfile.mkdtemp(prefix="academy-prod-"))
    os.chmod(base, 0o711)  # learners' homes live below: the way there must be open to them
    python = python_learners_can_run(base)
    running = start_hub(base, modules=("m01",), mode="production", python=python,
                        PATH=f"{Path(python).parent}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                        ACADEMY_HUB_ADMINS=ADMIN, ACADEMY_HUB_GRADER_USER=GRADER, ACADEMY_HUB_CLUBS="club-leeds")
    yield running
    running.stop()
    for name in (AMIRA, BEN, "daemon-" + SUFFIX, GRADER):
        delete_account(name)
    shutil.rmtree(base, ignore_errors=True)


def approved(hub, name: str) -> HubSession:
    """``name`` signed up and approved (approval at /hub/authorize/<name> toggles, so only if needed)."""
    HubSession(hub.url).sign_up(ADMIN, PASSWORD)
    HubSession(hub.url).sign_up(name, PASSWORD)
    try:
        return HubSession(hub.url).login(name, PASSWORD)
    except HubError:
        admin = HubSession(hub.url).login(ADMIN, PASSWORD)
        assert admin.http.get(f"{hub.url}/hub/authorize/{name}").status_code == 200
        return HubSession(hub.url).login(name, PASSWORD)


def test_sign_up_waits_for_an_admin_and_the_admin_is_in_at_once(prod_hub):
    hub = prod_hub
    HubSession(hub.url).sign_up(ADMIN, PASSWORD)
    HubSession(hub.url).login(ADMIN, PASSWORD)  # an admin named in ACADEMY_HUB_ADMINS needs no approval
    message = HubSession(hub.url).sign_up(AMIRA, PASSWORD)
    assert "admin" in message.lower()
    with pytest.raises(HubError):
        HubSession(hub.url).login(AMIRA, PASSWORD)
    with pytest.raises(HubError):
        HubSession(hub.url).login("nobody-signed-up", PASSWORD)
    admin = HubSession(hub.url).login(ADMIN, PASSWORD)
    assert admin.http.get(f"{hub.url}/hub/authorize/{AMIRA}").status_code == 200
    HubSession(hub.url).login(AMIRA, PASSWORD)


def test_a_learner_server_runs_as_their_own_account_and_cannot_read_the_course(prod_hub):
    hub = prod_hub
    amira = approved(hub, AMIRA)
    amira.start_server(wait=120)
    account = pwd.getpwnam(AMIRA)
    assert Path(account.pw_dir).parent == hub.state / "users"
    assert Path(account.pw_dir).stat().st_mode & 0o777 == 0o700
    owners = wait_for(lambda: [p for p in Path("/proc").iterdir() if p.name.isdigit() and _owner(p) == account.pw_uid])
    assert owners, "no process runs as the learner's account"

    def as_amira(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(["runuser", "-u", AMIRA, "--", *argv], capture_output=True, text=True)

    assert as_amira("cat", str(hub.course / "source" / "m01" / "m01.ipynb")).returncode != 0
    assert as_amira("ls", str(hub.course)).returncode != 0, "the course folder (gradebook, submissions) is closed"
    assert as_amira("ls", str(hub.state / "exchange-service")).returncode != 0, \
        "submissions and feedback are the exchange service's (the grader account's) alone"
    answer = requests.get(f"{hub.url}/user/{AMIRA}/assignments", params={"course_id": "accelerator"}, timeout=60,
                          headers={"Authorization": f"token {amira.token()}"})
    assert answer.status_code == 200, f"HTTP {answer.status_code} {answer.url}: {answer.text[-600:]}"
    listed = answer.json()
    assert listed["success"] and [a["assignment_id"] for a in listed["value"]] == ["m01"], \
        "released modules stay fetchable, through the exchange service"

    ben = approved(hub, BEN)
    ben.start_server(wait=120)
    assert as_amira("ls", pwd.getpwnam(BEN).pw_dir).returncode != 0, "one learner cannot list another's home"
    formgrader_uid = pwd.getpwnam(GRADER).pw_uid
    assert any(_owner(p) == formgrader_uid for p in Path("/proc").iterdir() if p.name.isdigit()), \
        "the formgrader runs as the grader account, not as root"


def test_the_progress_store_belongs_to_the_grader_account_and_learners_use_it(prod_hub):
    hub = prod_hub
    folder = hub.state / "progress"
    grader = pwd.getpwnam(GRADER)
    assert folder.stat().st_uid == grader.pw_uid and folder.stat().st_mode & 0o777 == 0o700
    amira = approved(hub, AMIRA)
    assert amira.service("GET", "progress", "api/me").json()["learner"] == AMIRA
    assert (folder / "progress.sqlite").stat().st_uid == grader.pw_uid
    assert subprocess.run(["runuser", "-u", AMIRA, "--", "ls", str(folder)], capture_output=True).returncode != 0


def test_a_name_that_is_already_a_system_account_gets_no_server(prod_hub):
    hub = prod_hub
    name = "daemon-" + SUFFIX
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True)
    session = approved(hub, name)
    with pytest.raises(HubError):
        session.start_server(wait=60)
    assert not [p for p in Path("/proc").iterdir() if p.name.isdigit() and _owner(p) == pwd.getpwnam(name).pw_uid]
    assert "already exists and is not one this hub made" in hub.log.read_text()


def test_production_without_an_admin_is_one_clear_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACADEMY_")}
    env.update(ACADEMY_HUB_STATE=str(tmp_path / "state"), ACADEMY_HUB_PORT=str(free_port()),
               ACADEMY_HUB_COURSES=str(REPO_ROOT / "courses" / "accelerator"))
    result = subprocess.run([sys.executable, "-m", "academy", "hub", "start", "--mode", "production"], env=env,
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    assert "ACADEMY_HUB_ADMINS" in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "state").exists(), "nothing is prepared before the settings are known to be good"


def _owner(proc: Path) -> int | None:
    try:
        return proc.stat().st_uid
    except OSError:
        return None


PROBE = r'''
import glob, importlib, json, os, sys
from pathlib import Path
found = {}
from academy.notebook import module
ex = module("m01")
properties = ex.table("properties")
found["rows"] = len(properties)
found["wrong"] = ex.q1.check(-1.0).passed
found["right_band_count"] = ex.q3.check(properties["band"].value_counts().sort_index()).passed
found["solution_before_pass"] = "band_d * 6 / 9" in str(ex.q1.solution())
# Everything that could know an answer, tried from the learner's kernel.
try:
    importlib.import_module("academy.exercises.modules")
    found["old_modules_package"] = True
except ImportError:
    found["old_modules_package"] = False
try:
    from academy.checks import registry
    registry.module("m01")
    found["registry"] = True
except Exception as exc:
    found["registry"] = False
try:
    from academy.notebook.hidden_tests import verify
    verify("m01", "q1", -1.0)
    found["hidden_test_passes_anything"] = True
except AssertionError as exc:
    found["hidden_test_says"] = str(exc)
readable = []
for path in [COURSE + "/modules/m01/checks.py", COURSE + "/.academy_grader_secret", COURSE + "/source/m01/m01.ipynb"]:
    try:
        open(path).read(10)
        readable.append(path)
    except OSError:
        pass
found["readable"] = readable
import academy
package = Path(academy.__file__).parent
import ast
def defines_a_module(path):
    return any(isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", "")) == "ModuleSpec"
               for n in ast.walk(ast.parse(path.read_text())))
found["specs_in_package"] = [str(p) for p in package.rglob("*.py") if defines_a_module(p)]
held = json.dumps(ex._info) + repr(vars(ex))
found["client_holds_hints_or_solutions"] = "6 / 9" in held or "ninths" in held
print("PROBE" + json.dumps(found))
'''


def test_a_learners_kernel_reaches_no_answer_and_the_checker_judges_it(prod_hub):
    """Issue 14: checks, solutions, references, truths and the secret stay with the grader; checks still work."""
    import json

    hub = prod_hub
    amira = approved(hub, AMIRA)
    before = amira.service("GET", "progress", "api/me").json()["attempts"]
    out = amira.run_in_kernel(f"COURSE = {str(hub.course)!r}\n" + PROBE)
    found = json.loads(out.split("PROBE", 1)[1].strip().splitlines()[0])
    assert found["rows"] > 0, found
    assert found["wrong"] is False and found["right_band_count"] is True, found
    assert found["solution_before_pass"] is False
    assert found["old_modules_package"] is False and found["registry"] is False
    assert "checks for this notebook are with the grader" in found["hidden_test_says"]
    assert found["readable"] == [] and found["specs_in_package"] == []
    assert found["client_holds_hints_or_solutions"] is False
    # Both checks were recorded with the service's verdict, whatever the kernel might have claimed.
    record = wait_for(lambda: (r := amira.service("GET", "progress", "api/me").json())["attempts"] >= before + 2 and r)
    assert record, "the checks service did not record the attempts"
