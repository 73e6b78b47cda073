"""``academy grade``: autograde a cohort's submissions, sandboxed and in parallel."""

from __future__ import annotations

import os
import time
from pathlib import Path

import click
from rich.table import Table

from .. import course as courses
from ..errors import AcademyError
from ._output import console, err_console, progress_bar


def _default(name: str):
    """A library default, read when the command runs, so the CLI never states its own copy."""
    def value():
        from ..grading.results import Options
        from ..grading.sandbox import Limits

        return {"workers": Options().workers, "notebook_timeout": Options().notebook_timeout,
                "memory_mb": Limits().memory_mb}[name]
    return value


@click.command("grade")
@click.argument("assignment")
@click.option("--course", "course_dir", type=click.Path(path_type=Path), default=None,
              help="The nbgrader course folder [default: ACADEMY_COURSE, else the course folder you are in, "
                   "else courses/accelerator].")
@click.option("--workers", type=click.IntRange(min=1, max=64), default=_default("workers"),
              show_default="twice the cores", help="Notebooks graded at once (twice the cores hides kernels' "
                                                   "start-up waits).")
@click.option("--cell-timeout", type=click.IntRange(min=1), default=None,
              help="Seconds one cell may run before it is interrupted "
                   "[default: the course's Execute.timeout, else 60].")
@click.option("--notebook-timeout", type=click.IntRange(min=1), default=_default("notebook_timeout"),
              show_default="600", help="Seconds a whole notebook may run before its kernel is stopped.")
@click.option("--memory", "memory_mb", type=click.IntRange(min=256), default=_default("memory_mb"),
              show_default="3072", help="Memory cap per kernel, in MB.")
@click.option("--student", "students", multiple=True, help="Grade only this learner (repeatable).")
@click.option("--force", is_flag=True, help="Grade again even submissions already graded.")
@click.option("--no-feedback", is_flag=True, help="Skip writing feedback (HTML and summary).")
@click.option("--db", "db_url", default=None, help="Gradebook database URL (default: the course's, SQLite).")
def grade(assignment: str, course_dir: Path | None, workers: int, cell_timeout: int | None, notebook_timeout: int,
          memory_mb: int, students: tuple[str, ...], force: bool, no_feedback: bool, db_url: str | None) -> None:
    """Autograde every submission of ASSIGNMENT with nbgrader, in parallel and sandboxed."""
    course = courses.find(course_dir)
    from ..grading.forker import ForkerProcess

    # Started first: it imports the kernels' libraries while this process imports nbgrader.
    forker = ForkerProcess.for_assignment(course.root, assignment, wait=False)
    from ..grading.batch import BatchGrader, timing_log
    from ..grading.results import Options, StudentResult
    from ..grading.sandbox import Limits, measures

    # nbgrader runs `alembic` by name when it creates a gradebook.
    os.environ["PATH"] = courses.nbgrader_env()["PATH"]
    options = Options(workers=workers, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout,
                         limits=Limits(memory_mb=memory_mb), feedback=not no_feedback, force=force,
                         students=students, db_url=db_url)
    try:
        grader = BatchGrader(course.root, assignment, options, forker=forker)
    except BaseException:
        forker.stop()
        raise
    try:
        todo = grader.students()
        if not todo:
            from ..hub.settings import HubSettings

            hub = HubSettings.from_env(check=False)
            waiting = grader.course.waiting_in_exchange(assignment)
            collect = "".join(
                f"; {_waiting(len(students))} in the exchange {exchange}: collect them first "
                f"(Collect in the formgrader, or `nbgrader collect {assignment} --Exchange.root={exchange}` "
                f"in {course.root})" for exchange, students in waiting.items())
            in_service = grader.course.waiting_in_service(assignment, hub.exchange, hub.exchange_url)
            if in_service:
                collect += (f"; {_waiting(len(in_service))} in the hub's exchange: collect them first (press "
                            f"Collect for {assignment} in the formgrader)")
            raise AcademyError(f"no submissions of '{assignment}' in {course.root / 'submitted'}{collect}")
        console.print(f"Grading {_count(len(todo), 'submission')} of {assignment} with {_count(workers, 'worker')}. "
                      f"Sandbox: {'; '.join(measures())}.")
        with progress_bar(remaining=True) as progress:
            task = progress.add_task("grading", total=len(todo))
            plain = PlainProgress(len(todo)) if progress.disable else None

            def done(result: StudentResult) -> None:
                progress.advance(task)
                progress.update(task, description=f"{result.student}: {result.score:g}/{result.max_score:g}")
                if plain is not None:
                    plain.advance()

            results = grader.run(done)
    finally:
        grader.close()
    _grade_table(results)
    console.print(f"Seconds per notebook and phase: {timing_log(grader.course, assignment)}")


class PlainProgress:
    """The bar's count, rate and time left as a line now and then, when output goes to a file or a pipe."""

    EVERY_S = 10.0

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.start = self.last = time.monotonic()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.last < self.EVERY_S and self.done < self.total:
            return
        self.last = now
        rate = self.done / max(now - self.start, 1e-6)
        left = (self.total - self.done) / rate
        err_console.print(f"graded {self.done}/{self.total}: {rate * 60:.1f} per minute, "
                          f"about {_duration(left)} left" if self.done < self.total else
                          f"graded {self.done}/{self.total} in {_duration(now - self.start)}")


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _waiting(n: int) -> str:
    return "1 learner's submission waits" if n == 1 else f"{n} learners' submissions wait"


def _grade_table(results: list) -> None:
    table = Table(title="Grades")
    for column in ("learner", "score", "status", "notes"):
        table.add_column(column)
    for r in results:
        notes = "; ".join(note for n in r.notebooks for note in n.notes)
        status = r.status + (" (already graded)" if r.resumed else "")
        table.add_row(r.student, f"{r.score:g}/{r.max_score:g}", status, notes[:160])
    console.print(table)
    graded = [r for r in results if r.status == "graded"]
    failed = sum(r.status == "failed" for r in results)
    timed_out = sum(r.status == "timed out" for r in results)
    mean = sum(r.score / r.max_score for r in results if r.max_score) / max(1, len(results))
    console.print(f"{_count(len(results), 'learner')}: {len(graded)} graded, {failed} failed, {timed_out} timed out; "
                  f"mean score {mean:.0%}. Feedback: feedback/<learner>/<assignment>/summary.txt")
