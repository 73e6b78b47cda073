"""A learner's own page, on a real store and grading record: it goes on refreshing after a grade until the
feedback that follows it has arrived, and stops once nothing more is coming."""

from __future__ import annotations

from datetime import timedelta

import pytest

from academy.exchange import archive, pages
from academy.exchange.jobs import GradingJobs
from academy.exchange.policies import PolicyBook, now
from academy.exchange.store import ExchangeStore

COURSE, MODULE, LEARNER, WORKER = "accelerator", "m01", "amira", "worker-1"


@pytest.fixture
def exchange(tmp_path):
    store = ExchangeStore(tmp_path / "exchange")
    store.release(COURSE, MODULE, archive.of_files({f"{MODULE}.ipynb": b"{}"}))
    return store, PolicyBook(store.engine), GradingJobs(store.engine)


def graded_submission(exchange) -> int:
    store, _, jobs = exchange
    sent = store.submit(COURSE, MODULE, LEARNER, archive.of_files({f"{MODULE}.ipynb": b"{}"}), grading="queued")
    assert [c.id for c in jobs.claim(COURSE, sent.id, WORKER)] == [sent.id]
    assert jobs.finish(sent.id, WORKER, 3, 10, "Question 1: right")
    return sent.id


def my_row(exchange, submission_id: int) -> dict:
    store, policies, jobs = exchange
    (module,) = pages.my_work(store, policies, jobs, COURSE, LEARNER)
    return next(r for r in module["submissions"] if r["id"] == submission_id)


def rendered(exchange) -> str:
    store, policies, jobs = exchange
    modules = pages.my_work(store, policies, jobs, COURSE, LEARNER)
    return pages.templates().get_template("exchange-me.html").render(
        modules=modules, course=COURSE, student=LEARNER, me=LEARNER, lab="/lab", xsrf="x", taught=[],
        url=lambda *parts: "/".join(parts),
        waiting=any(r["waiting"] for m in modules for r in m["submissions"]))


def test_a_graded_submission_keeps_its_page_refreshing_until_its_feedback_arrives(exchange):
    submission = graded_submission(exchange)
    row = my_row(exchange, submission)
    assert row["words"] == "Graded: 3 of 10"
    assert row["waiting"], "the page would stop refreshing with the feedback still on its way"
    page = rendered(exchange)
    assert "Being written…" in page and "updates itself" in page and "setInterval" in page

    exchange[0].give_feedback(COURSE, submission, archive.of_files({f"{MODULE}.html": b"<p>Question 1</p>"}))
    row = my_row(exchange, submission)
    assert row["feedback"] and not row["waiting"]
    page = rendered(exchange)
    assert "Ready: Fetch Feedback" in page and "Nothing is being graded just now." in page
    assert "setInterval" not in page


def test_feedback_that_never_comes_is_not_waited_for_forever(exchange, monkeypatch):
    submission = graded_submission(exchange)
    later = now() + pages.FEEDBACK_WAIT + timedelta(seconds=1)
    monkeypatch.setattr(pages, "now", lambda: later)
    row = my_row(exchange, submission)
    assert not row["waiting"] and not row["feedback_coming"]
    assert "Not yet" in rendered(exchange)


def test_work_an_instructor_collects_by_hand_is_not_waited_for(exchange):
    store = exchange[0]
    sent = store.submit(COURSE, MODULE, LEARNER, archive.of_files({f"{MODULE}.ipynb": b"{}"}))
    row = my_row(exchange, sent.id)
    assert not row["waiting"] and row["words"] == "Your instructor collects it and marks it"
