"""The exchange through a real hub: one learner never reaches another's submissions or feedback, by any route.

Everything goes through the hub's proxy with real hub tokens, as learners' servers and the formgrader send
them: the service's API called directly, and the real ``nbgrader`` command with the exchange plug-in
(``academy.exchange.client``), as the Assignments tab and the formgrader run it.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from threading import Barrier

import pytest

from academy.exchange import archive
from academy.testing.exchange import (
    COURSE,
    Caller,
    SlowUpload,
    hostile_archive,
    nbgrader,
    nbgrader_folder,
    process_launch,
    service_pid,
    submission,
)
from academy.testing.hubs import RunningHub, copy_course, start_hub, wait_for

PEOPLE = ("amira", "ben", "chloe", "instructor")


@pytest.fixture(scope="module")
def people(hub) -> dict[str, Caller]:
    """Each demo person's own hub token, as their server (or the formgrader, for the instructor) holds one."""
    return {name: Caller(hub.url, hub.session(name).token()) for name in PEOPLE}


@pytest.fixture(scope="module", autouse=True)
def held_for_marking(people):
    """m01 held for marking while these tests run, as an instructor can set it, then as it was.

    They submit some sixty made-up versions; graded on submit, each would keep the shared hub's grader busy
    long after this file, slowing the tests that come next (and these, on a small machine)."""
    was = people["instructor"].grade_on_submit("m01", False)
    yield
    people["instructor"].grade_on_submit("m01", was)


def ids(found: list[dict]) -> set[int]:
    return {s["id"] for s in found}


def test_one_learner_cannot_list_read_change_or_delete_anothers_work(hub, people, tmp_path):
    amira, ben, teacher = people["amira"], people["ben"], people["instructor"]
    hers = amira.submit("m01", submission(f"amira's own answer {uuid.uuid4()}"))
    page = b"<p>Well done, Amira</p>"
    assert teacher.course("PUT", f"submissions/{hers['id']}/feedback", archive.of_files({"m01.html": page})).ok
    release = amira.course("GET", "assignments/m01").content

    # Listing: only his own, by the API and by nbgrader's own list; asking for hers by name is refused.
    assert hers["id"] not in ids(ben.submissions()) and {s["student"] for s in ben.submissions()} <= {"ben"}
    assert hers["id"] not in ids(ben.submissions(assignment="m01", student="ben"))
    refused = ben.course("GET", "submissions", student="amira")
    assert refused.status_code == 403 and refused.json()["error"] == "you may list only your own submissions"
    his = nbgrader_folder(tmp_path / "ben")
    for which in ("--inbound", "--cached"):
        listed = nbgrader(his, hub.url, ben.token, "list", which)
        assert "Submitted assignments:" in listed.stderr and "amira" not in listed.stdout + listed.stderr

    # Reading: her submission and its feedback answer as if they did not exist.
    for path in (f"submissions/{hers['id']}", f"submissions/{hers['id']}/feedback"):
        answer = ben.course("GET", path)
        assert answer.status_code == 404 and page not in answer.content and "amira" not in answer.text

    # Changing: a learner's token on the instructors' routes is refused; no route deletes a submission.
    assert ben.course("PUT", f"submissions/{hers['id']}/feedback", archive.of_files({"m01.html": b"forged"})) \
        .status_code == 403
    assert ben.course("PUT", "assignments/m01", submission("a forged release")).status_code == 403
    assert ben.course("DELETE", "assignments/m01").status_code == 403
    assert ben.course("DELETE", f"submissions/{hers['id']}").status_code == 405

    # Nobody without a token (or with a made-up one) gets anything: sent to log in, or refused.
    routes = [("GET", "assignments"), ("GET", "assignments/m01"), ("PUT", "assignments/m01"),
              ("DELETE", "assignments/m01"), ("POST", "assignments/m01/submissions"), ("GET", "submissions"),
              ("GET", f"submissions/{hers['id']}"), ("GET", f"submissions/{hers['id']}/feedback"),
              ("PUT", f"submissions/{hers['id']}/feedback")]
    for stranger in (Caller(hub.url), Caller(hub.url, "made-up-token")):
        for method, path in routes:
            body = submission("a stranger's") if method in ("PUT", "POST") else None
            assert stranger.course(method, path, body).status_code in (302, 403), (method, path)
        assert stranger("GET", "courses").status_code in (302, 403)

    # Everything of hers is as it was, and still hers.
    assert amira.course("GET", "assignments/m01").content == release
    assert archive.files(amira.course("GET", f"submissions/{hers['id']}/feedback").content) == {"m01.html": page}
    assert [s["feedback"] for s in amira.submissions() if s["id"] == hers["id"]] == [
        {"m01": hashlib.md5(page).hexdigest()}]


CRAFTED = ["..", "%2e%2e", "%2E%2E", "a+b", "%2Fetc%2Fpasswd", "..%2F..%2F..%2Fetc%2Fpasswd", "accelerator%00",
           "%2e%2e%2f%2e%2e%2fexchange-service%2fexchange.sqlite", "x" * 1000]
PLACES = [("GET", "/courses/{}/assignments"), ("GET", "/courses/{}/submissions"),
          ("GET", f"/courses/{COURSE}/assignments/{{}}"), ("POST", f"/courses/{COURSE}/assignments/{{}}/submissions"),
          ("GET", f"/courses/{COURSE}/submissions/{{}}"), ("GET", f"/courses/{COURSE}/submissions/{{}}/feedback")]


def test_crafted_names_and_archives_never_reach_a_file(hub, people):
    ben = people["ben"]
    for name in CRAFTED:
        for method, place in PLACES:
            path = "/services/exchange/api" + place.format(name)
            assert ben.raw(method, path) in (400, 403, 404, 405), f"{method} {path[:120]}"
    ref = f"escaped-{uuid.uuid4().hex}.txt"
    for name in (f"../../../{ref}", f"/tmp/{ref}", f"m01/../../{ref}"):
        refused = ben.course("POST", "assignments/m01/submissions", hostile_archive(name))
        assert refused.status_code == 400 and "outside its folder" in refused.json()["error"]
    assert not Path("/tmp", ref).exists() and not list(hub.state.parent.rglob(ref))

    folder = hub.state / "exchange-service"
    databases = re.compile(r"[\w-]+\.sqlite(-wal|-shm|-journal)?")
    assert sorted(p.name for p in folder.iterdir() if not databases.fullmatch(p.name)) == ["blobs", "incoming"]
    assert list((folder / "incoming").iterdir()) == []
    assert all(re.fullmatch(r"[0-9a-f]{64}\.tar\.gz", p.name) and p.is_file() for p in (folder / "blobs").iterdir())


def test_a_page_in_someones_browser_cannot_act_with_their_cookie(hub):
    """The service's cookie (a browser that visited it) needs the service's xsrf token for anything but reading,
    as JupyterHub's own pages do: another page open in that browser cannot submit or withdraw in their name."""
    amira, teacher = hub.session("amira"), hub.session("instructor")
    api = f"{hub.url}/services/exchange/api/courses/{COURSE}"
    before = amira.service("GET", "exchange", f"api/courses/{COURSE}/submissions")  # signs her in to the service
    assert before.status_code == 200 and {s["student"] for s in before.json()["submissions"]} <= {"amira"}
    forged = amira.http.post(f"{api}/assignments/m01/submissions", data=submission("forged"), allow_redirects=False)
    assert forged.status_code == 403
    assert ids(amira.service("GET", "exchange", f"api/courses/{COURSE}/submissions").json()["submissions"]) \
        == ids(before.json()["submissions"])
    teacher.service("GET", "exchange", f"api/courses/{COURSE}/assignments")
    assert teacher.http.delete(f"{api}/assignments/m01", allow_redirects=False).status_code == 403
    assert "m01" in {r["assignment"] for r in teacher.service("GET", "exchange", f"api/courses/{COURSE}/assignments")
                     .json()["assignments"]}
    # With the xsrf token (as the service's own page would send it) the same browser may.
    mine = amira.service("POST", "exchange", f"api/courses/{COURSE}/assignments/m01/submissions",
                         data=submission("from her own page"))
    assert mine.status_code == 201 and mine.json()["student"] == "amira"


def test_a_submission_is_the_token_owners_whatever_the_request_claims(hub, people, tmp_path):
    amira, ben, teacher = people["amira"], people["ben"], people["instructor"]
    claimed = "2001-02-03 04:05:06.000000 UTC"
    marker = f"amira, claiming to be ben {uuid.uuid4()}"
    done = amira.submit("m01", submission(marker, {"timestamp.txt": claimed.encode()}), student="ben")
    assert done["student"] == "amira" and done["timestamp"] != claimed
    assert done["id"] in ids(amira.submissions()) and done["id"] not in ids(ben.submissions())
    assert done["id"] not in ids(teacher.submissions(student="ben"))

    course = nbgrader_folder(copy_course(tmp_path / "course", ("m01",)))
    nbgrader(course, hub.url, teacher.token, "collect", "m01", "--student", "amira")
    collected = course / "submitted" / "amira" / "m01"
    assert marker in (collected / "m01.ipynb").read_text()
    assert (collected / "timestamp.txt").read_text() == done["timestamp"]
    assert not (course / "submitted" / "ben").exists()


def test_the_formgrader_collects_the_latest_and_returns_feedback_to_its_learner_only(hub, people, tmp_path):
    amira, ben, teacher = people["amira"], people["ben"], people["instructor"]
    tag = uuid.uuid4().hex
    amira.submit("m01", submission(f"amira's first try {tag}"))
    ben.submit("m01", submission(f"ben's answer {tag}"))
    mine = nbgrader_folder(tmp_path / "amira")
    nbgrader(mine, hub.url, amira.token, "fetch_assignment", "m01")
    notebook = mine / "m01" / "m01.ipynb"
    notebook.write_text(notebook.read_text().replace('"cells": [', f'"cells": [{{"cell_type": "markdown", '
                                                      f'"metadata": {{}}, "source": "amira\'s final {tag}"}}, ', 1))
    nbgrader(mine, hub.url, amira.token, "submit", "m01")
    latest = amira.submissions(assignment="m01")[-1]

    course = nbgrader_folder(copy_course(tmp_path / "course", ("m01",)))
    nbgrader(course, hub.url, teacher.token, "collect", "m01")
    collected = course / "submitted" / "amira" / "m01"
    assert f"amira's final {tag}" in (collected / "m01.ipynb").read_text()
    assert (collected / "timestamp.txt").read_text() == latest["timestamp"]
    assert f"ben's answer {tag}" in (course / "submitted" / "ben" / "m01" / "m01.ipynb").read_text()

    returned = course / "feedback" / "amira" / "m01"
    returned.mkdir(parents=True)
    page = f"<html><body>Feedback for amira {tag}</body></html>"
    (returned / "m01.html").write_text(page)
    (returned / "timestamp.txt").write_text((collected / "timestamp.txt").read_text())
    nbgrader(course, hub.url, teacher.token, "release_feedback", "m01")

    nbgrader(mine, hub.url, amira.token, "fetch_feedback", "m01")
    assert (mine / "m01" / "feedback" / latest["timestamp"] / "m01.html").read_text() == page
    theirs = nbgrader_folder(tmp_path / "ben")
    nbgrader(theirs, hub.url, ben.token, "fetch_feedback", "m01")
    assert not [p for p in theirs.rglob("*") if p.suffix == ".html" or p.name == "feedback"]


def test_fifty_submissions_at_once_are_all_kept_whole(hub, people):
    learners = ("amira", "ben", "chloe")
    tag = uuid.uuid4().hex
    jobs = [(learners[i % 3], submission(f"{learners[i % 3]} {i} {tag}", {"data.csv": os.urandom(20_000)}))
            for i in range(50)]
    jobs[3] = (jobs[0][0], jobs[0][1])  # the same work submitted twice: two versions, each kept
    start = Barrier(len(jobs))

    def send(job: tuple[str, bytes]) -> dict:
        start.wait()
        return people[job[0]].submit("m01", job[1])

    with ThreadPoolExecutor(len(jobs)) as pool:
        made = list(pool.map(send, jobs))
    assert len(ids(made)) == len(jobs)
    for name in learners:
        theirs = {s["id"]: s for s in people[name].submissions(assignment="m01")}
        sent = [(done, data) for (who, data), done in zip(jobs, made) if who == name]
        assert {done["id"] for done, _ in sent} <= set(theirs)
        for done, data in sent:
            assert theirs[done["id"]]["student"] == name
            assert people[name].course("GET", f"submissions/{done['id']}").content == data


@dataclass
class Killed:
    """A hub of its own whose exchange service was killed part-way through a submission's body."""

    hub: RunningHub
    amira: Caller
    #: amira's submissions before the kill: id -> the archive she sent.
    earlier: dict[int, bytes]
    pid: int
    launch: tuple[list[str], dict[str, str], str]
    #: the status line the half-sent submission got back, if any.
    answer: str
    orphan: Path


def kill_mid_submission(base: Path) -> Killed:
    own = start_hub(base, modules=("m01",))
    try:
        amira = Caller(own.url, own.session("amira").token())
        Caller(own.url, own.session("instructor").token()).grade_on_submit("m01", False)  # no grading to wait on
        earlier = {}
        for i in range(3):
            data = submission(f"version {i}")
            earlier[amira.submit("m01", data)["id"]] = data
        folder = own.state / "exchange-service"
        # What a stop while storing leaves behind: an upload half written, an archive whose record never was.
        (folder / "incoming" / "0123456789ab.half").write_bytes(b"half an archive")
        orphan = folder / "blobs" / f"{hashlib.sha256(b'orphan').hexdigest()}.tar.gz"
        orphan.write_bytes(b"an archive no record names")
        pid = service_pid(own.state)
        assert pid, "the hub runs the exchange service"
        launch = process_launch(pid)
        big = submission("never finished", {"big.csv": os.urandom(3_000_000)})
        upload = SlowUpload(own.url, amira.token, "m01", big)
        upload.send(0.4)
        os.kill(pid, signal.SIGKILL)
        return Killed(own, amira, earlier, pid, launch, upload.finish(), orphan)
    except BaseException:
        own.stop()
        raise


KILL_TEST = "test_the_service_killed_mid_submission_loses_nothing_and_keeps_nothing_half_made"


@pytest.fixture(scope="session", autouse=True)
def killed(request, tmp_path_factory):
    """Set going in the background as this file's tests start (before the shared hub, so the two start together).

    The hub notices a dead service only on its next poll, every 30 s: that wait passes while the other tests
    run, rather than on its own. The test stops this hub itself, so it does not outlive this file."""
    if not any(item.name == KILL_TEST and item.module is sys.modules[__name__] for item in request.session.items):
        yield None
        return
    with ThreadPoolExecutor(1) as pool:
        scene = pool.submit(kill_mid_submission, tmp_path_factory.mktemp("killed"))
        yield scene
        if scene.exception() is None:
            scene.result().hub.stop()


def test_the_service_killed_mid_submission_loses_nothing_and_keeps_nothing_half_made(killed):
    scene: Killed = killed.result(timeout=600)
    own, amira, folder = scene.hub, scene.amira, scene.hub.state / "exchange-service"
    ours = None
    try:
        assert "201" not in scene.answer, "the half-sent submission was not taken"
        # The hub starts its service again on its next poll; if it did not, we would, as it does.
        if not wait_for(lambda: service_pid(own.state) not in (None, scene.pid), timeout=45):
            cmd, env, cwd = scene.launch
            ours = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
        assert wait_for(lambda: amira.course("GET", "submissions").status_code == 200, timeout=60)

        assert ids(amira.submissions()) == set(scene.earlier), "every earlier version, and nothing of the killed one"
        for sid, data in scene.earlier.items():
            assert amira.course("GET", f"submissions/{sid}").content == data
        assert list((folder / "incoming").iterdir()) == [] and not scene.orphan.exists()
        assert amira.submit("m01", submission("after the restart"))["student"] == "amira"
    finally:
        if ours is not None:
            ours.kill()
            ours.wait(10)
        own.stop()
