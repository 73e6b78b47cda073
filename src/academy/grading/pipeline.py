"""Grading one notebook: sanitise → run → recheck → after → save, as nbgrader's autograde converter names them.

Each submission goes through nbgrader's own steps, in nbgrader's order, and
nbgrader's ``determine_grade`` scores every cell, so a score here equals stock
``nbgrader autograde``'s wherever stock gets it right. What differs:

- *run*: the kernel is forked from a warm process (``forker``) and jailed
  (``sandbox``); ``execute.GradingExecute`` survives dead kernels and
  notebooks that run past their time, keeping what was earned before;
- *recheck*: each exercise a test cell declares (the hidden-test contract,
  see ``notebooks``) is judged again in this process from the answer the
  kernel recorded (``recheck``), so patching the tests from a notebook earns
  nothing;
- the submitted file is only read; the graded notebook is written atomically.

:func:`grade_notebook` takes one :class:`NotebookJob`, plain data that can
cross a process boundary, so a batch, a service or a test can each grade one
notebook with one call.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbformat import NotebookNode
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    IgnorePattern,
    LimitOutput,
)
from nbgrader.utils import determine_grade

from ..checks.judge import Judge
from ..exercises.capture import CAPTURE_ENV
from . import recheck, schema_once
from .course import GradingCourse, SourceNotebook, one_writer, open_course, write_atomically
from .execute import GradingExecute, mark_unrun
from .forker import ForkerProcess
from .gradebook_steps import RESOURCE, OverwriteCellsOnce, OverwriteKernelspecOnce, Released, SaveAutoGradesOnce
from .notebooks import is_test_cell, nbgrader_meta, read_notebook
from .results import NotebookResult, PhaseClock
from .sandbox import Limits

log = logging.getLogger("academy.grading")
schema_once.install()

#: Before the kernel runs: nbgrader's sanitise steps (OverwriteCells puts missing test cells back).
SANITISE = (ClearOutput, DeduplicateIds, OverwriteKernelspecOnce, OverwriteCellsOnce, CheckCellMetadata)
#: After the kernel and the recheck. Stock checks the cell metadata again here; nothing since SANITISE changes it.
AFTER = (IgnorePattern, ClearMetadataPreprocessor, LimitOutput)
#: Into the gradebook, one writer at a time.
SAVE = (SaveAutoGradesOnce, AssignLatePenalties)
#: Configuration each step gets beyond the course's own.
_STEP_OPTIONS = {OverwriteCellsOnce: {"add_missing_cells": True}}


@dataclass(frozen=True)
class NotebookJob:
    """Everything needed to grade one learner's notebook, as plain data."""

    course: Path
    assignment: str
    student: str
    notebook: str
    #: Seeds the unseen data of function exercises; never enters the kernel.
    secret: str
    source: SourceNotebook
    #: A private folder (mode 711) under which each kernel gets its work folder.
    work_root: Path
    #: The forker's socket (``ForkerProcess.socket``): where jailed kernels come from.
    forker_socket: str
    #: Held while writing the gradebook (see ``course.one_writer``).
    gradebook_lock: Path
    limits: Limits = field(default_factory=Limits)
    #: None: the course's ``c.Execute.timeout``, else 60 s.
    cell_timeout: int | None = None
    notebook_timeout: int = 600
    db_url: str | None = None
    #: The notebook as released, read once per batch; None: nbgrader's steps ask the gradebook themselves.
    released: Released | None = None


class Unfit(Exception):
    """This notebook cannot be graded at all; every graded cell scores zero, for the reason given."""

    def __init__(self, note: str, status: str = "failed") -> None:
        super().__init__(note)
        self.note, self.status = note, status


def _resources(job: NotebookJob, course: GradingCourse, workdir: Path | None = None) -> dict:
    resources = {"nbgrader": {"db_url": course.db_url, "assignment": job.assignment, "notebook": job.notebook,
                              "student": job.student, "course_id": course.course_id},
                 RESOURCE: job.released}
    if workdir is not None:
        resources["metadata"] = {"path": str(workdir)}
    return resources


def _steps(names: tuple, course: GradingCourse) -> list:
    return [step(config=course.config, **_STEP_OPTIONS.get(step, {})) for step in names]


def _error_output(name: str, value: str) -> NotebookNode:
    return nbformat.v4.new_output("error", ename=name, evalue=value, traceback=[f"{name}: {value}"])


def kernel_request(course: GradingCourse, assignment: str, limits: Limits, workdir: Path, student: str,
                   capture_root: Path | None = None) -> dict:
    """What the forker needs to jail one kernel: hidden paths, shared files, limits, environment."""
    shared_root = course.root / "source" / assignment
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "ACADEMY_LEARNER": student,
           "NBGRADER_EXECUTION": "autograde", "PYTHONDONTWRITEBYTECODE": "1"}
    if capture_root is not None:
        env[CAPTURE_ENV] = str(capture_root)
    return {"hidden": list(course.hidden_paths()),
            "shared": [[str(p), str(workdir / p.relative_to(shared_root))] for p in course.shared_files(assignment)],
            "limits": asdict(limits), "env": env}


@dataclass(frozen=True)
class _ForkerAddress:
    """The forker as a job knows it: its socket path. ``ForkerProcess.manager`` needs nothing else."""

    socket: str

    manager = ForkerProcess.manager


@lru_cache(maxsize=8)
def _execute_config(course: GradingCourse, cell_timeout: int | None):
    configured = course.config.get("Execute", {}).get("timeout")
    config = copy.deepcopy(course.config)
    # Execute re-reads its config on every run, so the timeout goes in the config, not an attribute.
    config.Execute.timeout = cell_timeout or (configured if isinstance(configured, int) else 60)
    config.Execute.kernel_name = "python3"
    # A graded kernel is thrown away: no need to wait for it to shut down politely.
    config.Execute.shutdown_kernel = "immediate"
    return config


# ------------------------------------------------------------------ stages
def open_submission(job: NotebookJob, course: GradingCourse) -> NotebookNode:
    """The submitted notebook, read only; Unfit if it is missing, broken or not Python."""
    path = course.folder("submitted", job.student, job.assignment) / f"{job.notebook}.ipynb"
    if not path.exists():
        raise Unfit(f"No {job.notebook}.ipynb was submitted.")
    try:
        nb = read_notebook(path)
    except ValueError as exc:
        reason = str(exc).replace(str(path), f"{job.notebook}.ipynb")
        raise Unfit(f"Your notebook could not be opened: {reason}. Nothing in it could be graded.") from None
    language = (nb.metadata.get("kernelspec", {}) or {}).get("language") or \
        (nb.metadata.get("language_info", {}) or {}).get("name") or "python"
    if language.lower() != "python":
        raise Unfit(f"This is a {language} notebook; academy grade runs Python notebooks only. "
                    "Grade it with `nbgrader autograde`.")
    return nb


def sanitise(nb: NotebookNode, job: NotebookJob, course: GradingCourse) -> tuple[NotebookNode, list[str]]:
    """nbgrader's SANITISE steps; notes say which test cells were missing or changed and put back."""
    before = {nbgrader_meta(c).get("grade_id"): c.source for c in nb.cells if is_test_cell(c)}
    released = job.source.released_tests
    answer_ids = [nbgrader_meta(c).get("grade_id") for c in nb.cells if nbgrader_meta(c).get("grade_id")]
    if released and not answer_ids:
        raise Unfit("Your notebook could not be prepared for grading: none of the assignment's cells are in this "
                    "notebook (is it the right file, or one saved in an old format?).")
    resources = _resources(job, course)
    # These steps only read the gradebook, and SQLite lets readers share it: no lock, so that
    # one learner's sanitising never waits for another's grades being saved.
    try:
        for step in _steps(SANITISE, course):
            try:
                nb, resources = step(nb, resources)
            except KeyError as exc:
                raise ValueError(f"the cell {exc} is missing, so the tests that follow it could not be "
                                 "put back in place") from None
    except Exception as exc:
        raise Unfit(f"Your notebook could not be prepared for grading: {exc}.") from None
    notes = []
    for cell in nb.cells:
        if not is_test_cell(cell):
            continue
        gid = nbgrader_meta(cell)["grade_id"]
        if gid not in before:
            notes.append(f"The test cell '{gid}' was missing from your notebook; the original was put back and run.")
        elif gid in released and before[gid].strip() != released[gid].strip():
            notes.append(f"The test cell '{gid}' had been changed; the original was put back and run.")
    return nb, notes


#: Kernels a notebook may be given when one dies before running a single cell (not the learner's doing).
KERNEL_STARTS = 2


def _execute_once(nb: NotebookNode, job: NotebookJob, course: GradingCourse, workdir: Path,
                  capture_root: Path) -> GradingExecute:
    """One jailed kernel runs the notebook under a watchdog; the executor says how it went."""
    request = kernel_request(course, job.assignment, job.limits, workdir, job.student, capture_root)
    km = _ForkerAddress(job.forker_socket).manager(workdir, request)
    executor = GradingExecute(config=_execute_config(course, job.cell_timeout))
    executor.jailed_km = km

    def out_of_time() -> None:
        executor.out_of_time = True
        pid = getattr(getattr(km, "provisioner", None), "pid", None)
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    watchdog = threading.Timer(job.notebook_timeout, out_of_time)
    watchdog.start()
    try:
        executor.preprocess(nb, _resources(job, course, workdir))
    except Exception as exc:
        executor.stopped_by = exc
    finally:
        watchdog.cancel()
    return executor


def run(nb: NotebookNode, job: NotebookJob, course: GradingCourse, workdir: Path,
        capture_root: Path, clock: PhaseClock | None = None) -> tuple[str, list[str]]:
    """Execute in a jailed kernel; returns the status and what the learner should be told.

    A kernel that dies before the notebook's first cell ran is the machine's fault, not the learner's:
    the notebook gets a fresh kernel (up to ``KERNEL_STARTS`` in all) before it is marked as not run.
    """
    status, notes = "graded", []
    original = copy.deepcopy(nb)
    for start in range(KERNEL_STARTS):
        if start:
            nb.cells, nb.metadata = copy.deepcopy(original.cells), copy.deepcopy(original.metadata)
        executor = _execute_once(nb, job, course, workdir, capture_root)
        if clock is not None:
            executor.time_phases(clock)
        never_ran = executor.stopped_by is not None and executor.last_run_index < 0 and not executor.out_of_time
        if never_ran:  # the machine's fault: keep what the kernel said, for whoever runs the grader
            try:
                said = (workdir / ".ipc" / "kernel.log").read_text(errors="replace")[-2000:]
            except OSError:
                said = "(no kernel log)"
            log.warning("kernel for %s/%s died before its first cell (start %d): %s", job.student, job.notebook,
                        start + 1, said.strip() or "(empty kernel log)")
        if not never_ran:
            break
    notes += executor.notes()
    if executor.out_of_time:
        status = "timed out"
        notes.append(f"Your notebook ran for longer than {job.notebook_timeout} s in all and was "
                     "stopped; cells after that point were not run.")
    elif executor.stopped_by is not None:
        notes.append(executor.stop_reason())
    if executor.timed_out_cells:
        status = "timed out"
    mark_unrun(nb, executor.last_run_index, stopped=executor.stopped_by is not None or executor.out_of_time)
    return status, notes


def claims_of(nb: NotebookNode, source: SourceNotebook,
              judge: Judge) -> tuple[dict[int, list[recheck.Claim]], dict[int, str]]:
    """Per test cell, the claims its declaration in the source makes; and cells whose declaration is unusable."""
    claims: dict[int, list[recheck.Claim]] = {}
    refused: dict[int, str] = {}
    for index, cell in enumerate(nb.cells):
        if not is_test_cell(cell):
            continue
        try:
            claims[index] = [recheck.claim(judge, key)
                             for key in source.declared.get(nbgrader_meta(cell)["grade_id"], ())]
        except ValueError as exc:
            refused[index] = f"The course's test cell declares {exc}, so the grader cannot check it."
    return claims, refused


def recheck_answers(nb: NotebookNode, job: NotebookJob, judge: Judge, capture_root: Path,
                    claims: dict[int, list[recheck.Claim]], refused: dict[int, str], references: dict) -> list[str]:
    """Judge each declared exercise from its record; a failing one turns its cell's marks to zero."""
    notes = []
    for index, cell in enumerate(nb.cells):
        score, _ = determine_grade(cell) if is_test_cell(cell) else (None, None)
        if not score:
            continue  # the kernel already gave nothing (or this is not a test cell)
        gid = nbgrader_meta(cell)["grade_id"]
        if index in refused:
            cell.outputs.append(_error_output("AssertionError", refused[index]))
            notes.append(f"'{gid}': {refused[index]}")
            continue
        for c in claims.get(index, ()):
            problem = recheck.recheck(judge, c, job.student, capture_root, references)
            if problem:
                cell.outputs.append(_error_output("AssertionError", problem))
                if problem.startswith(recheck.NO_RECORD):
                    notes.append(f"'{gid}': {problem}")
                break
    declared = [key for keys in job.source.declared.values() for key in keys]
    for key in recheck.undeclared(capture_root, declared):
        notes.append(f"An answer was recorded for {key}, but no test cell of this notebook declares that exercise, "
                     "so it earned nothing.")
    return notes


def after(nb: NotebookNode, job: NotebookJob, course: GradingCourse) -> NotebookNode:
    resources = _resources(job, course)
    # Called, not .preprocess(): each step honours its `enabled` setting, as in stock nbgrader.
    for step in _steps(AFTER, course):
        nb, resources = step(nb, resources)
    return nb


def save(nb: NotebookNode, job: NotebookJob, course: GradingCourse, clock: PhaseClock | None = None) -> NotebookNode:
    clock = clock or PhaseClock()
    resources = _resources(job, course)
    steps = _steps(SAVE, course)
    waiting = time.perf_counter()
    with one_writer(job.gradebook_lock):
        clock.add("gradebook wait", time.perf_counter() - waiting)
        with clock("gradebook"):
            for step in steps:
                nb, resources = step(nb, resources)
    with clock("write"):
        out = course.folder("autograded", job.student, job.assignment) / f"{job.notebook}.ipynb"
        write_atomically(out, nbformat.writes(nb).encode())
    return nb


def score(nb: NotebookNode, name: str, status: str, notes: list[str]) -> NotebookResult:
    result = NotebookResult(name, status=status, notes=notes)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade"):
            got, max_score = determine_grade(cell)
            result.cells[meta["grade_id"]] = float(got or 0.0)
            result.score += float(got or 0.0)
            result.max_score += float(max_score or 0.0)
    return result


def zero(job: NotebookJob, status: str, note: str) -> NotebookResult:
    """Record zero for every graded cell of a notebook that could not run, and say why."""
    from nbgrader.api import MissingEntry

    course = open_course(job.course, job.db_url)
    result = NotebookResult(job.notebook, status=status, notes=[note])
    with one_writer(job.gradebook_lock), course.gradebook() as gb:
        try:
            submission = gb.find_submission_notebook(job.notebook, job.assignment, job.student)
        except MissingEntry:
            return result
        for grade in submission.grades:
            grade.auto_score = 0
            grade.needs_manual_grade = False
            result.max_score += grade.max_score
            result.cells[grade.name] = 0.0
        gb.db.commit()
    stale = course.folder("autograded", job.student, job.assignment) / f"{job.notebook}.ipynb"
    stale.unlink(missing_ok=True)
    return result


# ---------------------------------------------------------------- the call
def grade_notebook(job: NotebookJob) -> NotebookResult:
    """Grade one submitted notebook into the gradebook and the autograded folder; never raises for bad input.

    The learner's submission must already be in the gradebook
    (``gb.update_or_create_submission``), as nbgrader's autograde does first.
    """
    clock = PhaseClock()
    course = open_course(job.course, job.db_url)
    try:
        with clock("sanitise"):
            nb = open_submission(job, course)
            nb, notes = sanitise(nb, job, course)
    except Unfit as unfit:
        result = zero(job, unfit.status, unfit.note)
        result.phases = clock.seconds
        return result
    workdir = Path(tempfile.mkdtemp(prefix=f"{job.student}-{job.notebook}-"[:60], dir=job.work_root))
    try:
        capture_root = workdir / ".academy"
        capture_root.mkdir()
        with clock("prepare"):
            judge = recheck.judge_for(job.course)
            claims, refused = claims_of(nb, job.source, judge)
            references = recheck.prepare(judge, [c for cs in claims.values() for c in cs], job.student,
                                         job.secret, capture_root, modules=[job.assignment])
        status, ran = run(nb, job, course, workdir, capture_root, clock)
        notes += ran
        # Our hidden tests only record answers under the grader; the verdict is given here.
        with clock("recheck"):
            notes += recheck_answers(nb, job, judge, capture_root, claims, refused, references)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    with clock("after"):
        nb = after(nb, job, course)
    nb = save(nb, job, course, clock)
    result = score(nb, job.notebook, status, notes)
    result.phases = clock.seconds
    return result
