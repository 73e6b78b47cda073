"""The ``academy`` command: each verb is a thin layer over a library call.

Mistakes a user can fix (an unknown dataset, a silly row count, a folder that
cannot be written) end in one line starting ``Error:`` and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import datasets
from .datasets import io as dio

console = Console()
err_console = Console(stderr=True)
SHORT_LICENCE = {datasets.OGL: "OGL v3.0", datasets.CC_BY: "CC BY 4.0", datasets.DSA: "Data-sharing agreement"}
DEFAULT_OUT = Path(os.environ.get("ACADEMY_DATA_DIR", "datasets/generated"))


class AcademyGroup(click.Group):
    """Turns library errors into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except datasets.DatasetError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=AcademyGroup)
@click.version_option(package_name="council-data-academy")
def main() -> None:
    """Council Data Academy: synthetic council data, graded courses and progress."""


@main.group(cls=AcademyGroup)
def data() -> None:
    """Synthetic council datasets: list them, read their cards, generate them."""


@data.command("list")
def list_datasets() -> None:
    """List every dataset family."""
    table = Table(title="Synthetic council datasets")
    table.add_column("name", no_wrap=True, style="cyan")
    for col in ("title", "--rows sets", "default rows", "tables", "licence"):
        table.add_column(col)
    for fam in datasets.families():
        c = fam.card
        table.add_row(c.name, c.title, c.rows_meaning, f"{c.default_rows:,}",
                      ", ".join(t.name for t in c.tables), SHORT_LICENCE.get(c.licence, c.licence))
    console.print(table)


@data.command("card")
@click.argument("name")
@click.option("--markdown", is_flag=True, help="Print the card as Markdown (for a course's README).")
def card(name: str, markdown: bool) -> None:
    """Describe a dataset: tables, columns, licence and planted truths."""
    c = datasets.get_family(name).card
    if markdown:
        click.echo(c.to_markdown())
        return
    console.print(f"[bold]{c.title}[/bold] ([cyan]{c.name}[/cyan])\n")
    console.print(c.description + "\n")
    console.print(f"[bold]Licence:[/bold] {c.licence}")
    console.print(f"[bold]--rows[/bold] sets {c.rows_meaning} (default {c.default_rows:,}, at least {c.min_rows:,}).\n")
    for t in c.tables:
        table = Table(title=f"{t.name}: {t.description}", title_justify="left")
        for col in ("column", "type", "meaning"):
            table.add_column(col)
        for col in t.columns:
            table.add_row(col.name, col.kind + (" (may be empty)" if col.nullable else ""), col.meaning)
        console.print(table)
        for column, other, other_col in t.joins:
            console.print(f"  joins: {column} → {other}.{other_col}")
    console.print("\n[bold]Planted truths[/bold] (what graders check answers against):")
    for truth in c.truths:
        console.print(f"  • {truth}")


def parse_rows(text: str | None) -> int | None:
    if text is None:
        return None
    cleaned = re.sub(r"[_,\s]", "", text)
    if not re.fullmatch(r"-?\d+", cleaned):
        raise datasets.DatasetError(f"--rows must be a whole number, got {text!r}")
    return int(cleaned)


def parse_seed(text: str) -> int | str:
    return int(text) if re.fullmatch(r"-?\d+", text.strip()) else text


def _generate(name: str, rows: int | None, seed: int | str, fmt: str, out: Path, truth_dir: Path | None) -> None:
    fmt = dio.check_format(fmt)
    family = datasets.get_family(name)
    n = family.card.default_rows if rows is None else rows
    datasets.seed_to_int(seed)  # validate before any work
    dio.check_writable(out)
    if truth_dir is not None:
        dio.check_writable(truth_dir)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(), console=err_console, transient=True, disable=not err_console.is_terminal,
    ) as progress:
        task = progress.add_task(f"Generating {name} ({n:,} rows)", total=None)
        ds = family.make(n=n, seed=seed)
        files = list(dio.dataset_files(ds, fmt))
        progress.update(task, description=f"Writing {name}", total=len(files), completed=0)
        dest = dio.write_atomically(out / name, files, on_file=lambda _: progress.advance(task))
        if truth_dir is not None:
            truth = dio.truth_files(ds)
            dio.write_atomically(truth_dir / name, [(k, (lambda b=b: b)) for k, b in truth.items()])
    sizes = ", ".join(f"{t}={len(df):,}" for t, df in ds.tables.items())
    console.print(f"[green]✓[/green] {name}: {sizes} → {dest}")
    if truth_dir is not None:
        console.print(f"  planted truth (for graders only) → {truth_dir / name}")


@data.command("make")
@click.argument("name")
@click.option("--rows", "rows", metavar="N", help="Rows in the main table (see `academy data list`).")
@click.option("--seed", default="0", show_default=True, help="Whole number, or text such as a learner's user name.")
@click.option("--format", "fmt", default="parquet", show_default=True, metavar="parquet|csv|xlsx|json")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Folder to write into; the dataset lands in OUT/NAME.")
@click.option("--truth", "truth_dir", type=click.Path(path_type=Path), default=None,
              help="Also write the planted truth into this folder (keep it away from learners).")
def make(name: str, rows: str | None, seed: str, fmt: str, out: Path, truth_dir: Path | None) -> None:
    """Generate one dataset family."""
    _generate(name, parse_rows(rows), parse_seed(seed), fmt, out, truth_dir)


@data.command("make-all")
@click.option("--seed", default="0", show_default=True)
@click.option("--format", "fmt", default="parquet", show_default=True, metavar="parquet|csv|xlsx|json")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True)
@click.option("--truth", "truth_dir", type=click.Path(path_type=Path), default=None)
def make_all(seed: str, fmt: str, out: Path, truth_dir: Path | None) -> None:
    """Generate the whole catalogue at default sizes."""
    for fam in datasets.families():
        _generate(fam.name, None, parse_seed(seed), fmt, out, truth_dir)
    console.print(f"\nThe catalogue is in [bold]{out.resolve()}[/bold]; `academy data card NAME` describes each dataset.")


@main.group(cls=AcademyGroup)
def course() -> None:
    """The curriculum: modules, prerequisites, skills and pass marks."""


@course.command("show")
@click.option("--course", "course_dir", type=click.Path(path_type=Path), default=Path("courses/accelerator"),
              show_default=True, help="Course folder holding curriculum.toml.")
def course_show(course_dir: Path) -> None:
    """Print the curriculum as a table."""
    from .curriculum import CurriculumError, load

    try:
        cur = load(course_dir)
    except CurriculumError as exc:
        raise click.ClickException(str(exc)) from None
    table = Table(title=f"{cur.title} ({cur.id})")
    table.add_column("module", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("needs first", ratio=1)
    table.add_column("skills", ratio=2)
    table.add_column("pass", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for m in cur.modules:
        table.add_row(m.id, f"{m.title}\n[dim]level {m.level} · {m.hours:g} h[/dim]", ", ".join(m.prerequisites) or "—",
                      ", ".join(s.replace("_", " ") for s in m.skills), f"{m.pass_mark:.0%}",
                      "ready" if m.available else "planned")
    console.print(table)
    total = sum(m.hours for m in cur.modules)
    console.print(f"{len(cur.modules)} modules, about {total:g} hours; "
                  f"{sum(m.available for m in cur.modules)} available now.")


@main.group(cls=AcademyGroup)
def hub() -> None:
    """The JupyterHub that serves the courses (settings: ACADEMY_HUB_* variables)."""


def _hub_settings(check: bool = True):
    from .hub.settings import HubConfigError, HubSettings

    try:
        return HubSettings.from_env(check=check)
    except HubConfigError as exc:
        raise click.ClickException(str(exc)) from None


@hub.command("start")
@click.option("--mode", type=click.Choice(["local", "production"]), default="local", show_default=True,
              help="local: demo accounts, one user; production: system users, sign-up with approval.")
def hub_start(mode: str) -> None:
    """Release the course and start JupyterHub (Ctrl-C stops it)."""
    from .hub import launch
    from .hub.prepare import ReleaseError
    from .hub.settings import HubConfigError
    from .hub.system_users import SystemUserError

    try:
        launch.start(_hub_settings(), mode, log=click.echo)
    except (HubConfigError, ReleaseError, SystemUserError) as exc:
        raise click.ClickException(str(exc)) from None


@hub.command("prepare")
@click.option("--configs-only", is_flag=True,
              help="Only write the learner and instructor Jupyter configs (for a container image).")
def hub_prepare(configs_only: bool) -> None:
    """Make the hub's state folder and release new or changed modules, without starting the hub."""
    from .hub import prepare

    settings = _hub_settings(check=not configs_only)
    if configs_only:
        prepare.write_jupyter_configs(settings)
        click.echo(f"Wrote {prepare.config_dir(settings, 'learner')} and {prepare.config_dir(settings, 'instructor')}")
        return
    try:
        prepare.prepare(settings, log=click.echo)
    except prepare.ReleaseError as exc:
        raise click.ClickException(str(exc)) from None


@hub.command("accounts")
def hub_accounts() -> None:
    """Print the local demo's log-ins (made on the first start)."""
    from .hub import accounts

    settings = _hub_settings()
    people = accounts.read(settings.state)
    if not people:
        raise click.ClickException("no demo accounts yet: start the hub once with `make demo`")
    click.echo(accounts.login_text(settings.url, people))


@hub.command("settings")
def hub_settings_cmd() -> None:
    """Print every hub setting, its value now and the variable that changes it."""
    from .hub.production import VARIABLES as PRODUCTION
    from .hub.settings import VARIABLES

    settings = _hub_settings()
    values = {"ACADEMY_HUB_IP": settings.ip, "ACADEMY_HUB_PORT": settings.port, "ACADEMY_HUB_STATE": settings.state,
              "ACADEMY_HUB_DB_URL": settings.database_url,
              "ACADEMY_HUB_COURSES": ",".join(map(str, settings.courses)),
              "ACADEMY_HUB_PROXY": " ".join(settings.proxy),
              "ACADEMY_HUB_FORMGRADER_PORT": settings.formgrader_port or "(free port)",
              "ACADEMY_HUB_IDLE_TIMEOUT": settings.idle_timeout}
    table = Table()
    for col in ("variable", "value", "what it sets"):
        table.add_column(col)
    for name, help_text in VARIABLES.items():
        table.add_row(name, str(values[name]), help_text)
    for name, help_text in PRODUCTION.items():
        shown = "(set)" if "SECRET" in name and os.environ.get(name) else os.environ.get(name, "")
        table.add_row(name, shown or "-", help_text)
    console.print(table)


@main.group(cls=AcademyGroup)
def progress() -> None:
    """The progress store, from the terminal (the hub's progress service shows the same in a browser)."""


def _progress_store(db_url: str | None, course_dir: Path | None):
    from .curriculum import CurriculumError, load
    from .progress.store import ProgressStore

    from sqlalchemy.engine import make_url

    settings = _hub_settings(check=False)
    course_dir = course_dir or settings.courses[0]
    url = make_url(db_url or settings.progress_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).parent.is_dir():
        raise click.ClickException(f"no progress store at {url.database}: start the hub once (`academy hub start`) "
                                   "or give --db")
    try:
        return ProgressStore(url.render_as_string(hide_password=False), load(course_dir)), course_dir
    except CurriculumError as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # an unreachable server, a URL with a typo, a folder that is not there
        raise click.ClickException(f"cannot open the progress store: {str(exc).splitlines()[0]}") from None


_DB = click.option("--db", "db_url", default=None, help="Progress store URL (default: the hub's, ACADEMY_PROGRESS_DB_URL).")
_COURSE = click.option("--course", "course_dir", type=click.Path(path_type=Path), default=None,
                       help="Course folder (default: the hub's first course).")


@progress.command("sync")
@_DB
@_COURSE
@click.option("--gradebook", default=None, help="Gradebook file or URL (default: the course's gradebook.db).")
def progress_sync(db_url: str | None, course_dir: Path | None, gradebook: str | None) -> None:
    """Copy grades from the gradebook now (the service does it every minute)."""
    from .progress.events import ProgressError
    from .progress.sync import sync_gradebook

    store, course_dir = _progress_store(db_url, course_dir)
    try:
        changed = sync_gradebook(store, gradebook or course_dir / "gradebook.db", store.curriculum.id)
    except ProgressError as exc:
        raise click.ClickException(str(exc)) from None
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
    frame = pd.DataFrame(store.export_rows(cohort))
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


@main.command("validate")
@click.argument("course", type=click.Path(path_type=Path))
@click.argument("assignment", required=False)
@click.option("--timeout", default=120, show_default=True, help="Seconds a single cell may run.")
def validate(course: Path, assignment: str | None, timeout: int) -> None:
    """Check source notebooks: solutions pass, blanks fail, nothing secret is released."""
    from .grading import validate as v

    try:
        notebooks = v.find_notebooks(course, assignment)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    failed = 0
    for path in notebooks:
        with err_console.status(f"Validating {path.relative_to(course)} (runs it twice in a fresh kernel)"):
            report = v.validate_notebook(path, timeout=timeout)
        mark = "[green]✓[/green]" if report.ok else "[red]✗[/red]"
        console.print(f"{mark} {path.relative_to(course)} ({report.points:g} points)")
        for line in report.passed_checks:
            console.print(f"    [green]✓[/green] {line}")
        for line in report.warnings:
            console.print(f"    [yellow]![/yellow] {line}")
        for line in report.errors:
            console.print(f"    [red]✗[/red] {line}")
        failed += not report.ok
    if failed:
        raise click.ClickException(f"{failed} of {len(notebooks)} notebooks are not ready to release")
    console.print(f"All {len(notebooks)} notebooks are ready to release.")


DEFAULT_COURSE = Path(os.environ.get("ACADEMY_COURSE", "courses/accelerator"))


@main.command("grade")
@click.argument("assignment")
@click.option("--course", "course_dir", type=click.Path(path_type=Path), default=DEFAULT_COURSE, show_default=True,
              help="The nbgrader course folder.")
@click.option("--workers", type=click.IntRange(min=1, max=64), default=2 * (os.cpu_count() or 1), show_default=True,
              help="Notebooks graded at once (twice the cores hides kernels' start-up waits).")
@click.option("--cell-timeout", type=click.IntRange(min=1), default=None,
              help="Seconds one cell may run before it is interrupted [default: the course's Execute.timeout, else 60].")
@click.option("--notebook-timeout", type=click.IntRange(min=1), default=600, show_default=True,
              help="Seconds a whole notebook may run before its kernel is stopped.")
@click.option("--memory", "memory_mb", type=click.IntRange(min=256), default=3072, show_default=True,
              help="Memory cap per kernel, in MB.")
@click.option("--student", "students", multiple=True, help="Grade only this learner (repeatable).")
@click.option("--force", is_flag=True, help="Grade again even submissions already graded.")
@click.option("--no-feedback", is_flag=True, help="Skip writing feedback (HTML and summary).")
@click.option("--db", "db_url", default=None, help="Gradebook database URL (default: the course's, SQLite).")
def grade(assignment: str, course_dir: Path, workers: int, cell_timeout: int | None, notebook_timeout: int,
          memory_mb: int, students: tuple[str, ...], force: bool, no_feedback: bool, db_url: str | None) -> None:
    """Autograde every submission of ASSIGNMENT with nbgrader, in parallel and sandboxed."""
    from .grading.forker import ForkerProcess

    # Started first: it imports the kernels' libraries while this process imports nbgrader.
    forker = ForkerProcess(wait=False)
    from .grading import autograde as ag
    from .grading.sandbox import Limits, measures

    # nbgrader runs `alembic` by name when it creates a gradebook.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    options = ag.Options(workers=workers, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout,
                         limits=Limits(memory_mb=memory_mb), feedback=not no_feedback, force=force,
                         students=students, db_url=db_url)
    try:
        grader = ag.BatchGrader(course_dir, assignment, options, forker=forker)
    except ag.GradeError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        todo = grader.students()
    except ag.GradeError as exc:
        grader.close()
        raise click.ClickException(str(exc)) from None
    if not todo:
        grader.close()
        raise click.ClickException(f"no submissions of '{assignment}' in {course_dir / 'submitted'}")
    console.print(f"Grading {len(todo)} submissions of {assignment} with {workers} workers. "
                  f"Sandbox: {'; '.join(measures())}.")
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=err_console, disable=not err_console.is_terminal) as progress:
        task = progress.add_task("grading", total=len(todo))

        def done(result: ag.StudentResult) -> None:
            progress.advance(task)
            progress.update(task, description=f"{result.student}: {result.score:g}/{result.max_score:g}")

        try:
            results = grader.run(done)
        except ag.GradeError as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            grader.close()
    _grade_table(results)


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
    console.print(f"{len(results)} learners: {len(graded)} graded, {failed} failed, {timed_out} timed out; "
                  f"mean score {mean:.0%}. Feedback: feedback/<learner>/<assignment>/summary.txt")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
