"""``academy progress``: a learner's record, a cohort's export and a grade sync, from the terminal."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from .. import course as courses
from ..errors import AcademyError
from . import AcademyGroup
from ._output import console
from .hub import hub_settings


@click.group(cls=AcademyGroup)
def progress() -> None:
    """The progress store, from the terminal (the hub's progress service shows the same in a browser)."""


def _progress_store(db_url: str | None, course_dir: Path | None):
    from sqlalchemy.engine import make_url

    from ..progress.store import ProgressStore

    settings = hub_settings(check=False)
    course = courses.find(course_dir or settings.courses[0])
    url = make_url(db_url or settings.progress_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).parent.is_dir():
        raise AcademyError(f"no progress store at {url.database}: start the hub once (`academy hub start`) "
                           "or give --db")
    curriculum = course.curriculum
    try:
        return ProgressStore(url.render_as_string(hide_password=False), curriculum), course
    except Exception as exc:  # an unreachable server, a URL with a typo, a folder that is not there
        raise AcademyError(f"cannot open the progress store: {str(exc).splitlines()[0]}") from None


_DB = click.option("--db", "db_url", default=None,
                   help="Progress store URL (default: the hub's, ACADEMY_PROGRESS_DB_URL).")
_COURSE = click.option("--course", "course_dir", type=click.Path(path_type=Path), default=None,
                       help="Course folder (default: the hub's first course).")


@progress.command("sync")
@_DB
@_COURSE
@click.option("--gradebook", default=None, help="Gradebook file or URL (default: the course's gradebook.db).")
def progress_sync(db_url: str | None, course_dir: Path | None, gradebook: str | None) -> None:
    """Copy grades from the gradebook now (the service does it every minute)."""
    from ..progress.gradebook_sync import sync_gradebook

    store, course = _progress_store(db_url, course_dir)
    changed = sync_gradebook(store, gradebook or course.gradebook, store.curriculum.id)
    click.echo(f"{changed} grade(s) changed.")


@progress.command("export")
@click.argument("cohort")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="A .csv or .xlsx file.")
@_DB
@_COURSE
def progress_export(cohort: str, out: Path, db_url: str | None, course_dir: Path | None) -> None:
    """One row per learner and exercise tried in COHORT, with module grades."""
    import pandas as pd

    if out.suffix not in (".csv", ".xlsx"):
        raise click.ClickException(f"{out}: give a file ending .csv or .xlsx")
    store, _ = _progress_store(db_url, course_dir)
    if cohort not in {name for name, _ in store.all_cohorts()}:
        known = ", ".join(name for name, _ in store.all_cohorts()) or "none yet"
        raise click.ClickException(f"no cohort {cohort!r}; cohorts: {known}")
    from ..progress.store import EXPORT_COLUMNS

    frame = pd.DataFrame(store.export_rows(cohort), columns=list(EXPORT_COLUMNS))
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False) if out.suffix == ".csv" else frame.to_excel(out, index=False, sheet_name="progress")
    click.echo(f"{len(frame)} rows for {len(store.members(cohort))} learners written to {out}")


@progress.command("show")
@click.argument("learner")
@_DB
@_COURSE
def progress_show(learner: str, db_url: str | None, course_dir: Path | None) -> None:
    """A learner's modules, next step and certificates."""
    store, _ = _progress_store(db_url, course_dir)
    record = store.learner_record(learner)
    table = Table(title=f"{learner}: {record.attempts} checks run")
    for column in ("module", "status", "checks passed", "grade"):
        table.add_column(column)
    for m in record.modules:
        g = record.grades.get(m.module)
        table.add_row(f"{m.module} · {m.title}", m.status, f"{m.passed_exercises} of {m.exercises}",
                      f"{g.score:g} / {g.max_score:g}" if g else "—")
    console.print(table)
    if record.next:
        console.print(f"Next: {record.next.module}" + (f", {record.next_exercise}" if record.next_exercise else ""))
    for level, when in sorted(record.certificates.items()):
        console.print(f"Level {level} certificate, {when:%d %B %Y}")
