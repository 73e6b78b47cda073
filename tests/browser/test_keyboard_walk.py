"""A club session with the keyboard alone: an organiser starts it, a learner logs in, finds the progress page
from the hub, joins, and both watch the board, whose changes a screen reader hears through a polite live region.

Every Tab stop on the way must show where focus is and move forward through the page (WCAG 2.4.3, 2.4.7).
"""

from __future__ import annotations

from a11y import arrived, focused, tab_to
from playwright.sync_api import expect
from test_progress_views import PROGRESS, post_check

from academy.hub import accounts

CLUB = accounts.DEMO_CLUB[0]


def keyboard_log_in(browser, hub, name: str, next_url: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{hub.url}/hub/login?next={next_url}")
    assert focused(page)["id"] == "username_input", "the log-in page starts in the user name box"
    page.keyboard.type(name)
    tab_to(page, lambda f: f["id"] == "password_input")
    page.keyboard.type(hub.accounts[name])
    page.keyboard.press("Enter")
    arrived(page, next_url)
    return page


def test_start_join_and_follow_a_club_session_by_keyboard_alone(browser, hub, shots):
    organiser = keyboard_log_in(browser, hub, "organiser", f"{PROGRESS}/clubs/{CLUB}")
    tab_to(organiser, lambda f: f["id"] == "module")
    organiser.keyboard.type("m04")  # a closed list box picks by typing, as with any select
    assert organiser.locator("#module").input_value() == "m04"
    tab_to(organiser, lambda f: f["name"] == "exercise" and f["value"] == "q1")
    organiser.keyboard.press("Space")
    tab_to(organiser, lambda f: f["text"] == "Start the session")
    organiser.keyboard.press("Enter")
    organiser.wait_for_url("**/sessions/*")
    expect(organiser.locator("h1")).to_contain_text("club-salford · m04")
    board = organiser.url

    learner = keyboard_log_in(browser, hub, "ben", "/hub/home")
    tab_to(learner, lambda f: f["text"] == "Services")
    learner.keyboard.press("Enter")  # opens the hub's Services menu
    tab_to(learner, lambda f: f["text"] == "progress")
    learner.keyboard.press("Enter")
    arrived(learner, f"{PROGRESS}/")
    expect(learner.locator("h1")).to_have_text("My progress")
    shots(learner, "progress-by-keyboard")
    join = tab_to(learner, lambda f: f["text"] == "Join the session")
    assert learner.evaluate("() => document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
                            ".textContent").find("running on m04") >= 0, join
    learner.keyboard.press("Enter")
    learner.wait_for_url(board)
    expect(learner.locator("#board tr", has_text="ben")).to_be_visible()

    heard = organiser.locator("#announcements")
    expect(heard).to_have_attribute("aria-live", "polite")
    expect(heard).to_contain_text("ben joined", timeout=15_000)
    post_check(hub, "ben", "q1", True, module="m04")
    expect(heard).to_contain_text("ben passed q1", timeout=15_000)
    expect(learner.locator("#announcements")).to_contain_text("ben passed q1", timeout=15_000)
    shots(organiser, "board-announced")

    tab_to(organiser, lambda f: f["text"] == "End the session")
    organiser.keyboard.press("Enter")
    expect(organiser.locator("#state")).to_contain_text("Ended")
    expect(learner.locator("#announcements")).to_contain_text("The session has ended", timeout=15_000)
    shots(learner, "board-ended")
    organiser.context.close()
    learner.context.close()
