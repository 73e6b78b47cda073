"""A module's whole round trip in a real browser, as a learner and an instructor see it.

The learner logs in, opens module 1 with the one button on their start page,
answers the first question, runs its check and submits from the Assignments
tab; the instructor goes from their start page to the formgrader, collects,
grades with its Autograde button (sandboxed, as `academy grade` is) and
releases feedback; the learner fetches the feedback and reads their score.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import log_in  # noqa: E402 - the shared conftest, see tests/conftest.py
from playwright.sync_api import expect

from academy.hub.accounts import DEMO_NAMES
from academy.testing.hubs import start_hub

MODULE = "m01"
PROGRESS = "/services/progress"


@pytest.fixture(scope="module")
def m01_hub(tmp_path_factory):
    # Grading on submit off: the instructor's own path (collect, autograde, release feedback) is what is shown.
    running = start_hub(tmp_path_factory.mktemp("browser-hub"), modules=(MODULE,), ACADEMY_GRADE_ON_SUBMIT="0")
    yield running
    running.stop()


def question_points(course: Path, question: str) -> tuple[float, float]:
    """(points of one question's tests, points of the whole module), read from the source notebook."""
    nb = json.loads((course / "source" / MODULE / f"{MODULE}.ipynb").read_text())
    graded = [c["metadata"]["nbgrader"] for c in nb["cells"]
              if c["metadata"].get("nbgrader", {}).get("grade")]
    total = sum(m["points"] for m in graded)
    return sum(m["points"] for m in graded if m["grade_id"].startswith(question)), total


def test_learner_submits_instructor_grades_learner_reads_feedback(browser, m01_hub, shots):
    hub = m01_hub
    learner = log_in(browser, hub, "amira")
    # Log-in lands on the learner's start page; one button fetches module 1 and opens it (starting the server).
    learner.wait_for_url(f"**{PROGRESS}/me")
    shots(learner, "start-page")
    learner.get_by_role("link", name="Open module 1 in JupyterLab").click()
    learner.wait_for_url(f"**/user/amira/lab/tree/{MODULE}/**", timeout=180_000)
    learner.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    shots(learner, "module-open")
    menu = learner.get_by_role("menuitem", name="Nbgrader")
    menu.click()
    assert learner.get_by_role("menuitem", name="Assignment List").is_visible()
    assert not learner.get_by_role("menuitem", name="Formgrader").is_visible(), "learners get no formgrader"
    learner.keyboard.press("Escape")
    cells = learner.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell")
    source = json.loads((hub.course / "source" / MODULE / f"{MODULE}.ipynb").read_text())["cells"]
    answer_at = next(i for i, c in enumerate(source)  # question 1's answer cell, after the set-up and first example
                     if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1_answer")
    cells.nth(answer_at).locator(".cm-content").click()
    learner.keyboard.press("Control+A")
    learner.keyboard.type("answer_q1 = round(band_d * 6 / 9, 2)")
    cells.nth(1).locator(".jp-InputPrompt").click()
    for _ in range(answer_at + 1):  # setup, the example before question 1, question text, answer, check
        learner.keyboard.press("Shift+Enter")
    check = cells.nth(answer_at + 1).locator(".jp-OutputArea-output").first
    check.wait_for()
    assert "✔" in check.inner_text()
    shots(learner, "check-passed")
    with learner.expect_response(lambda r: r.request.method == "PUT" and f"/api/contents/{MODULE}/" in r.url) as saved:
        learner.keyboard.press("Control+S")
    assert saved.value.ok, f"saving the notebook failed: HTTP {saved.value.status}"

    learner.get_by_role("menuitem", name="Nbgrader").click()
    learner.get_by_role("menuitem", name="Assignment List").click()
    learner.locator("#fetched_assignments_list").get_by_role("button", name="Submit").click()
    learner.wait_for_selector(f"#submitted_assignments_list >> text={MODULE}")
    shots(learner, "submitted")

    instructor = log_in(browser, hub, "instructor")
    instructor.wait_for_url(f"**{PROGRESS}/")  # the instructor's start page: the course's formgrader and cohorts
    instructor.get_by_role("link", name="The formgrader").click()
    instructor.locator("#main-table td.collect a").click()
    modal = instructor.locator(".modal-dialog")
    modal.wait_for()
    assert "Successfully collected" in modal.inner_text()
    shots(instructor, "collected")
    modal.get_by_role("button", name="OK").click()
    instructor.goto(f"{hub.url}{PROGRESS}/")  # the start page now says what waits to be graded
    expect(instructor.locator("#ungraded")).to_contain_text(f"{MODULE}: 1 collected submission not yet graded (amira)")
    shots(instructor, "waiting-to-be-graded")

    # Graded with the formgrader's own Autograde button, which grades in the sandbox as `academy grade` does.
    instructor.goto(f"{hub.url}/services/formgrader-accelerator/formgrader/manage_submissions/{MODULE}")
    instructor.locator("#main-table td.autograde a").click()
    graded = instructor.locator(".modal-dialog")
    expect(graded).to_contain_text("Successfully autograded", timeout=300_000)
    earned, total = question_points(hub.course, "q1")
    assert f"{earned:g} of {total:g} points" in graded.inner_text()
    assert "Sandbox: no network" in graded.inner_text()
    shots(instructor, "autograded")
    graded.get_by_role("button", name="OK").click()
    first, last = DEMO_NAMES["amira"]
    expect(instructor.locator("#main-table td").first).to_have_text(f"{last}, {first}")  # not "None, None"
    instructor.goto(f"{hub.url}/services/formgrader-accelerator/formgrader")

    instructor.reload()
    instructor.locator("#main-table td.release-feedback a").click()
    modal.wait_for()
    assert "Successfully released feedback" in modal.inner_text()
    shots(instructor, "feedback-released")

    learner.locator("#submitted_assignments_list").get_by_role("button", name="Fetch Feedback").click()
    learner.locator("#submitted_assignments_list a", has_text="view feedback").first.click()
    learner.locator(".jp-DirListing-item", has_text=f"{MODULE}.html").dblclick()
    frames = ".jp-NotebookPanel:visible iframe, .jp-MainAreaWidget:visible iframe"
    report = learner.frame_locator(frames).locator("body")
    # The report loads into its frame after the tab opens: wait (up to a minute) for the score line.
    expect(report).to_contain_text(f"{MODULE} (Score: {earned:.1f} / {total:.1f})", timeout=60_000)
    expect(report).to_contain_text(f"{MODULE}: {earned:g} of {total:g} points.")  # the plain-English summary, first
    expect(report.locator("#academy-summary")).to_contain_text("✔ Question 1")
    shots(learner, "feedback")

    # The same plain-English feedback is on the learner's progress page, beside the grade.
    synced = hub.session("instructor").service("POST", "progress", "api/sync")
    assert synced.status_code == 200, synced.text[:300]
    learner.goto(f"{hub.url}{PROGRESS}/me")
    expect(learner.locator(f'tr[data-module="{MODULE}"]')).to_contain_text(f"{earned:g} / {total:g}")
    expect(learner.locator(f"#feedback-{MODULE} + pre")).to_contain_text("✔ Question 1")
    shots(learner, "progress-with-feedback")
