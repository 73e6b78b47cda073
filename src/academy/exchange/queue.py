"""The grading queue: huey, a maintained task queue, on SQLite by default and on Redis at scale.

One machine needs no extra server: the queue is a SQLite file in the exchange's folder, which the exchange
writes to and the grading worker (the same account) reads. A council that outgrows it gives a Redis URL
(``ACADEMY_GRADING_QUEUE_URL=redis://...``) and runs as many workers as it likes. The message is only
"grade submission N of course C"; what the submission is, who may grade it and whether it is graded already
are the exchange's records (``academy.exchange.jobs``), so a lost or repeated message costs nothing.

The exchange enqueues the task and the worker (``academy.grading.on_submit``) runs it, each registering it here
with its own handler, so the exchange never imports the grader.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey

from . import QUEUE_FILE

TASK = "academy.grade_submission"
QUEUE_NAME = "academy-grading"


def open_queue(url: str) -> Huey:
    """``url``: ``redis://host:6379/0`` or a SQLite file path (``sqlite:///path`` or a plain path)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(QUEUE_NAME, url=url)
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=path, timeout=30)


def default_url(exchange_dir: Path) -> str:
    return str(exchange_dir / QUEUE_FILE)


def register(huey: Huey, handler: Callable[[str, int], None]) -> Any:
    """The grading task on ``huey``, doing ``handler(course, submission_id)``. Made here for the exchange (which
    only enqueues) and for the worker (which runs it) alike: huey knows a task by its module and name."""

    def grade_submission(course: str, submission_id: int) -> None:
        handler(course, submission_id)

    return huey.task(name=TASK)(grade_submission)


def _not_here(course: str, submission_id: int) -> None:
    raise RuntimeError("grading runs in a grading worker (academy.grading.on_submit), not in the exchange")


class Enqueuer:
    """What the exchange holds: puts "grade N" on the queue."""

    def __init__(self, url: str) -> None:
        self.huey = open_queue(url)
        self._task = register(self.huey, _not_here)

    def enqueue(self, course: str, submission_id: int) -> None:
        self._task(course, submission_id)
