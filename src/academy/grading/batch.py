"""``academy grade``'s batch: plan the learners, skip those already graded, grade the rest in a pool of processes.

- several notebooks run at once (``--workers``); a lock file keeps the
  gradebook to one writer at a time, so SQLite never reports "database is locked";
- each worker is handed jobs (``pipeline.NotebookJob``, plain data), never a
  copy of the batch;
- a marker per learner records what was graded and from which inputs, so a
  killed batch resumes without grading anyone twice;
- feedback (nbgrader's HTML and a plain-English summary) is written by the same processes, a share of
  learners at a time as they are graded (``_FeedbackShares``).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
import warnings
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..course import add_named_student
from . import leftovers
from .course import GradingCourse, SourceNotebook, one_writer, open_course, write_atomically
from .forker import ForkerProcess
from .gradebook_steps import Released
from .pipeline import NotebookJob, grade_notebook, kernel_request, zero
from .results import GradeError, NotebookResult, Options, PhaseClock, StudentResult

# nbgrader's gradebook code trips SQLAlchemy 2 cascade warnings that mean nothing to an instructor.
warnings.filterwarnings("ignore", message=".*not in session.*")
# The same schema checks, compiled: nbformat validates every notebook read and written.
os.environ.setdefault("NBFORMAT_VALIDATOR", "fastjsonschema")

MARKER = ".academy-grade.json"
#: Learners per share of feedback, at least: each share makes nbgrader's exporter again.
LEARNERS_PER_SHARE = 4

#: nbgrader's own small files that travel with a submission: the submission time (late penalties)
#: and the secret that lets the learner's "Fetch Feedback" find their feedback in the exchange.
BOOKKEEPING_FILES = ("timestamp.txt", "submission_secret.txt")


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.is_file() else b"<missing>")
    return h.hexdigest()


def _stop_with_grader() -> None:
    """A grading process stops when the grader that forked it is killed, instead of running on with its
    memory (a grading worker killed mid-batch left four of them, a quarter of a gigabyte each)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool ends with the grader's pipes instead
        pass


#: prctl(2)'s option: the signal a process gets when its parent ends.
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class StudentJob:
    """One learner's submission of an assignment: the jobs of its notebooks plus where its marker goes."""

    notebooks: tuple[NotebookJob, ...]
    #: Digest of the course's source notebooks, kept in the marker to tell a re-released assignment.
    source_digest: str

    @property
    def student(self) -> str:
        return self.notebooks[0].student


def grade_student(job: StudentJob) -> StudentResult:
    """Grade every notebook of one learner's submission, then write the bookkeeping files and the marker."""
    start = time.perf_counter()
    first = job.notebooks[0]
    course = open_course(first.course, first.db_url)
    student, assignment = first.student, first.assignment
    submitted = course.folder("submitted", student, assignment)
    inputs_digest = _digest(_inputs(course, assignment, student, [n.notebook for n in job.notebooks]))
    timestamp = course.coursedir.get_existing_timestamp(str(submitted))
    clock = PhaseClock()
    with clock("submission row"), one_writer(first.gradebook_lock), course.gradebook() as gb:
        add_named_student(gb, student)
        if timestamp:
            gb.update_or_create_submission(assignment, student, timestamp=timestamp)
        else:
            gb.update_or_create_submission(assignment, student)
    notebooks = []
    for notebook_job in job.notebooks:
        try:
            notebooks.append(grade_notebook(notebook_job))
        except Exception as exc:  # never lose the batch to one notebook
            notebooks.append(zero(notebook_job, "failed",
                                  f"The grader could not grade this notebook ({type(exc).__name__}: {exc})."))
    out = course.folder("autograded", student, assignment)
    with clock("bookkeeping"):
        for name in BOOKKEEPING_FILES:
            if (submitted / name).is_file() and not (submitted / name).is_symlink():
                write_atomically(out / name, (submitted / name).read_bytes()[:4096])
        result = StudentResult(student, notebooks, seconds=time.perf_counter() - start, phases=clock.seconds)
        write_atomically(out / MARKER, json.dumps(
            {"inputs": inputs_digest, "source": job.source_digest, "seconds": result.seconds,
             "phases": result.phases, "notebooks": [asdict(n) for n in notebooks]}, indent=1).encode())
    return result


def timing_log(course: GradingCourse, assignment: str) -> Path:
    """Where a batch appends one line per notebook graded: learner, status, seconds, and seconds per phase."""
    return course.root / "autograded" / ".academy-grading" / f"{assignment}.jsonl"


def log_timings(path: Path, result: StudentResult) -> None:
    """Append the learner's notebooks to the timing log (JSON lines, so a killed batch leaves whole lines)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    at = datetime.now(UTC).isoformat(timespec="seconds")
    lines = [json.dumps({"at": at, "learner": result.student, "notebook": n.notebook, "status": n.status,
                         "score": n.score, "max_score": n.max_score,
                         "seconds": round(sum(n.phases.values()), 3),
                         "phases": {k: round(v, 3) for k, v in n.phases.items()},
                         "learner phases": {k: round(v, 3) for k, v in result.phases.items()}})
             for n in result.notebooks]
    with open(path, "a", encoding="utf-8") as log:
        log.write("".join(line + "\n" for line in lines))


def _inputs(course: GradingCourse, assignment: str, student: str, notebooks: list[str]) -> list[Path]:
    folder = course.folder("submitted", student, assignment)
    return [folder / f"{n}.ipynb" for n in notebooks] + [folder / name for name in BOOKKEEPING_FILES]


class BatchGrader:
    def __init__(self, course: Path, assignment: str, options: Options | None = None,
                 forker: ForkerProcess | None = None, keep_forker: bool = False) -> None:
        """``keep_forker``: the forker is the caller's, warm across batches (a grading worker's): this batch
        neither stops it nor probes the sandbox again once it has passed."""
        self.options = options or Options()
        self._keep = keep_forker and forker is not None
        if self.options.workers < 1:
            raise GradeError("--workers must be at least 1")
        # The forker spends a second or two importing; let it do so while the course is read.
        self._forker: ForkerProcess | None = forker or ForkerProcess.for_assignment(Path(course), assignment,
                                                                                      wait=False)
        try:
            # Through the cache, so forked workers start with the course already read.
            self.course = open_course(Path(course).resolve(), self.options.db_url)
            self.assignment = assignment
            self.notebook_names = self.course.notebooks(assignment)
            self.sources = {n: SourceNotebook.read(self.course.source_notebook(assignment, n))
                            for n in self.notebook_names}
            self.released = self._read_released()
        except BaseException:
            self.close()
            raise
        self.secret = self.course.secret()
        #: What went wrong writing feedback in the last run, one line per learner.
        self.feedback_problems: list[str] = []
        self.source_digest = _digest([self.course.source_notebook(assignment, n) for n in self.notebook_names])

    def _read_released(self) -> dict[str, Released]:
        """Each notebook as released, from the gradebook, once for the batch (``gradebook_steps``)."""
        from nbgrader.api import MissingEntry

        found = {}
        with self.course.gradebook() as gb:
            for name in self.notebook_names:
                try:
                    found[name] = Released.read(gb, self.assignment, name)
                except MissingEntry:  # nbgrader's own steps will say so, notebook by notebook
                    continue
        return found

    def forker_process(self) -> ForkerProcess:
        if self._keep and self._forker is not None:
            self._forker.wait_ready()
            return self._forker
        forker = self._forker or ForkerProcess.for_assignment(self.course.root, self.assignment, wait=False)
        self._forker = None
        forker.wait_ready()
        return forker

    def close(self) -> None:
        if self._forker is not None and not self._keep:
            self._forker.stop()
            self._forker = None

    # ------------------------------------------------------------ planning
    def students(self) -> list[str]:
        found = self.course.students(self.assignment)
        if self.options.students:
            missing = sorted(set(self.options.students) - set(found))
            if missing:
                raise GradeError(f"no submission of '{self.assignment}' from: {', '.join(missing)}")
            found = [s for s in found if s in self.options.students]
        return found

    def already_graded(self, student: str) -> StudentResult | None:
        marker = self.course.folder("autograded", student, self.assignment) / MARKER
        if self.options.force or not marker.is_file():
            return None
        try:
            saved = json.loads(marker.read_text())
        except ValueError:
            return None
        inputs = _inputs(self.course, self.assignment, student, self.notebook_names)
        if saved.get("inputs") != _digest(inputs) or saved.get("source") != self.source_digest:
            return None
        try:
            notebooks = [NotebookResult(**n) for n in saved.get("notebooks", [])]
        except TypeError:  # a marker from another version of the grader: grade again
            return None
        return StudentResult(student, notebooks, resumed=True, seconds=saved.get("seconds", 0.0),
                             phases=saved.get("phases", {}))

    def job(self, student: str, work_root: Path, forker_socket: str) -> StudentJob:
        """What one worker needs to grade one learner."""
        o = self.options
        return StudentJob(tuple(
            NotebookJob(course=self.course.root, assignment=self.assignment, student=student, notebook=name,
                        secret=self.secret, source=self.sources[name], work_root=work_root,
                        forker_socket=forker_socket, gradebook_lock=work_root / ".gradebook.lock",
                        limits=o.limits, cell_timeout=o.cell_timeout, notebook_timeout=o.notebook_timeout,
                        db_url=o.db_url, released=self.released.get(name))
            for name in self.notebook_names), self.source_digest)

    # ------------------------------------------------------------- running
    def run(self, on_result: Callable[[StudentResult], None] | None = None) -> list[StudentResult]:
        self.feedback_problems = []
        students = self.students()
        results: list[StudentResult] = []
        todo = []
        for student in students:
            done = self.already_graded(student)
            if done is not None:
                results.append(done)
                if on_result:
                    on_result(done)
            else:
                todo.append(student)
        if todo:
            results += self._grade(todo, on_result)
        order = {s: i for i, s in enumerate(students)}
        return sorted(results, key=lambda r: order[r.student])

    def _grade(self, todo: list[str], on_result: Callable[[StudentResult], None] | None) -> list[StudentResult]:
        results = []
        work_root, claim = leftovers.claimed_folder("academy-grade-")
        os.chmod(work_root, 0o711)
        try:
            if self.options.feedback:  # before the pool is forked, while the forker is still importing
                from .feedback_export import warm

                warm()
            forker = self.forker_process()
            with contextlib.nullcontext(forker) if self._keep else forker:
                if not forker.sandbox_passed:
                    probe = Path(tempfile.mkdtemp(prefix="probe-", dir=work_root))
                    failure = forker.probe(probe, kernel_request(self.course, self.assignment, self.options.limits,
                                                                 probe, "probe"))
                    if failure:
                        raise GradeError(f"kernels cannot be sandboxed on this machine ({failure}); "
                                         "nothing was graded")
                    forker.sandbox_passed = True
                # Workers are processes (the per-notebook Python work would otherwise queue on one core
                # behind the GIL), forked so they start with nbgrader already imported.
                # No more processes than learners: forked all at once, idle ones would only hold memory.
                with ProcessPoolExecutor(min(self.options.workers, len(todo)),
                                         mp_context=multiprocessing.get_context("fork"),
                                         initializer=_stop_with_grader) as pool:
                    futures = {pool.submit(grade_student, self.job(s, work_root, forker.socket)): s for s in todo}
                    feedback = _FeedbackShares(self, pool, len(todo)) if self.options.feedback else None
                    for future in as_completed(futures):
                        try:
                            result = future.result()
                        except BrokenProcessPool:
                            result = StudentResult(futures[future], [NotebookResult(
                                name, status="failed",
                                notes=["A grading process crashed before this submission was finished; "
                                       "run the same command again to grade it."]) for name in self.notebook_names])
                        results.append(result)
                        log_timings(timing_log(self.course, self.assignment), result)
                        if on_result:
                            on_result(result)
                        if feedback:
                            feedback.add(result)
                    if feedback:
                        self.feedback_problems = feedback.finish()
        finally:
            shutil.rmtree(work_root, ignore_errors=True)
            leftovers.release(work_root, claim)
        return results


class _FeedbackShares:
    """Feedback written by the batch's own grading processes, a share of learners at a time as they are graded.

    A share handed over while notebooks are still waiting is queued behind them, so it runs as the last
    notebooks are graded and cores would otherwise sit idle, then every process writes one share at once.
    nbgrader's HTML pass had taken 30-40% on top of grading a cohort, on one core, after it."""

    def __init__(self, grader: BatchGrader, pool: ProcessPoolExecutor, learners: int) -> None:
        self.grader, self.pool = grader, pool
        self.size = max(LEARNERS_PER_SHARE, -(-learners // (2 * grader.options.workers)))
        self.waiting: list[StudentResult] = []
        self.handed: list[tuple[Future, list[str]]] = []
        self.unwritten: list[StudentResult] = []

    def add(self, result: StudentResult) -> None:
        self.waiting.append(result)
        if len(self.waiting) >= self.size:
            self._hand_over()

    def _hand_over(self) -> None:
        share, self.waiting = self.waiting, []
        from .feedback import write_feedback_share

        g = self.grader
        try:
            self.handed.append((self.pool.submit(write_feedback_share, g.course.root, g.options.db_url,
                                                 g.assignment, share), [r.student for r in share]))
        except BrokenProcessPool:  # the pool is gone: this process writes them at the end
            self.unwritten += share

    def finish(self) -> list[str]:
        """Wait for every share; returns what went wrong."""
        if self.waiting:
            self._hand_over()
        problems = []
        for future, students in self.handed:
            try:
                problems += future.result()
            except BrokenProcessPool:
                problems += [f"{s}: the process writing feedback crashed" for s in students]
        if self.unwritten:
            from .feedback import write_feedback

            problems += write_feedback(self.grader.course, self.grader.assignment, self.unwritten)
        return problems
