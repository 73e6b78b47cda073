"""The learner's "My due dates and grades" page in Debian's chromium, its script reading the page again as a
real exchange store and grading record change underneath it: the grade and the feedback that follows it are
drawn and said to screen readers, and a new submission waits for keyboard focus to leave the tables."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.exchange import archive, pages
from academy.exchange.jobs import GradingJobs
from academy.exchange.policies import PolicyBook
from academy.exchange.store import ExchangeStore

COURSE, MODULE, LEARNER, WORKER = "accelerator", "m01", "amira", "worker-1"
PAGE = "http://exchange.test/courses/accelerator/me"
#: Three polls of the page's script (every 3 s), with room for a slow machine.
POLLS = 15_000


@pytest.fixture
def exchange(tmp_path):
    store = ExchangeStore(tmp_path / "exchange")
    store.release(COURSE, MODULE, archive.of_files({f"{MODULE}.ipynb": b"{}"}))
    return store, PolicyBook(store.engine), GradingJobs(store.engine)


@pytest.fixture
def page(browser, exchange):
    """The page served as the exchange's handler writes it, afresh for every request its script makes."""
    def serve(route):
        if route.request.url != PAGE:
            return route.fulfill(status=404, body="")
        values = pages.my_page(*exchange, COURSE, LEARNER)
        html = pages.templates().get_template("exchange-me.html").render(
            me=LEARNER, url=lambda *parts: "/services/exchange/" + "/".join(parts), xsrf="x", taught=[], **values)
        return route.fulfill(status=200, content_type="text/html", body=html)

    context = browser.new_context()
    context.route("**/*", serve)
    yield context.new_page()
    context.close()


def handed_in(exchange, learner: str = LEARNER) -> int:
    store, _, jobs = exchange
    sent = store.submit(COURSE, MODULE, learner, archive.of_files({f"{MODULE}.ipynb": b"{}"}), grading="queued")
    assert [c.id for c in jobs.claim(COURSE, sent.id, WORKER)] == [sent.id]
    return sent.id


def test_the_grade_then_its_feedback_are_drawn_and_said_then_the_page_stops_reading(page, exchange):
    store, _, jobs = exchange
    first = handed_in(exchange)
    page.goto(PAGE)
    row = page.locator(f'tr[data-submission="{first}"]')
    expect(row.locator(".grading .state")).to_have_text("Being graded…")

    assert jobs.finish(first, WORKER, 3, 10, "Question 1: right")
    expect(row.locator(".grading .state")).to_have_text("Graded: 3 of 10", timeout=POLLS)
    expect(row.locator(".feedback")).to_have_text("Being written…")
    expect(page.locator("#updates")).to_have_text("m01: Graded: 3 of 10, feedback being written…")

    store.give_feedback(COURSE, first, archive.of_files({f"{MODULE}.html": b"<p>Question 1</p>"}))
    expect(row.locator(".feedback")).to_contain_text("Fetch Feedback", timeout=POLLS)
    expect(page.locator("#updates")).to_have_text(
        "m01: feedback ready: Fetch Feedback in the Assignment List.")
    expect(page.locator("#refreshing")).to_have_text("Nothing is being graded just now.")


def test_a_new_submission_waits_for_focus_to_leave_the_tables_and_the_page_goes_on_reading_until_it_is_drawn(
        page, exchange):
    store, _, jobs = exchange
    first = handed_in(exchange)
    page.goto(PAGE)
    page.locator("#work .scroll").first.focus()  # a keyboard user reading the due dates
    second = handed_in(exchange)  # handed in again, from another tab
    assert jobs.finish(first, WORKER, 3, 10, "")  # superseded in practice; here, graded first
    expect(page.locator("#updates")).to_contain_text("A new submission has arrived", timeout=POLLS)
    assert page.locator(f'tr[data-submission="{second}"]').count() == 0, "drawn under the reader's focus"

    assert jobs.finish(second, WORKER, 7, 10, "")
    for done in (first, second):
        store.give_feedback(COURSE, done, archive.of_files({f"{MODULE}.html": b"<p>feedback</p>"}))
    page.wait_for_timeout(4_000)  # a poll with nothing left to wait for, but the new row still not drawn
    expect(page.locator("#refreshing")).to_contain_text("updates itself")

    page.locator("h1").click()  # focus leaves the tables
    page.evaluate("document.activeElement.blur()")
    expect(page.locator(f'tr[data-submission="{second}"] .grading .state')).to_have_text("Graded: 7 of 10",
                                                                                          timeout=POLLS)
    expect(page.locator("#updates")).to_have_text("Your submissions have changed.")
    expect(page.locator("#refreshing")).to_have_text("Nothing is being graded just now.", timeout=POLLS)
