"""Graded on submit, through a real hub: the learner sees a score with no instructor action, and the module's
policy (held for marking, a submission limit, a due date with late work accepted, penalised or refused, an
extension) behaves as the instructor set it. A grading worker killed mid-batch costs nobody their grade, and
nobody is graded twice.
"""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from academy.exchange import archive
from academy.exchange.jobs import GradingJobs
from academy.exchange.store import ExchangeStore
from academy.testing.exchange import Caller
from academy.testing.hubs import start_hub, wait_for

#: m01's first question answered right (the browser round trip types the same line).
RIGHT_Q1 = "answer_q1 = round(band_d * 6 / 9, 2)"


def released(caller: Caller, module: str) -> dict[str, bytes]:
    answer = caller.course("GET", f"assignments/{module}")
    assert answer.status_code == 200, answer.text
    return archive.files(answer.content)


def answered(files: dict[str, bytes], module: str, grade_id: str | None = None, code: str = "") -> bytes:
    """The released module as a learner hands it in: ``code`` in the answer cell ``grade_id``, if given."""
    nb = json.loads(files[f"{module}.ipynb"])
    if grade_id:
        cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)
        cell["source"] = code
    return archive.of_files({**files, f"{module}.ipynb": json.dumps(nb).encode()})


def work_of(caller: Caller, module: str, student: str | None = None) -> dict:
    params = {"student": student} if student else {}
    answer = caller.course("GET", "my-work", **params)
    assert answer.status_code == 200, answer.text
    return next(m for m in answer.json()["modules"] if m["assignment"] == module)


def wait_graded(caller: Caller, module: str, submission_id: int, student: str | None = None,
                timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        mine = {s["id"]: s for s in work_of(caller, module, student)["submissions"]}
        state = mine[submission_id]["grading"]["state"]
        if state not in ("queued", "running"):
            return mine[submission_id]
        assert time.monotonic() < deadline, f"submission {submission_id} still {state} after {timeout} s"
        time.sleep(0.5)


@pytest.fixture(scope="module")
def people(hub):
    return {name: Caller(hub.url, hub.session(name).token()) for name in ("amira", "ben", "chloe", "instructor")}


def set_policy(people, module: str, **policy) -> None:
    answer = people["instructor"].course("PUT", f"assignments/{module}/policy", json.dumps(policy).encode())
    assert answer.status_code == 200, answer.text


def test_a_submission_is_graded_with_its_feedback_returned_and_no_instructor_pressing_anything(hub, people):
    amira = people["amira"]
    sent = amira.submit("m01", answered(released(amira, "m01"), "m01", "q1_answer", RIGHT_Q1))
    assert sent["grading"] == "queued"
    done = wait_graded(amira, "m01", sent["id"])
    grading = done["grading"]
    assert grading["state"] == "graded", grading
    assert 1 <= grading["score"] < grading["max_score"], "question 1 right, the rest not answered"
    assert "Question 1" in grading["summary"] and "Not answered" in grading["summary"]
    # The score comes first; nbgrader's feedback pages for the batch follow.
    deadline = time.monotonic() + 120
    while not done["feedback"]:
        assert time.monotonic() < deadline, "the feedback pages never went back to the exchange"
        time.sleep(0.5)
        done = next(s for s in work_of(amira, "m01")["submissions"] if s["id"] == sent["id"])
    pages = archive.files(amira.course("GET", f"submissions/{sent['id']}/feedback").content)
    assert any(name.endswith(".html") and b"Question 1" in page for name, page in pages.items())
    # Another learner sees none of it.
    assert people["ben"].course("GET", f"submissions/{sent['id']}/feedback").status_code == 404
    assert all(s["id"] != sent["id"] for s in work_of(people["ben"], "m01")["submissions"])


def test_a_module_held_for_marking_waits_until_an_instructor_says_grade_it(hub, people):
    set_policy(people, "m02", grade_on_submit=False)
    try:
        ben = people["ben"]
        sent = ben.submit("m02", answered(released(ben, "m02"), "m02"))
        assert sent["grading"] == "held"
        time.sleep(3)
        assert work_of(ben, "m02")["submissions"][-1]["grading"]["state"] == "held"
        assert ben.course("POST", f"grading/{sent['id']}/queue").status_code == 403, "a learner cannot release it"
        assert people["instructor"].course("POST", f"grading/{sent['id']}/queue").status_code == 200
        assert wait_graded(ben, "m02", sent["id"])["grading"]["state"] == "graded"
    finally:
        set_policy(people, "m02", grade_on_submit=True)


def test_a_submission_limit_and_a_due_date_with_late_work_refused_then_an_extension(hub, people):
    chloe, ben = people["chloe"], people["ben"]
    files = released(chloe, "m03")
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    set_policy(people, "m03", due=past, late_policy="refuse", max_submissions=2)
    try:
        refused = chloe.course("POST", "assignments/m03/submissions", answered(files, "m03"))
        assert refused.status_code == 403 and "late work is not accepted" in refused.json()["error"]
        granted = people["instructor"].course("PUT", "allowances/chloe/m03",
                                              json.dumps({"extra_hours": 48, "note": "hospital appointment"}).encode())
        assert granted.status_code == 200, granted.text
        assert chloe.course("PUT", "allowances/chloe/m03", b"{}").status_code == 403, "learners grant nothing"
        first = chloe.submit("m03", answered(files, "m03"))
        assert first["late"] is False, "the extension moved chloe's own due date"
        chloe.submit("m03", answered(files, "m03"))
        third = chloe.course("POST", "assignments/m03/submissions", answered(files, "m03"))
        assert third.status_code == 403 and "the most it allows" in third.json()["error"]
        # Ben has no extension: with late work accepted his submission goes in, marked late.
        set_policy(people, "m03", late_policy="accept", max_submissions=None)
        late = ben.submit("m03", answered(files, "m03"))
        assert late["late"] is True
        mine = work_of(ben, "m03")
        assert mine["my_due"] and mine["my_due"] < work_of(chloe, "m03")["my_due"]
    finally:
        set_policy(people, "m03", due="", late_policy="accept", max_submissions=None)
        people["instructor"].course("DELETE", "allowances/chloe/m03")


def test_a_late_penalty_takes_its_share_off_the_score_the_learner_is_given(hub, people):
    amira = people["amira"]
    set_policy(people, "m01", due=(datetime.now(UTC) - timedelta(minutes=5)).isoformat(), late_policy="penalty",
               late_penalty=0.5)
    try:
        sent = amira.submit("m01", answered(released(amira, "m01"), "m01", "q1_answer", RIGHT_Q1))
        assert sent["late"] is True
        done = wait_graded(amira, "m01", sent["id"])
        raw = done["grading"]["score"]
        assert raw >= 1 and done["score"] == pytest.approx(raw * 0.5)
    finally:
        set_policy(people, "m01", due="", late_policy="accept", late_penalty=0)


def _worker_pid(state: Path) -> int | None:
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes()
            env = (proc / "environ").read_bytes()
        except OSError:
            continue
        if b"academy.grading.on_submit" in cmd and str(state).encode() in env:
            return int(proc.name)
    return None


@pytest.mark.slow
def test_a_grading_worker_killed_mid_batch_grades_every_submission_once(tmp_path):
    hub = start_hub(tmp_path / "hub", modules=("m01",), ACADEMY_GRADING_LEASE_SECONDS="10")
    try:
        callers = {n: Caller(hub.url, hub.session(n).token()) for n in ("amira", "ben", "chloe", "instructor")}
        files = released(callers["amira"], "m01")
        first = callers["amira"].submit("m01", answered(files, "m01", "q1_answer", RIGHT_Q1))
        wait_graded(callers["amira"], "m01", first["id"])  # the worker is warm now
        sent = {n: callers[n].submit("m01", answered(files, "m01", "q1_answer", RIGHT_Q1))
                for n in ("amira", "ben", "chloe")}
        jobs = GradingJobs(ExchangeStore(hub.state / "exchange-service").engine)
        deadline = time.monotonic() + 60
        while not any(j["state"] == "running" for j in jobs.states([s["id"] for s in sent.values()]).values()):
            assert time.monotonic() < deadline, "no job started"
            time.sleep(0.1)
        pid = _worker_pid(hub.state)
        assert pid, "the grading worker's process"
        os.kill(pid, signal.SIGKILL)
        for name, s in sent.items():
            assert wait_graded(callers["instructor"], "m01", s["id"], student=name)["grading"]["state"] == "graded"
        states = jobs.states([s["id"] for s in sent.values()])
        assert any(st["attempts"] >= 2 for st in states.values()), "the killed batch ran again"
        assert _worker_pid(hub.state) not in (None, pid), "the hub started a new worker"
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{hub.course / 'gradebook.db'}", "accelerator") as gb:
            for name in sent:
                graded = [s for s in gb.find_student(name).submissions if s.assignment.name == "m01"]
                assert len(graded) == 1 and graded[0].score >= 1, f"{name} graded once, with their answer"
    finally:
        hub.stop()


def test_each_learners_own_due_date_is_on_their_progress_page(hub, people):
    """The progress page asks the exchange for the learner's own due dates: with an extension, theirs; without,
    the module's."""
    due = (datetime.now(UTC) + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    set_policy(people, "m04", due=due.isoformat())
    granted = people["instructor"].course("PUT", "allowances/chloe/m04", json.dumps({"extra_hours": 24}).encode())
    assert granted.status_code == 200, granted.text
    try:
        def shown(when: datetime) -> str:
            t = when.astimezone(ZoneInfo("Europe/London"))
            return f"{t:%H:%M} on {t:%A} {t.day} {t:%B %Y}"

        def row(name: str) -> str:
            def page() -> str | None:
                answer = hub.session(name).service("GET", "progress", "me")
                assert answer.status_code == 200, answer.text[:300]
                # The progress service gives the exchange 3 s; on a machine busy grading it may say so instead.
                return None if 'id="due-dates-away"' in answer.text else answer.text

            text = wait_for(page, timeout=60, interval=1)
            assert text, "the progress page never showed the due dates"
            return text.split('data-module="m04"', 1)[1].split("</tr>", 1)[0]

        chloe, ben = row("chloe"), row("ben")
        assert shown(due + timedelta(hours=24)) in chloe and "with your extra time" in chloe
        assert shown(due) in ben and "extra time" not in ben
    finally:
        set_policy(people, "m04", due="")
        people["instructor"].course("DELETE", "allowances/chloe/m04")
