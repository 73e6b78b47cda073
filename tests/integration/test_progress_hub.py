"""The progress service through the real hub: who sees what, and checks judged behind the hub reaching it."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import requests

from academy.checks import registry
from academy.course import find
from academy.curriculum import load
from academy.exercises import wire
from academy.testing.hubs import wait_for

SERVICE = "progress"


def my_record(session) -> dict:
    r = session.service("GET", SERVICE, "api/me")
    assert r.status_code == 200, r.text
    return r.json()


def check(session, module: str, exercise: str, answer, token: str | None = None) -> requests.Response:
    """Send an answer to the checks service as a notebook does: as data, with the person's token."""
    return requests.post(f"{session.url}/services/checks/api/modules/{module}/{exercise}/check",
                         headers={"Authorization": f"token {token or session.token()}"},
                         data=wire.pack_answer(answer), timeout=60)


CHECK = """
from academy.notebook import module
ex = module("m01")
charges = ex.table("band_charges")
band_d = float(charges.loc[charges["band"] == "D", "charge"].iloc[0])
print("first", ex.q1.check(12345.0).passed)            # wrong first
print("then", ex.q1.check(round(band_d * 6 / 9, 2)).passed)
"""


def test_a_check_run_in_a_learners_kernel_reaches_their_record_and_nobody_elses(hub):
    chloe, ben = hub.session("chloe"), hub.session("ben")
    before, bens = my_record(chloe)["attempts"], my_record(ben)["attempts"]  # the hub is shared with other tests
    out = chloe.run_in_kernel(CHECK)
    assert "first False" in out and "then True" in out, out
    record = wait_for(lambda: (r := my_record(chloe))["attempts"] >= before + 2 and r)
    assert record, "the two attempts never reached chloe's record"
    m01 = next(m for m in record["modules"] if m["module"] == "m01")
    assert m01["passed"] >= 1 and m01["status"] == "in progress"
    assert record["next"]["module"] == "m01" and record["next"]["exercise"] != "q1"
    assert my_record(ben)["attempts"] == bens


def test_each_role_sees_only_what_it_should(hub):
    amira, organiser, instructor = hub.session("amira"), hub.session("organiser"), hub.session("instructor")
    intake, club = "intake-salford-2026", "club-salford"
    assert amira.service("GET", SERVICE, "me").status_code == 200
    for path in (f"cohorts/{intake}", f"cohorts/{intake}/export.csv", f"cohorts/{intake}/exercises",
                 f"cohorts/{intake}/exercises.csv", f"clubs/{club}"):
        r = amira.service("GET", SERVICE, path)
        assert r.status_code == 403 and "cannot see this page" in r.text, path
    assert organiser.service("GET", SERVICE, f"clubs/{club}").status_code == 200
    assert organiser.service("GET", SERVICE, f"cohorts/{intake}").status_code == 403
    assert organiser.service("GET", SERVICE, "clubs/club-elsewhere").status_code == 403
    assert instructor.service("GET", SERVICE, f"clubs/{club}").status_code == 403
    page = instructor.service("GET", SERVICE, f"cohorts/{intake}")
    assert page.status_code == 200 and 'id="heatmap"' in page.text and "amira" in page.text
    assert instructor.service("GET", SERVICE, "cohorts/no-such-cohort").status_code == 403
    # Without logging in: the hub's login, never a page.
    anonymous = requests.get(f"{hub.url}/services/{SERVICE}/me", timeout=30)
    assert anonymous.url.startswith(f"{hub.url}/hub/login")


def test_instructors_export_what_the_heatmap_shows(hub):
    chloe = hub.session("chloe")
    assert check(chloe, "m02", "q3", None).json()["passed"] is False
    instructor = hub.session("instructor")
    r = instructor.service("GET", SERVICE, "cohorts/intake-salford-2026/export.csv")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {"learner": "chloe", "module": "m02", "exercise": "q3", "attempts": "1"}.items() <= next(
        row for row in rows if row["learner"] == "chloe" and row["exercise"] == "q3" and row["module"] == "m02").items()
    x = instructor.service("GET", SERVICE, "cohorts/intake-salford-2026/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(x.content)).active
    assert [c.value for c in sheet[1]][:3] == ["learner", "module", "exercise"] and sheet.max_row == len(rows) + 1
    # Each exercise, one line each, with chloe's failed try counted and a hint she asked for.
    hint = requests.post(f"{hub.url}/services/checks/api/modules/m02/q3/hint", timeout=30,
                         headers={"Authorization": f"token {chloe.token()}"}, json={"number": 1})
    assert hint.status_code == 200 and hint.json()["text"].startswith("Hint 1")
    report = instructor.service("GET", SERVICE, "cohorts/intake-salford-2026/exercises.csv")
    lines = {row["module"] + "." + row["exercise"]: row for row in csv.DictReader(io.StringIO(report.text))}
    assert int(lines["m02.q3"]["tried"]) >= 1 and float(lines["m02.q3"]["mean_hints_per_learner"]) > 0
    assert set(lines) >= {"m01.q1", "m09.q1"}
    page = instructor.service("GET", SERVICE, "cohorts/intake-salford-2026/exercises")
    assert page.status_code == 200 and 'data-exercise="m02.q3"' in page.text


def test_the_checker_refuses_what_is_not_an_answer_and_records_only_its_own_verdicts(hub):
    ben = hub.session("ben")
    before = my_record(ben)["attempts"]
    token = ben.token()
    auth = {"Authorization": f"token {token}"}
    url = f"{hub.url}/services/checks/api/modules"
    # The old route that took a notebook's word for a pass is gone.
    claimed = requests.post(f"{hub.url}/services/{SERVICE}/api/attempts", headers=auth, timeout=30,
                            json={"module": "m01", "exercise": "q2", "passed": True})
    assert claimed.status_code == 404
    assert check(ben, "m01", "q2", {"A": 1.0}, token).json()["passed"] is False
    wrong = requests.post(f"{url}/m01/q99/check", headers=auth, data=wire.pack_answer(1), timeout=30)
    assert wrong.status_code == 404 and "no exercise 'q99'" in wrong.json()["error"]
    bad = requests.post(f"{url}/m01/q1/check", headers=auth, data=b"{not a bundle", timeout=30)
    assert bad.status_code == 400 and "not an answer bundle" in bad.json()["error"]
    pickled = requests.post(f"{url}/m01/q1/check", headers=auth, data=b"\x80\x04K\x01.", timeout=30)
    assert pickled.status_code == 400
    forged = requests.post(f"{url}/m01/q1/check", data=wire.pack_answer(1), timeout=30, allow_redirects=False)
    assert forged.status_code in (302, 403)
    assert my_record(ben)["attempts"] == before + 1


def test_a_club_session_board_updates_as_members_pass_checks(hub):
    organiser, amira = hub.session("organiser"), hub.session("amira")
    started = organiser.service("POST", SERVICE, "clubs/club-salford", data={"module": "m01", "exercise": ["q1"]})
    assert started.status_code == 200 and "/sessions/" in started.url
    sid = started.url.rstrip("/").rsplit("/", 1)[1]
    assert amira.service("POST", SERVICE, f"sessions/{sid}/join").status_code == 200
    instructor = hub.session("instructor")
    assert instructor.service("POST", SERVICE, f"sessions/{sid}/join").status_code == 403

    def amira_on_board():
        board = organiser.service("GET", SERVICE, f"sessions/{sid}/board.json").json()
        return {m["learner"]: m["checks"] for m in board["members"]}.get("amira")

    assert amira_on_board() == {"q1": "not yet"}
    assert "then True" in amira.run_in_kernel(CHECK)
    assert wait_for(lambda: amira_on_board() == {"q1": "passed"})
    assert amira.service("POST", SERVICE, f"sessions/{sid}/end").status_code == 403
    assert organiser.service("POST", SERVICE, f"sessions/{sid}/end").status_code == 200
    kept = organiser.service("GET", SERVICE, f"sessions/{sid}/board.json").json()
    assert kept["ended_at"] and kept["members"][0]["checks"] == {"q1": "passed"}


@pytest.mark.parametrize("path", ["me", "api/me"])
def test_the_service_survives_a_hub_user_it_has_never_seen(hub, path):
    """A learner with no cohort and no attempts yet (the hub knows them; the store does not)."""
    assert hub.session("ben").service("GET", SERVICE, path).status_code == 200


def test_a_locked_module_is_not_fetched_and_the_learner_is_told_why(hub):
    ben = hub.session("ben")
    ben.start_server(wait=120)
    auth = {"Authorization": f"token {ben.token()}"}
    fetch = f"{hub.url}/user/ben/assignments/fetch"
    modules = my_record(ben)["modules"]
    locked = next(m for m in modules if m["status"] == "locked" and m["missing"])
    opened = next(m for m in modules if m["status"] in ("available", "in progress"))

    refused = requests.post(fetch, data={"course_id": "accelerator", "assignment_id": locked["module"]},
                            headers=auth, timeout=60).json()
    # The Assignments tab shows `value` in place of its lists when `success` is false.
    assert refused["success"] is False, refused
    assert all(p in refused["value"] for p in locked["missing"]) and "locked" in refused["value"]
    listed = requests.get(f"{hub.url}/user/ben/assignments", params={"course_id": "accelerator"}, headers=auth,
                          timeout=60).json()
    assert all(a["status"] == "released" for a in listed["value"] if a["assignment_id"] == locked["module"])

    fetched = requests.post(fetch, data={"course_id": "accelerator", "assignment_id": opened["module"]},
                            headers=auth, timeout=60).json()
    assert fetched["success"], fetched
    assert any(a["assignment_id"] == opened["module"] and a["status"] == "fetched" for a in fetched["value"])
    ben.stop_server()


def test_validate_reports_each_question_in_the_instant_checks_words(hub):
    amira = hub.session("amira")
    amira.start_server(wait=120)
    auth = {"Authorization": f"token {amira.token()}"}
    base = f"{hub.url}/user/amira"
    listed = requests.post(f"{base}/assignments/fetch", data={"course_id": "accelerator", "assignment_id": "m01"},
                           headers=auth, timeout=60).json()
    module = next(a for a in listed["value"] if a["assignment_id"] == "m01" and a["status"] == "fetched")
    path = module["notebooks"][0]["path"]
    nb = requests.get(f"{base}/api/contents/{path}", headers=auth, timeout=30).json()["content"]
    answer = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1_answer")
    answer["source"] = "answer_q1 = 12345.0  # a guess: the instant check says why it is wrong"
    saved = requests.put(f"{base}/api/contents/{path}", json={"type": "notebook", "format": "json", "content": nb},
                         headers=auth, timeout=30)
    assert saved.status_code == 200, saved.text[:300]

    validated = requests.post(f"{base}/assignments/validate", data={"path": path}, headers=auth, timeout=300).json()
    assert validated["success"], validated
    failed = {c["source"].split("\n")[0]: c["raw_error"] for c in validated["value"]["failed"]}
    q1 = next(error for source, error in failed.items() if "question 1" in source)
    # Stock Validate passes a wrong answer whose visible test only asks for something: this says what is wrong.
    assert "The check for question 1 says" in q1 and "Not yet:" in q1, q1
    assert any("question 4" in source for source in failed), "blank questions are still reported"
    amira.stop_server()


def test_an_organiser_puts_a_challenge_from_the_pack_on_the_board_in_one_step(hub):
    """One press of 'Put on the board' starts a session on every check of the challenge, and a member's right
    answer, checked in their own kernel, shows on it."""
    challenge = load(find().root).challenges[0]
    organiser, amira, instructor = hub.session("organiser"), hub.session("amira"), hub.session("instructor")
    club = organiser.service("GET", SERVICE, "clubs/club-salford")
    assert 'id="challenge-pack"' in club.text and challenge.title in club.text

    sheet = organiser.service("GET", SERVICE, f"clubs/club-salford/challenges/{challenge.id}")
    assert sheet.status_code == 200
    assert all(f">{name}</h2>" in sheet.text for name in ("What it teaches", "Timing", "Common sticking points"))
    assert amira.service("GET", SERVICE, f"clubs/club-salford/challenges/{challenge.id}").status_code == 403
    assert instructor.service("GET", SERVICE, f"clubs/club-salford/challenges/{challenge.id}").status_code == 403
    missing = organiser.service("GET", SERVICE, "clubs/club-salford/challenges/c404")
    assert missing.status_code == 404 and "the challenge pack has no challenge called c404" in missing.text

    started = organiser.service("POST", SERVICE, "clubs/club-salford", data={"module": challenge.id})
    assert started.status_code == 200 and "/sessions/" in started.url and challenge.title in started.text
    sid = started.url.rstrip("/").rsplit("/", 1)[1]
    assert challenge.title in amira.service("GET", SERVICE, "me").text  # offered on her own page
    assert amira.service("POST", SERVICE, f"sessions/{sid}/join").status_code == 200

    def amiras_checks():
        board = organiser.service("GET", SERVICE, f"sessions/{sid}/board.json").json()
        return {m["learner"]: m["checks"] for m in board["members"]}.get("amira")

    assert amiras_checks() == {e: "not yet" for e in challenge.exercises}
    # The challenge's notebook as a member runs it, with the published solution typed in, up to question 1.
    steps = registry.module(challenge.id).steps
    first = challenge.exercises[0]
    upto = next(i for i, (name, _) in enumerate(steps) if name == first)
    code = "\n".join(code for _, code in steps[:upto + 1])
    code += f"\nprint('checked', ex.{first}.check(answer_{first}).passed)"
    assert "checked True" in amira.run_in_kernel(code)
    assert wait_for(lambda: (amiras_checks() or {}).get(first) == "passed")
    assert organiser.service("POST", SERVICE, f"sessions/{sid}/end").status_code == 200
