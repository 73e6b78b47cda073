"""The local hub, started as `make demo` starts it, exercised through its REST API."""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from academy.exchange import archive
from academy.exchange.store import ExchangeStore
from academy.hub.prepare import ReleaseError, modules_to_release, release_course
from academy.hub.settings import HubSettings, free_port
from academy.testing.hub_client import HubError, HubSession
from academy.testing.hubs import copy_course, hub_env, processes_with, start_hub, wait_for

ACADEMY = str(Path(sys.executable).parent / "academy")
COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"


def test_demo_accounts_log_in_and_strangers_do_not(hub):
    assert set(hub.accounts) >= {"instructor", "organiser", "amira", "ben", "chloe"}
    assert len(set(hub.accounts.values())) == len(hub.accounts), "every demo account has its own password"
    assert oct((hub.state / "demo-accounts.json").stat().st_mode & 0o777) == "0o600"
    said = wait_for(lambda: (lambda log: log if f"{hub.url}/services/progress/" in log else "")(hub.log.read_text()),
                    timeout=15)
    assert said, "the start-up text says where progress is"
    # ...and says it only once the hub answers and routes the progress pages it links to, so neither the "Open"
    # line nor the progress link leads to a failing page.
    assert said.index(f"Open {hub.url}") > said.index("Hub API listening on")
    assert said.index(f"Open {hub.url}") > said.index("Adding service progress to proxy")
    # Preparing the modules says how far it has got and how long is left.
    modules = modules_to_release(hub.course)
    assert f"generating accelerator/{modules[0]} (1 of {len(modules)})" in said
    assert re.search(rf"generating accelerator/{modules[1]} \(2 of {len(modules)}, about \d+ s left\)", said)
    hub.session("amira")
    with pytest.raises(HubError):
        HubSession(hub.url).login("amira", hub.accounts["ben"])
    with pytest.raises(HubError):
        HubSession(hub.url).login("mallory", "anything")


def test_learner_spawns_lab_with_the_released_course_and_stops(hub):
    amira = hub.session("amira")
    amira.start_server()
    token = amira.token()
    auth = {"Authorization": f"token {token}"}
    status = requests.get(f"{hub.url}/user/amira/api/status", headers=auth, timeout=10)
    assert status.status_code == 200
    lab = requests.get(f"{hub.url}/user/amira/lab", headers=auth, timeout=10)
    assert lab.status_code == 200 and "JupyterLab" in lab.text
    # nbgrader's learner tools: the released modules are listed for fetching...
    listed = requests.get(f"{hub.url}/user/amira/assignments", params={"course_id": "accelerator"},
                          headers=auth, timeout=30).json()
    assert listed["success"], listed
    released = {a["assignment_id"] for a in listed["value"] if a["status"] == "released"}
    assert released == {p.name for p in (hub.course / "source").iterdir()}
    # ...and the instructor's are not there: no formgrader, and Lab hides its tools.
    assert requests.get(f"{hub.url}/user/amira/formgrader", headers=auth, timeout=10).status_code == 404
    page_config = json.loads((hub.state / "jupyter" / "learner" / "labconfig" / "page_config.json").read_text())
    assert page_config["disabledExtensions"].get("@jupyter/nbgrader:formgrader")
    assert "@jupyter/nbgrader:formgrader" in lab.text  # Lab was told (its page config lists it as disabled)
    amira.stop_server()
    assert requests.get(f"{hub.url}/user/amira/api/status", headers=auth, timeout=10,
                        allow_redirects=False).status_code != 200


def test_a_learner_token_reaches_only_their_own_server(hub):
    ben = hub.session("ben")
    ben.start_server()
    amira = hub.session("amira")
    amira_token = {"Authorization": f"token {amira.token()}"}
    ben_token = {"Authorization": f"token {ben.token()}"}
    try:
        assert requests.get(f"{hub.url}/user/ben/api/status", headers=ben_token, timeout=10).status_code == 200
        other = requests.get(f"{hub.url}/user/ben/api/contents", headers=amira_token, timeout=10, allow_redirects=False)
        assert other.status_code == 403
        assert requests.get(f"{hub.url}/services/formgrader-accelerator/formgrader", headers=amira_token,
                            timeout=10, allow_redirects=False).status_code == 403
        for method, path in (("GET", "/users"), ("GET", "/users/ben"), ("POST", "/users/ben/server"),
                             ("DELETE", "/users/ben/server"), ("GET", "/groups"), ("POST", "/users/mallory")):
            r = requests.request(method, f"{hub.url}/hub/api{path}", headers=amira_token, timeout=10)
            assert r.status_code in (403, 404), (method, path, r.status_code)
        # The admin page, with her logged-in browser session rather than a token.
        assert amira.http.get(f"{hub.url}/hub/admin", timeout=10, allow_redirects=False).status_code == 403
        # The refused DELETE really was refused: ben's server still answers.
        assert requests.get(f"{hub.url}/user/ben/api/status", headers=ben_token, timeout=10).status_code == 200
    finally:
        ben.stop_server()


def test_instructor_reaches_the_formgrader_and_organiser_sees_only_their_club(hub):
    instructor = hub.session("instructor")
    token = {"Authorization": f"token {instructor.token()}"}
    page = requests.get(f"{hub.url}/services/formgrader-accelerator/formgrader", headers=token, timeout=30)
    assert page.status_code == 200 and "Manage Assignments" in page.text
    assert '<a href="/services/progress/">&larr; Start page</a>' in page.text, "the formgrader leads back"
    assert 'href="/services/formgrader-accelerator/formgrader/rubrics">Marking rubrics' in page.text
    rubrics = requests.get(f"{hub.url}/services/formgrader-accelerator/formgrader/rubrics", headers=token, timeout=30)
    assert rubrics.status_code == 200 and "show_and_tell" in rubrics.text, "the capstone's rubric, beside the marking"
    learner = {"Authorization": f"token {hub.session('amira').token()}"}
    assert requests.get(f"{hub.url}/services/formgrader-accelerator/formgrader/rubrics", headers=learner,
                        timeout=30, allow_redirects=False).status_code in (302, 403)
    gradebook = requests.get(f"{hub.url}/services/formgrader-accelerator/formgrader/api/assignments",
                             headers=token, timeout=30)
    assert {a["name"] for a in gradebook.json()} >= {"m01", "m02"}
    users = requests.get(f"{hub.url}/hub/api/users", headers=token, timeout=10).json()
    assert {u["name"] for u in users} >= {"amira", "ben", "chloe", "organiser"}
    # Reading is not controlling: an instructor cannot open or stop a learner's server.
    assert requests.post(f"{hub.url}/hub/api/users/amira/server", headers=token, timeout=10).status_code in (403, 404)
    amira = hub.session("amira").api("GET", "/users/amira").json()
    assert not amira["servers"] and not amira["pending"]

    organiser = hub.session("organiser")
    org_token = {"Authorization": f"token {organiser.token()}"}
    visible = {u["name"] for u in requests.get(f"{hub.url}/hub/api/users", headers=org_token, timeout=10).json()}
    assert visible == {"amira", "ben", "chloe"} | {"organiser"} & visible
    assert "instructor" not in visible
    assert requests.get(f"{hub.url}/services/formgrader-accelerator/formgrader", headers=org_token, timeout=10,
                        allow_redirects=False).status_code == 403


def test_a_second_start_releases_nothing_again_and_a_changed_module_is_rereleased(hub):
    env = hub_env(hub.state, hub.course, hub.url.rsplit(":", 1)[1])
    quiet = subprocess.run([ACADEMY, "hub", "prepare"], env=env, capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0, quiet.stderr
    assert "releasing" not in quiet.stdout
    module = sorted((hub.course / "source").iterdir())[0]
    nb_path = next(module.glob("*.ipynb"))
    nb = json.loads(nb_path.read_text())
    nb["cells"][0]["source"] = "# A corrected title\n" + "".join(nb["cells"][0]["source"])
    nb_path.write_text(json.dumps(nb, indent=1))
    again = subprocess.run([ACADEMY, "hub", "prepare"], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"releasing accelerator/{module.name}" in again.stdout
    assert again.stdout.count("releasing") == 1
    store = ExchangeStore(HubSettings(state=hub.state).exchange)
    released = archive.files(store.read(store.released("accelerator", module.name).blob))
    assert "A corrected title" in released[nb_path.name].decode()


def _start(tmp_path: Path, **env_extra: str) -> subprocess.CompletedProcess:
    course = copy_course(tmp_path / "course", ("m01",))
    env = hub_env(tmp_path / "state", course, str(free_port()))
    env.update(env_extra)
    return subprocess.run([ACADEMY, "hub", "start"], env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def test_a_port_in_use_is_one_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = _start(tmp_path, ACADEMY_HUB_PORT=str(taken.getsockname()[1]))
    assert result.returncode != 0
    assert "already in use" in result.stderr and "ACADEMY_HUB_PORT" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("variable, value, words", [
    ("ACADEMY_HUB_PORT", "eighty", "not a port number"),
    ("ACADEMY_HUB_PORT", "70000", "outside 1-65535"),
    ("ACADEMY_HUB_DB_URL", "hub.sqlite", "not a database URL"),
    ("ACADEMY_HUB_COURSES", "/nonexistent/course", "not an nbgrader course folder"),
    ("ACADEMY_HUB_PROXY", "/nonexistent/configurable-http-proxy", "not installed"),
    ("ACADEMY_HUB_IDLE_TIMEOUT", "an hour", "not a number of seconds"),
])
def test_bad_settings_are_one_clear_error(tmp_path, variable, value, words):
    result = _start(tmp_path, **{variable: value})
    assert result.returncode != 0
    assert words in result.stderr and variable in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_the_config_file_itself_reports_bad_settings_without_a_traceback(tmp_path):
    """Someone running `jupyterhub -f hub-config/jupyterhub_config.py` directly gets the same sentence."""
    from academy.hub.launch import CONFIGS

    course = copy_course(tmp_path / "course", ("m01",))
    env = hub_env(tmp_path / "state", course, "eighty")
    result = subprocess.run([str(Path(sys.executable).parent / "jupyterhub"), "-f", str(CONFIGS["local"])],
                            env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode != 0
    assert "Hub configuration error: ACADEMY_HUB_PORT='eighty' is not a port number" in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_stops_the_hub_its_proxy_and_every_server(tmp_path):
    # Started as a script's background job would start it, with Ctrl-C ignored: the services must not inherit that.
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        running = start_hub(tmp_path, modules=("m01",))
    finally:
        signal.signal(signal.SIGINT, before)
    try:
        running.session("chloe").start_server()
        assert processes_with(str(running.state)), "the hub's processes carry its state folder"
    finally:
        code = running.stop(timeout=60)  # 5-8 s, busy machine or not
    assert code == 0, running.log.read_text()[-2000:]
    leftovers = (wait_for(lambda: not processes_with(str(running.state)), timeout=15)
                 or processes_with(str(running.state)))
    assert leftovers is True or leftovers == [], leftovers


def test_the_hubs_own_pages_lead_back_to_the_start_page(hub):
    amira = hub.session("amira")
    home = amira.http.get(f"{hub.url}/hub/home", timeout=30)
    assert home.status_code == 200
    assert re.search(r'<a class="nav-link" href="/services/progress/">Start page</a>', home.text)
    # ...and log-in itself lands there.
    fresh = HubSession(hub.url)
    fresh.http.get(f"{hub.url}/hub/login", timeout=30)
    landed = fresh.http.post(f"{hub.url}/hub/login", data={"username": "ben", "password": hub.accounts["ben"],
                                                           "_xsrf": fresh._xsrf()}, timeout=60)
    assert landed.url.startswith(f"{hub.url}/services/progress/"), landed.url


def test_a_module_nbgrader_refuses_stops_the_release_with_nbgraders_reason(tmp_path):
    """Every module is generated and released in one nbgrader process; a broken one names itself and nbgrader's
    words, and the modules before it are in the exchange already."""
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copy(COURSE / "curriculum.toml", course)
    shutil.copytree(COURSE / "source" / "m01", course / "source" / "m01")
    (course / "source" / "m02").mkdir()
    (course / "source" / "m02" / "m02.ipynb").write_text("{ this is not a notebook")
    settings = HubSettings(state=tmp_path / "state", courses=(course,))
    said: list[str] = []
    with pytest.raises(ReleaseError) as refused:
        release_course(course, settings, log=said.append)
    assert "could not generate m02" in str(refused.value), refused.value
    assert [line.strip() for line in said[:2]] == ["generating accelerator/m01 (1 of 2)", "releasing accelerator/m01"]
    store = ExchangeStore(settings.exchange)
    assert [r.assignment for r in store.releases("accelerator")] == ["m01"]
    assert "m01.ipynb" in archive.files(store.read(store.released("accelerator", "m01").blob))
