"""A learner's own page, on a real store and grading record: it goes on refreshing after a grade until the
feedback that follows it has arrived, and stops once nothing more is coming."""

from __future__ import annotations

from datetime import timedelta

import pytest

from academy.exchange import archive, pages
from academy.exchange import jobs as jobs_module
from academy.exchange.jobs import GradingJobs
from academy.exchange.policies import PolicyBook, now
from academy.exchange.store import ExchangeStore

COURSE, MODULE, LEARNER, WORKER = "accelerator", "m01", "amira", "worker-1"


@pytest.fixture
def exchange(tmp_path):
    store = ExchangeStore(tmp_path / "exchange")
    store.release(COURSE, MODULE, archive.of_files({f"{MODULE}.ipynb": b"{}"}))
    return store, PolicyBook(store.engine), GradingJobs(store.engine)


def submitted(exchange, learner: str = LEARNER) -> int:
    store = exchange[0]
    return store.submit(COURSE, MODULE, learner, archive.of_files({f"{MODULE}.ipynb": b"{}"}), grading="queued").id


def graded_submission(exchange, batch_mates: tuple[str, ...] = ()) -> tuple[int, list[int]]:
    """Amira's submission graded by a worker whose batch also holds ``batch_mates``' (still being graded)."""
    jobs = exchange[2]
    mine, others = submitted(exchange), [submitted(exchange, who) for who in batch_mates]
    assert sorted(c.id for c in jobs.claim(COURSE, mine, WORKER)) == [mine, *others]
    assert jobs.finish(mine, WORKER, 3, 10, "Question 1: right")
    return mine, others


def my_row(exchange, submission_id: int) -> dict:
    store, policies, jobs = exchange
    (module,) = pages.my_work(store, policies, jobs, COURSE, LEARNER)
    return next(r for r in module["submissions"] if r["id"] == submission_id)


def rendered(exchange) -> str:
    """The page as the exchange's handler writes it."""
    values = pages.my_page(*exchange, COURSE, LEARNER)
    return pages.templates().get_template("exchange-me.html").render(
        me=LEARNER, url=lambda *parts: "/".join(parts), xsrf="x", taught=[], **values)


def test_a_graded_submission_keeps_its_page_refreshing_until_its_feedback_arrives(exchange):
    submission, _ = graded_submission(exchange)
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


def test_feedback_is_waited_for_while_the_worker_grades_the_rest_of_its_batch_and_not_for_ever(exchange,
                                                                                                 monkeypatch):
    submission, (ben,) = graded_submission(exchange, batch_mates=("ben",))
    jobs = exchange[2]
    hours_later = now() + timedelta(hours=2)  # one slow notebook in a big batch
    monkeypatch.setattr(jobs_module, "now", lambda: hours_later)
    assert my_row(exchange, submission)["waiting"], "the batch's feedback is sent when the batch is done"

    monkeypatch.undo()
    assert jobs.finish(ben, WORKER, 5, 10, "")
    assert my_row(exchange, submission)["feedback_coming"], "the batch's feedback is being sent"
    later = now() + pages.FEEDBACK_WAIT + timedelta(seconds=1)
    monkeypatch.setattr(jobs_module, "now", lambda: later)
    row = my_row(exchange, submission)
    assert not row["waiting"] and not row["feedback_coming"], "feedback that never came is not waited for"
    assert "Not yet" in rendered(exchange)


def test_work_an_instructor_collects_by_hand_is_not_waited_for(exchange):
    sent = exchange[0].submit(COURSE, MODULE, LEARNER, archive.of_files({f"{MODULE}.ipynb": b"{}"}))
    row = my_row(exchange, sent.id)
    assert not row["waiting"] and row["words"] == "Your instructor collects it and marks it"
