"""The project track: a learner's own project from proposal to show-and-tell, in the store and on the pages."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from academy.course import Course
from academy.curriculum import load
from academy.grading.notebooks import read_notebook
from academy.grading.validate import hand_marked
from academy.progress.events import ProgressError
from academy.progress.hub_groups import cohorts_from_groups
from academy.progress.projects import FIELDS, Projects, read_plan
from academy.progress.store import ProgressStore
from academy.progress.web.access import Progress
from academy.progress.web.app import make_app
from academy.progress.web.base import ProgressHandler
from academy.services.access import access_of

COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"
PLAN = read_plan(COURSE)
PROPOSAL = {
    "title": "Missed bin collections reported twice",
    "question": "Which streets have a missed collection reported twice in a month, and why? The waste manager asked.",
    "users": "The waste collection supervisors, to change rounds.",
    "data": "Missed-collection reports from the CRM, 2024-25, owned by the waste service; public task.",
    "protection": "Worked on the council's analytics server; no names or addresses kept, streets only; counts "
                  "under 10 hidden.",
}


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(f"sqlite:///{tmp_path / 'progress.sqlite'}", load(COURSE))
    s.sync_cohorts({"intake-a": ("intake", {"learner": ["amira", "ben"], "instructor": ["ines"]}),
                    "intake-b": ("intake", {"learner": ["chloe"], "instructor": ["omar"]})})
    yield s
    s.engine.dispose()


def through_the_checkpoints(projects: Projects, learner: str = "amira", mentor: str = "ines") -> None:
    projects.propose(learner, PROPOSAL)
    projects.review(learner, mentor, True, "")
    for n, _ in enumerate(PLAN.checkpoints):
        projects.post_update(learner, f"update {n}", PLAN)
        projects.feedback(learner, mentor, f"feedback {n}", PLAN)


# ---------------------------------------------------------------- the course folder
def test_the_plan_is_read_from_the_course_folder_and_the_rubric_fits_the_template():
    assert PLAN.checkpoints == ("Data in hand", "First findings", "Ready to show")
    assert PLAN.rubric_id == "show_and_tell" and len(PLAN.criteria) == 5
    nb = read_notebook(COURSE / "source" / "project" / "project.ipynb")
    assert dict(hand_marked(nb)) == {"show_and_tell": PLAN.points}
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for words in ("never upload", "pseudonymise", "lawful basis", "suppress", "council's own secure environment"):
        assert words in text, words


def test_without_a_course_folder_the_plan_has_the_checkpoints_and_nothing_to_mark_against(store):
    plan = read_plan(None)
    assert plan.checkpoints == PLAN.checkpoints and plan.criteria == ()
    projects = Projects(store.engine)
    through_the_checkpoints(projects)
    with pytest.raises(ProgressError, match="no rubric"):
        projects.mark("amira", "ines", [], "", plan)


# ---------------------------------------------------------------- the store
def test_a_project_goes_from_proposal_to_complete_and_every_change_is_kept(store):
    projects = Projects(store.engine)
    assert projects.view("amira", PLAN) is None
    projects.propose("amira", PROPOSAL)
    projects.review("amira", "ines", False, "Say which months and who owns the CRM extract.")
    assert projects.view("amira", PLAN).state == "changes requested"
    projects.propose("amira", {**PROPOSAL, "data": PROPOSAL["data"] + " April to March; owner: waste manager."})
    assert projects.view("amira", PLAN).state == "proposed"
    projects.review("amira", "ines", True, "Good: go ahead.")
    view = projects.view("amira", PLAN)
    assert view.state == "approved" and view.next_checkpoint == "Data in hand"
    for n in range(len(PLAN.checkpoints)):
        projects.post_update("amira", f"update {n}", PLAN)
        assert projects.view("amira", PLAN).state == "update posted"
        projects.feedback("amira", "ines", f"feedback {n}", PLAN)
    view = projects.view("amira", PLAN)
    assert view.state == "ready to show"
    assert [(c.name, c.update.body["update"], c.feedback.body["feedback"]) for c in view.checkpoints] == [
        (c, f"update {n}", f"feedback {n}") for n, c in enumerate(PLAN.checkpoints)]
    projects.mark("amira", "ines", [2, 1.5, 2, 1, 2], "Clear and careful.", PLAN)
    projects.mark("amira", "ines", [2, 2, 2, 1, 2], "Re-marked after the slides were sent.", PLAN)
    view = projects.view("amira", PLAN)
    assert view.state == "shown" and view.marks["total"] == 9 and view.marks["out_of"] == 10
    projects.complete("amira", "ines")
    view = projects.view("amira", PLAN)
    assert view.state == "complete" and "April to March" in view.proposal["data"]
    kinds = [(e.kind, e.by) for e in view.events]
    assert kinds == [("proposed", "amira"), ("changes requested", "ines"), ("edited", "amira"), ("approved", "ines"),
                     *[(k, w) for _ in PLAN.checkpoints for k, w in (("update", "amira"), ("feedback", "ines"))],
                     ("marked", "ines"), ("marked", "ines"), ("completed", "ines")]
    # Nothing is overwritten: the first proposal and the first marking are still there as they were.
    assert view.events[0].body["data"] == PROPOSAL["data"]
    assert [e.body["total"] for e in view.events if e.kind == "marked"] == [8.5, 9]
    assert projects.states(["amira", "ben"]) == {"amira": ("complete", PROPOSAL["title"], view.events[-1].at)}


@pytest.mark.parametrize("step, message", [
    (lambda p: p.post_update("amira", "too soon", PLAN), "cannot post a checkpoint update now"),
    (lambda p: p.feedback("amira", "ines", "too soon", PLAN), "cannot give checkpoint feedback now"),
    (lambda p: p.mark("amira", "ines", [2] * 5, "", PLAN), "cannot mark the show-and-tell now"),
    (lambda p: p.complete("amira", "ines"), "cannot sign the project off now"),
])
def test_states_move_only_forward_as_allowed(store, step, message):
    projects = Projects(store.engine)
    projects.propose("amira", PROPOSAL)
    with pytest.raises(ProgressError, match=message):
        step(projects)
    assert projects.view("amira", PLAN).state == "proposed" and len(projects.view("amira", PLAN).events) == 1


def test_once_approved_the_proposal_is_fixed_and_approval_is_not_given_twice(store):
    projects = Projects(store.engine)
    projects.propose("amira", PROPOSAL)
    projects.review("amira", "ines", True, "")
    with pytest.raises(ProgressError, match="cannot change the proposal now"):
        projects.propose("amira", PROPOSAL)
    with pytest.raises(ProgressError, match="cannot approve the project now"):
        projects.review("amira", "ines", True, "")
    projects.post_update("amira", "first", PLAN)
    with pytest.raises(ProgressError, match="cannot post a checkpoint update now"):
        projects.post_update("amira", "second before any feedback", PLAN)


def test_a_learner_cannot_approve_or_mark_their_own_project_and_changes_need_a_reason(store):
    projects = Projects(store.engine)
    projects.propose("amira", PROPOSAL)
    with pytest.raises(ProgressError, match="cannot approve your own project"):
        projects.review("amira", "amira", True, "")
    with pytest.raises(ProgressError, match="The comment saying what to change is empty"):
        projects.review("amira", "ines", False, "  ")
    with pytest.raises(ProgressError, match="Who will use the answer is empty"):
        projects.propose("ben", {**PROPOSAL, "users": ""})
    assert projects.view("ben", PLAN) is None


@pytest.mark.parametrize("marks, message", [
    ([3, 2, 2, 2, 2], "criterion 1 is worth at most 2 points; a mark of 3 is more than it can have"),
    ([2, 2, -1, 2, 2], "a mark of -1 is less than it can have"),
    ([2, 2, "two", 2, 2], "the mark for criterion 3 is not a number"),
    ([2, 2, "nan", 2, 2], "the mark for criterion 3 is not a number"),
    ([2, 2], "give a mark for each of the 5 criteria"),
])
def test_a_mark_outside_a_criterions_points_is_refused_in_a_plain_sentence(store, marks, message):
    projects = Projects(store.engine)
    through_the_checkpoints(projects)
    with pytest.raises(ProgressError, match=message):
        projects.mark("amira", "ines", marks, "", PLAN)
    assert projects.view("amira", PLAN).state == "ready to show"


def test_the_schema_holds_both_tables(tmp_path):
    ProgressStore(f"sqlite:///{tmp_path / 'p.sqlite'}", load(COURSE)).engine.dispose()
    with sqlite3.connect(tmp_path / "p.sqlite") as db:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
    assert {"projects", "project_events"} <= tables


# ---------------------------------------------------------------- the pages
LOG = logging.getLogger("test_projects")


@pytest.fixture
def as_header(monkeypatch):
    """The hub's answer to 'who is this?', played by a header (the hub itself is tested in test_services)."""

    async def prepare(self) -> None:
        return None

    monkeypatch.setattr(ProgressHandler, "prepare", prepare)
    monkeypatch.setattr(ProgressHandler, "get_current_user",
                        lambda self: {"name": self.request.headers["X-User"]} if "X-User" in self.request.headers
                        else None)


def run(store, requests: list[tuple[str, str, str, dict | None]]) -> list[tuple[int, str, str]]:
    """(method, path, user, form) -> (status, body, redirect location) against the service on a loopback port."""

    async def go() -> list[tuple[int, str, str]]:
        progress = Progress(store, Path("/nonexistent/gradebook.db"), "http://127.0.0.1:1/hub/api", "token")
        progress.people_read_at = float("inf")  # never ask the (absent) hub again
        app = make_app(progress, "/services/progress/", Course.at(COURSE))
        sock, port = bind_unused_port()
        server = HTTPServer(app)
        server.add_sockets([sock])
        client = AsyncHTTPClient()
        out = []
        for method, path, user, form in requests:
            r = await client.fetch(f"http://127.0.0.1:{port}/services/progress{path}", method=method,
                                   raise_error=False, follow_redirects=False, headers={"X-User": user},
                                   body=urlencode(form or {}, doseq=True) if method == "POST" else None)
            out.append((r.code, r.body.decode(), r.headers.get("Location", "")))
        server.stop()
        return out

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, go()).result()


def test_every_project_route_declares_who_may_call_it(store):
    app = make_app(Progress(store, "gb.db", "http://127.0.0.1:1/hub/api", "token"), "/services/progress/")
    handlers = {r.target.__name__: r.target for r in app.wildcard_router.rules}
    assert access_of(handlers["MyProject"].get).kind == access_of(handlers["MyProject"].post).kind == "signed in"
    assert access_of(handlers["CohortProjects"].get).params == ("cohort",)
    assert access_of(handlers["LearnerProject"].post).params == ("cohort",)


def test_the_whole_path_through_the_pages(store, as_header):
    me = "/me/project"
    review = "/cohorts/intake-a/projects/amira"
    results = run(store, [
        ("GET", me, "amira", None),
        ("POST", me, "amira", {"action": "propose", **PROPOSAL}),
        ("GET", "/me", "amira", None),
        ("GET", "/cohorts/intake-a/projects", "ines", None),
        ("POST", review, "ines", {"action": "changes", "comment": "Name the owner of the CRM extract."}),
        ("GET", me, "amira", None),
        ("POST", me, "amira", {"action": "propose", **PROPOSAL, "data": PROPOSAL["data"] + " Owner: J. Patel."}),
        ("POST", review, "ines", {"action": "approve", "comment": "Go ahead."}),
        ("POST", me, "amira", {"action": "update", "update": "Extract in hand: 4,210 reports."}),
        ("POST", review, "ines", {"action": "feedback", "comment": "Check for duplicates."}),
        ("POST", me, "amira", {"action": "update", "update": "Forty streets twice in a month."}),
        ("POST", review, "ines", {"action": "feedback", "comment": "Map them."}),
        ("POST", me, "amira", {"action": "update", "update": "Slides ready."}),
        ("POST", review, "ines", {"action": "feedback", "comment": "Ready."}),
        ("GET", review, "ines", None),
        ("POST", review, "ines", {"action": "mark", "mark": ["2", "5", "2", "2", "2"], "comment": "Too high"}),
        ("POST", review, "ines", {"action": "mark", "mark": ["2", "2", "1.5", "2", "1"], "comment": "Well done."}),
        ("POST", review, "ines", {"action": "complete"}),
        ("GET", me, "amira", None),
        ("GET", "/me", "amira", None),
    ])
    codes = [c for c, _, _ in results]
    assert codes == [200, 302, 200, 200, 302, 200, 302, 302, 302, 302, 302, 302, 302, 302, 200, 400, 302, 302, 200,
                     200], codes
    assert results[1][2] == "/services/progress/me/project"
    assert "Proposed: waiting for a mentor to approve it" in results[2][1]           # the /me page says so
    assert 'data-learner="amira"' in results[3][1] and "Not proposed yet" in results[3][1]  # ben has none
    assert "Name the owner of the CRM extract." in results[5][1] and 'id="proposal-form"' in results[5][1]
    marking = results[14][1]
    assert marking.count('name="mark"') == 5 and 'max="2"' in marking
    assert "criterion 2 is worth at most 2 points; a mark of 5 is more than it can have" in results[15][1]
    final = results[18][1]
    assert "Complete" in final and 'id="total">8.5<' in final and "Well done." in final
    assert "Forty streets twice in a month." in final and "Map them." in final  # each update and its feedback
    assert "Your project is complete" in results[19][1]


def test_a_learner_reaches_only_their_own_project(store, as_header):
    Projects(store.engine).propose("amira", PROPOSAL)
    results = run(store, [
        ("GET", "/cohorts/intake-a/projects/amira", "ben", None),
        ("POST", "/cohorts/intake-a/projects/amira", "ben", {"action": "approve"}),
        ("POST", "/cohorts/intake-a/projects/amira", "amira", {"action": "approve"}),
        ("GET", "/cohorts/intake-a/projects", "amira", None),
        ("GET", "/cohorts/intake-b/projects/amira", "omar", None),   # teaches another cohort, not amira's
        ("GET", "/cohorts/intake-a/projects/amira", "omar", None),
        ("GET", "/me/project", "ben", None),
        ("POST", "/me/project", "ben", {"action": "update", "update": "not mine"}),
    ])
    assert [c for c, _, _ in results] == [403, 403, 403, 403, 404, 403, 200, 400]
    assert "only the instructors and mentors of intake-a see its projects" in results[0][1]
    assert "No project yet" in results[6][1] and PROPOSAL["title"] not in results[6][1]
    assert "propose your project first" in results[7][1]
    assert [e.kind for e in Projects(store.engine).view("amira", PLAN).events] == ["proposed"]


def test_a_mentor_from_the_cohorts_mentors_group_approves_without_teaching_it(store, as_header):
    """`intake-a-mentors` on the hub: a service manager who mentors projects sees and approves intake-a's, and
    nobody else's, and their start page leads to them."""
    store.sync_cohorts(cohorts_from_groups({"instructors": ["ines", "omar"], "intake-a": ["amira", "ben", "ines"],
                                            "intake-a-mentors": ["priya"], "intake-b": ["chloe", "omar"]}))
    Projects(store.engine).propose("amira", PROPOSAL)
    results = run(store, [
        ("GET", "/", "priya", None),
        ("GET", "/cohorts/intake-a/projects", "priya", None),
        ("POST", "/cohorts/intake-a/projects/amira", "priya", {"action": "approve", "comment": "Go ahead."}),
        ("GET", "/cohorts/intake-b/projects", "priya", None),
        ("GET", "/cohorts/intake-a", "priya", None),  # mentoring projects is not teaching the cohort
    ])
    assert [c for c, _, _ in results] == [200, 200, 302, 403, 403]
    assert 'id="mentoring"' in results[0][1] and "intake-a" in results[0][1]
    assert 'data-learner="amira"' in results[1][1]
    assert Projects(store.engine).view("amira", PLAN).state == "approved"
    assert "intake-a-mentors" not in store.cohorts_of("priya")  # a mentors group is a role, not a cohort


def test_an_empty_field_is_named_and_what_was_typed_is_kept(store, as_header):
    [(code, body, _)] = run(store, [("POST", "/me/project", "amira", {"action": "propose", **PROPOSAL,
                                                                     "protection": ""})])
    assert code == 400 and "How personal data will be protected is empty" in body
    assert PROPOSAL["question"].split(",")[0] in body.replace("&#39;", "'")
    assert Projects(store.engine).view("amira", PLAN) is None


def test_the_proposal_form_asks_for_every_field_with_a_label(store, as_header):
    [(_, body, _)] = run(store, [("GET", "/me/project", "amira", None)])
    for name, label, _ in FIELDS:
        assert f'<label for="field-{name}">{label}</label>' in body.replace("&#39;", "'")
    assert "Working safely with real data" in body and json.dumps("x")


def test_the_service_reads_the_rubric_as_academy_validate_does():
    """The progress service may not import academy.checks, so it reads rubrics.md itself: the same criteria."""
    from academy import rubrics

    rubric = rubrics.read(COURSE / "modules" / "project")[PLAN.rubric_id]
    assert PLAN.criteria == rubric.criteria and PLAN.points == rubric.points
