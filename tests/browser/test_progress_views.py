"""The progress views in Debian's chromium, as a learner, an instructor and a club organiser see them."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime

from conftest import log_in  # noqa: E402 - the shared conftest, see tests/conftest.py
from playwright.sync_api import expect

from academy.curriculum import load
from academy.progress import rules
from academy.progress.events import AttemptEvent, utcnow
from academy.progress.store import ProgressStore

PROGRESS = "/services/progress"


def store_of(hub) -> ProgressStore:
    """The hub's own progress store (as the service opens it), to put in grades as a gradebook sync would."""
    return ProgressStore(f"sqlite:///{hub.state / 'progress' / 'progress.sqlite'}", load(hub.course))


def post_check(hub, name: str, exercise: str, passed: bool, module: str = "m01") -> None:
    """An attempt as the checks service records its verdict (these tests are about the views, not the checks)."""
    event = AttemptEvent(uuid.uuid4().hex, name, module, exercise, passed, 0.2, utcnow())
    store = store_of(hub)
    try:
        assert store.record([event], create_learners=True).recorded == 1
    finally:
        store.engine.dispose()


def test_a_learner_sees_their_modules_next_step_skills_and_certificate(browser, hub, shots):
    post_check(hub, "amira", "q1", True, module="m03")
    level1 = [m.id for m in load(hub.course).modules if m.level == 1]
    store_of(hub).record_grades({"amira": [rules.GradeRecord(m, 8, 8, datetime(2026, 11, 2)) for m in level1]})
    page = log_in(browser, hub, "amira")
    page.goto(f"{hub.url}{PROGRESS}/me")
    expect(page.locator("h1")).to_have_text("My progress")
    expect(page.locator('tr[data-module="m01"]')).to_contain_text("Done")
    expect(page.locator('tr[data-module="m03"]')).to_contain_text("In progress")
    expect(page.locator('tr[data-module="m05"]')).to_contain_text("Locked")
    expect(page.locator("#next-step")).to_contain_text("module 3")
    expect(page.locator("svg title").first).to_have_text("My skills")
    shots(page, "learner-progress")
    page.click("text=Level 1 certificate")
    expect(page.locator("#learner")).to_have_text("amira")
    expect(page.locator("#issued")).to_contain_text("02 November 2026")
    expect(page.locator("body")).to_contain_text("pandas foundations")
    shots(page, "certificate")
    page.goto(f"{hub.url}{PROGRESS}/cohorts/intake-salford-2026")
    expect(page.locator("#message")).to_contain_text("you do not teach")
    page.context.close()


def test_an_instructor_sees_the_cohort_and_downloads_it(browser, hub, shots):
    for ok in (False, False, False):
        post_check(hub, "ben", "q4", ok)
    page = log_in(browser, hub, "instructor")
    page.goto(f"{hub.url}{PROGRESS}/")
    page.click("text=intake-salford-2026")
    expect(page.locator("h1")).to_have_text("intake-salford-2026")
    expect(page.locator("#help")).to_contain_text("stuck on m01.q4 after 3 tries")
    expect(page.locator("#hardest")).to_contain_text("m01.q4")
    expect(page.locator("#heatmap tr", has_text="ben").locator('td[title="m01.q4: tried"]')).to_have_class("trying")
    expect(page.locator("svg title", has_text="Module completions over time")).to_have_count(1)
    shots(page, "cohort")
    with page.expect_download() as download:
        page.click("text=Download CSV")
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert any(r["learner"] == "ben" and r["exercise"] == "q4" and r["attempts"] == "3" for r in rows)
    page.click("text=How each exercise went")
    expect(page.locator("h1")).to_contain_text("how each exercise went")
    catalogue = sum(len(m.exercises) for m in load(hub.course).modules)
    expect(page.locator("#exercise-report tbody tr")).to_have_count(catalogue)
    q4 = page.locator('#exercise-report tr[data-exercise="m01.q4"]')
    expect(q4.locator("td").nth(0)).not_to_have_text("0")          # ben tried it
    expect(page.locator('#exercise-report tr[data-exercise="m09.q1"] td').nth(2)).to_have_text("—")
    shots(page, "exercise-report")
    with page.expect_download() as download:
        page.click("text=Download CSV")
    lines = csv.DictReader(io.StringIO(download.value.path().read_text()))
    report = {r["module"] + "." + r["exercise"]: r for r in lines}
    assert int(report["m01.q4"]["tried"]) >= 1 and len(report) == catalogue
    page.context.close()


def test_an_organisers_board_updates_live_as_members_pass(browser, hub, shots):
    organiser = log_in(browser, hub, "organiser")
    organiser.wait_for_url(f"**{PROGRESS}/")  # log-in lands on the organiser's start page, which names their club
    organiser.locator("main").get_by_role("link", name="club-salford").click()
    organiser.select_option("#module", "m02")
    organiser.check('input[name="exercise"][value="q1"]')
    organiser.check('input[name="exercise"][value="q2"]')
    organiser.click("text=Start the session")
    expect(organiser.locator("h1")).to_contain_text("club-salford · m02")
    learner = log_in(browser, hub, "chloe")
    learner.wait_for_url(f"**{PROGRESS}/me")  # a learner's start page offers the running session
    learner.locator("form", has_text="running on m02").locator("button").click()
    expect(organiser.locator("#board tr", has_text="chloe")).to_be_visible(timeout=15_000)
    shots(organiser, "board-joined")
    post_check(hub, "chloe", "q1", True, module="m02")
    post_check(hub, "chloe", "q2", False, module="m02")
    row = organiser.locator("#board tr", has_text="chloe")
    expect(row.locator("td").nth(0)).to_have_attribute("data-state", "passed", timeout=15_000)
    expect(row.locator("td").nth(1)).to_have_attribute("data-state", "trying")
    expect(row.locator("td")).to_have_count(2)  # only the two checks the organiser ticked
    expect(organiser.locator("#summary")).to_contain_text("1 joined")
    shots(organiser, "board-live")
    organiser.click("text=End the session")
    expect(organiser.locator("#state")).to_contain_text("Ended")
    shots(organiser, "board-results")
    organiser.context.close()
    learner.context.close()


def test_an_organiser_runs_a_session_from_the_challenge_pack(browser, hub, shots):
    """Read the organiser's sheet, put the challenge on the board from it, and watch a member pass."""
    challenge = load(hub.course).challenges[-1]  # the pack's modelling challenge: the far end from m01
    organiser = log_in(browser, hub, "organiser", f"{PROGRESS}/clubs/club-salford")
    pack = organiser.locator("#challenge-pack")
    expect(pack.locator("tbody tr")).to_have_count(len(load(hub.course).challenges))
    shots(organiser, "challenge-pack")
    pack.locator("tr", has_text=challenge.title).get_by_role("link", name="Organiser's sheet").click()
    expect(organiser.locator("h1")).to_contain_text(challenge.title)
    for section in ("What it teaches", "Before the session", "Timing", "Common sticking points", "Finished early?"):
        expect(organiser.get_by_role("heading", name=section, exact=True)).to_be_visible()
    shots(organiser, "organiser-sheet")
    organiser.get_by_role("button", name="Put it on the board for club-salford").click()
    expect(organiser.locator("h1")).to_contain_text(f"{challenge.id} · {challenge.title}")
    learner = log_in(browser, hub, "ben")
    learner.wait_for_url(f"**{PROGRESS}/me")
    learner.locator("form", has_text=f"running on {challenge.id}").locator("button").click()
    row = organiser.locator("#board tr", has_text="ben")
    expect(row).to_be_visible(timeout=15_000)
    expect(row.locator("td")).to_have_count(len(challenge.exercises))  # every check of the challenge, in one step
    post_check(hub, "ben", challenge.exercises[0], True, module=challenge.id)
    expect(row.locator("td").nth(0)).to_have_attribute("data-state", "passed", timeout=15_000)
    shots(organiser, "challenge-board")
    organiser.click("text=End the session")
    expect(organiser.locator("#state")).to_contain_text("Ended")
    organiser.context.close()
    learner.context.close()
