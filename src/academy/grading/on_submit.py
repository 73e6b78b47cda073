"""Grading on submit: the worker the hub runs beside the exchange (``python -m academy.grading.on_submit``).

It takes "grade submission N" from the queue (huey's consumer), claims that job and every other job waiting
on the same module from the exchange, and grades them as one sandboxed batch with the same grader as
``academy grade``. Its forker stays warm between batches, so a single submission pays no start-up. Each
learner's score, plain-English summary and feedback pages go back to the exchange, where their Assignments
tab and their own page show them. While it grades it renews its claim; if it is killed, the claim runs out
and the exchange queues the job again for the next worker (``academy.exchange.jobs``).

It runs where the course folder is (as the grader's account), with the hub's token for the ``grader``
service. Settings: ``ACADEMY_EXCHANGE_URL``, ``ACADEMY_GRADING_QUEUE_URL``, ``ACADEMY_HUB_COURSES`` (the
course folders) and ``ACADEMY_GRADING_WORKERS``.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests

from .. import settings
from ..course import course_id
from ..errors import AcademyError, SettingError
from ..exchange import archive
from ..exchange.jobs import LEASE_S
from ..exchange.queue import default_url, open_queue, register

if TYPE_CHECKING:
    from .forker import ForkerProcess

log = logging.getLogger("academy.grading.on_submit")
#: Other submissions of the same module graded in the same batch as the one the message named.
BATCH = 64


class Exchange:
    """The exchange's grading routes, with the grader service's token."""

    def __init__(self, url: str, token: str, worker: str) -> None:
        self.url, self.worker = url.rstrip("/") + "/api/courses/", worker
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {token}"

    def call(self, method: str, path: str, **kw: Any) -> requests.Response:
        answer = self.http.request(method, self.url + path, timeout=120, allow_redirects=False, **kw)
        if answer.status_code >= 300:
            raise AcademyError(f"the exchange answered {answer.status_code} to {method} {path}: {answer.text[:300]}")
        return answer

    def post(self, path: str, **body: Any) -> dict:
        return self.call("POST", path, json={"worker": self.worker, **body}).json()


class Worker:
    def __init__(self, courses: dict[str, Path], exchange: Exchange, workers: int) -> None:
        self.courses, self.exchange, self.workers = courses, exchange, workers
        self._forker: ForkerProcess | None = None
        self.one_batch = threading.Lock()  # one gradebook writer at a time

    def warm(self) -> None:
        """Start the forker now, in the background, so the first learner to submit does not wait for pandas
        and scikit-learn to be imported: start-up paid once per worker, while nobody is waiting."""
        _ = self.forker

    @property
    def forker(self) -> ForkerProcess:
        """Warm from the first job to the last (started again if it has died)."""
        if self._forker is None or self._forker.proc.poll() is not None:
            from .forker import ForkerProcess

            self._forker = ForkerProcess(wait=False)
        return self._forker

    def handle(self, course: str, submission_id: int) -> None:
        folder = self.courses.get(course)
        if folder is None:
            log.error("submission %d is of course %s, which this worker does not grade", submission_id, course)
            return
        with self.one_batch:
            claimed = self.exchange.post(f"{course}/grading/{submission_id}/claim", batch=BATCH)["claimed"]
            if not claimed:
                return  # another worker has it, or it was graded already
            stop = threading.Event()
            renewer = threading.Thread(target=self._renew, args=(course, [c["id"] for c in claimed], stop),
                                       daemon=True)
            renewer.start()
            try:
                self._grade(course, folder, claimed)
            except Exception as exc:
                log.exception("grading %s failed", [c["id"] for c in claimed])
                for c in claimed:
                    self._say(f"{course}/grading/{c['id']}/failure", why=f"the grader failed: {exc}"[:1000])
            finally:
                stop.set()
                renewer.join()

    def _renew(self, course: str, ids: list[int], stop: threading.Event) -> None:
        while not stop.wait(LEASE_S / 3):
            self._say(f"{course}/grading/renew", ids=ids)

    def _say(self, path: str, **body: Any) -> dict | None:
        try:
            return self.exchange.post(path, **body)
        except (requests.RequestException, AcademyError) as exc:  # the sweep gives the job to another worker
            log.warning("could not tell the exchange %s: %s", path, exc)
            return None

    def _grade(self, course: str, folder: Path, claimed: list[dict]) -> None:
        """Each learner's score and summary go back the moment their notebook is graded; the feedback pages
        (nbgrader's HTML, the slow part) are written by the batch's processes as learners are graded, and go
        back once the batch is done."""
        from .batch import BatchGrader
        from .feedback import write_summary
        from .results import Options, StudentResult

        assignment = claimed[0]["assignment"]
        by_student = {c["student"]: c for c in claimed}
        for c in claimed:
            self._unpack(folder, c)
        grader = BatchGrader(folder, assignment, Options(workers=self.workers, force=True, feedback=True,
                                                        students=tuple(by_student)),
                             forker=self.forker, keep_forker=True)

        def graded(result: StudentResult) -> None:
            job = by_student[result.student]
            summary = write_summary(grader.course, assignment, result)
            said = self._say(f"{course}/grading/{job['id']}/result", score=result.score,
                             max_score=result.max_score, summary="\n".join(summary.values()))
            log.info("%s's %s: %g/%g%s", result.student, assignment, result.score, result.max_score,
                     "" if said and said.get("recorded") else " (not recorded: another worker had it)")

        try:
            results = grader.run(graded)
        finally:
            grader.close()
        for problem in grader.feedback_problems:
            log.warning("feedback: %s", problem)
        for result in results:
            job = by_student[result.student]
            pages = {p.name: p.read_bytes()
                     for p in sorted((folder / "feedback" / result.student / assignment).glob("*.html"))}
            if pages:
                try:
                    self.exchange.call("PUT", f"{course}/submissions/{job['id']}/feedback",
                                       data=archive.of_files(pages))
                except (requests.RequestException, AcademyError) as exc:
                    log.warning("feedback on submission %d not returned: %s", job["id"], exc)

    def _unpack(self, folder: Path, job: dict) -> None:
        """The submission into ``submitted/<student>/<module>/``, as the formgrader's Collect puts it."""
        data = self.exchange.call("GET", f"{course_id(folder)}/submissions/{job['id']}").content
        archive.replace_folder(data, folder / "submitted" / job["student"] / job["assignment"], job["timestamp"])

    def close(self) -> None:
        if self._forker is not None:
            self._forker.stop()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[grader %(levelname)s %(asctime)s] %(message)s")
    from .sandbox_check import refusal

    if (why := refusal()):
        sys.exit(f"the grading worker cannot start: {why}")
    try:
        url = settings.get("ACADEMY_EXCHANGE_URL")
        token = os.environ.get("JUPYTERHUB_API_TOKEN", "")
        if not url or not token:
            raise SettingError("ACADEMY_EXCHANGE_URL and JUPYTERHUB_API_TOKEN must be set: the hub sets them when "
                               "it starts the grading worker")
        folders = settings.get("ACADEMY_HUB_COURSES") or ()
        courses = {course_id(Path(p)): Path(p).resolve() for p in folders}
        if not courses:
            raise SettingError("ACADEMY_HUB_COURSES names no course folder for the grading worker")
        queue_url = (settings.get("ACADEMY_GRADING_QUEUE_URL")
                     or default_url(Path(settings.get("ACADEMY_EXCHANGE_DIR") or ".")))
        workers = settings.get("ACADEMY_GRADING_WORKERS") or 2 * (os.cpu_count() or 1)
    except (SettingError, TypeError) as exc:
        sys.exit(str(exc))
    from huey.consumer import Consumer

    worker = Worker(courses, Exchange(url, token, f"{socket.gethostname()}:{os.getpid()}"), workers)
    huey = open_queue(queue_url)
    register(huey, worker.handle)
    worker.warm()

    log.info("grading %s on submit, %d notebooks at once, from %s", ", ".join(courses), workers, queue_url)
    try:
        # An idle consumer looks at a SQLite queue less and less often, by default at last every 10 s: that
        # would be up to 10 s more before the first submission after a quiet spell is graded. Once a second.
        Consumer(huey, workers=1, worker_type="thread", periodic=False, check_worker_health=True,
                 max_delay=1.0).run()
    finally:
        worker.close()


if __name__ == "__main__":
    main()
