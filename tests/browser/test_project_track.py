"""The project track in Debian's chromium through the real hub: a learner proposes, a mentor asks for changes and
approves, checkpoints go back and forth, the show-and-tell is marked against the rubric and signed off; each page
is checked with axe-core on the way, and screenshots are saved."""

from __future__ import annotations

from a11y import BLOCKING, overflows_sideways, run_axe, sign_in
from playwright.sync_api import expect
from test_progress_views import PROGRESS

from academy.hub import accessibility, accounts

COHORT = accounts.DEMO_INTAKE[0]
KNOWN = {issue.rule for issue in accessibility.KNOWN_ISSUES}
LEARNER = "chloe"  # the other browser tests leave her project alone
PROPOSAL = {
    "title": "Which streets report a missed bin twice in a month?",
    "question": "Which streets have a missed bin collection reported twice in one month, and why? Asked by the "
                "waste collection manager after complaints to councillors.",
    "users": "The round supervisors, to change the order of rounds on the streets that are missed most.",
    "data": "Missed-collection reports in the customer system, April 2024 to March 2025.",
    "protection": "I work on the council's analytics server only. I keep the street, not the address or the "
                  "caller, and hide any count under 10 in what I share.",
}


def blocking(page) -> list[str]:
    """What axe-core finds on the page: nothing at all, as the accessibility statement lists no known issue
    (a serious or critical one would fail tests/browser/test_accessibility.py too)."""
    page.wait_for_load_state("networkidle")
    return [str(f) for f in run_axe(page) if f.impact in BLOCKING or f.rule not in KNOWN]


def test_propose_approve_checkpoints_and_a_marked_show_and_tell(browser, hub, shots):
    me = sign_in(browser, hub, LEARNER, f"{PROGRESS}/me/project")
    expect(me.locator("h1")).to_have_text("My project")
    expect(me.locator("#project-state")).to_contain_text("No project yet")
    expect(me.locator("#safe-heading")).to_have_text("Working safely with real data")
    assert blocking(me) == []
    for name, text in PROPOSAL.items():
        me.get_by_label({"title": "Title", "question": "Your service's question", "users": "Who will use the answer",
                         "data": "The data and where it lives",
                         "protection": "How personal data will be protected"}[name]).fill(text)
    shots(me, "learner-writes-the-proposal")
    me.get_by_role("button", name="Send my proposal").click()
    expect(me.locator("#project-state")).to_contain_text("Proposed: waiting for a mentor to approve it")
    shots(me, "learner-proposed")
    me.goto(f"{hub.url}{PROGRESS}/me")
    expect(me.locator("#my-project")).to_contain_text("Proposed")
    me.goto(f"{hub.url}{PROGRESS}/cohorts/{COHORT}/projects/{LEARNER}")
    # A learner reaches only her own project.
    expect(me.locator("#message")).to_contain_text("only the instructors and mentors of")

    mentor = sign_in(browser, hub, "instructor", f"{PROGRESS}/cohorts/{COHORT}")
    mentor.get_by_role("link", name="Learners' projects").click()
    row = mentor.locator(f'#projects tr[data-learner="{LEARNER}"]')
    expect(row.locator(".state")).to_have_text("Proposed: waiting for a mentor to approve it")
    expect(mentor.locator("#waiting")).to_contain_text("waiting for you")
    assert blocking(mentor) == []
    shots(mentor, "mentor-cohort-projects")
    row.get_by_role("link").click()
    expect(mentor.locator("h1")).to_have_text(f"{LEARNER}'s project")
    assert blocking(mentor) == []
    mentor.get_by_label("Your comment").fill("Good question. Say who owns the customer system's data and the "
                                             "lawful basis for using it.")
    shots(mentor, "mentor-reads-the-proposal")
    mentor.get_by_role("button", name="Ask for changes").click()
    expect(mentor.locator("#project-state")).to_contain_text("Changes requested")

    me.goto(f"{hub.url}{PROGRESS}/me/project")
    expect(me.locator("#review")).to_contain_text("Say who owns the customer system's data")
    me.get_by_label("The data and where it lives").fill(
        PROPOSAL["data"] + " Owned by the waste service manager, who has agreed; the lawful basis is public task.")
    shots(me, "learner-changes-the-proposal")
    me.get_by_role("button", name="Send the changed proposal").click()
    expect(me.locator("#project-state")).to_contain_text("Proposed")

    mentor.reload()
    mentor.get_by_label("Your comment").fill("Approved: a clear question with a clear owner.")
    mentor.get_by_role("button", name="Approve the project").click()
    expect(mentor.locator("#project-state")).to_contain_text("Approved")

    updates = ["I have the extract on the analytics server: 4,210 reports, streets only.",
               "Forty streets had a missed bin reported twice in one month; most are on two rounds.",
               "My slides are ready; every count under 10 is shown as 'fewer than 10'."]
    for n, (checkpoint, update) in enumerate(zip(("Data in hand", "First findings", "Ready to show"), updates,
                                                 strict=True)):
        me.goto(f"{hub.url}{PROGRESS}/me/project")
        me.get_by_label(f"My update for “{checkpoint}”").fill(update)
        if n == 0:
            assert blocking(me) == []
            shots(me, "learner-checkpoint-update")
        me.get_by_role("button", name="Post my update").click()
        expect(me.locator("#project-state")).to_contain_text("waiting for a mentor's feedback")
        mentor.reload()
        expect(mentor.locator(f'li[data-checkpoint="{checkpoint}"] .update')).to_have_text(update)
        mentor.get_by_label("Your feedback on the update").fill(f"Feedback on “{checkpoint}”: good, carry on.")
        if n == 0:
            shots(mentor, "mentor-checkpoint-feedback")
        mentor.get_by_role("button", name="Send the feedback").click()
    me.goto(f"{hub.url}{PROGRESS}/me/project")
    expect(me.locator("#project-state")).to_contain_text("Ready for the show-and-tell")
    expect(me.locator('li[data-checkpoint="First findings"] .feedback')).to_contain_text("good, carry on")
    expect(me.locator("#criteria li")).to_have_count(5)
    shots(me, "learner-ready-to-show")

    mentor.reload()
    marks = mentor.locator('input[name="mark"]')
    expect(marks).to_have_count(5)
    expect(marks.first).to_have_attribute("max", "2")
    assert blocking(mentor) == []
    for i, mark in enumerate(["2", "2", "1.5", "2", "1"]):
        marks.nth(i).fill(mark)
    mentor.get_by_label(f"Comments for {LEARNER}").fill("A clear, careful project: the councillors can use it.")
    shots(mentor, "mentor-marks-the-show-and-tell")
    mentor.get_by_role("button", name="Save the marks").click()
    expect(mentor.locator("#total")).to_have_text("8.5")
    mentor.get_by_role("button", name="Sign the project off as complete").click()
    expect(mentor.locator("#project-state")).to_contain_text("Complete")
    shots(mentor, "mentor-signed-off")

    me.goto(f"{hub.url}{PROGRESS}/me/project")
    expect(me.locator("#project-state")).to_contain_text("Complete")
    expect(me.locator("#total")).to_have_text("8.5")
    expect(me.locator("#marks-comment")).to_contain_text("councillors can use it")
    expect(me.locator("#history tbody tr")).to_have_count(12)  # every change, with who and when
    assert blocking(me) == []
    shots(me, "learner-sees-the-marks")
    me.goto(f"{hub.url}{PROGRESS}/me")
    expect(me.locator("#my-project")).to_contain_text("Complete")
    shots(me, "learner-progress-page")
    me.context.close()
    mentor.context.close()


def test_the_project_pages_reflow_at_400_percent_zoom(browser, hub, shots):
    """1280 CSS px at 400% is a 320 px wide window: the forms and texts wrap; only a data table may scroll."""
    zoom = {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4}
    sideways = {}
    for name, path in (("ben", "/me/project"), ("instructor", f"/cohorts/{COHORT}/projects"),
                       ("instructor", f"/cohorts/{COHORT}/projects/{LEARNER}")):
        page = sign_in(browser, hub, name, f"{PROGRESS}{path}", **zoom)
        page.wait_for_load_state("networkidle")
        shots(page, f"zoomed-{name}")
        if found := overflows_sideways(page):
            sideways[path] = found
        page.context.close()
    assert not sideways, f"text scrolls sideways at 400% zoom: {sideways}"
