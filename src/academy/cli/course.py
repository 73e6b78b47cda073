"""``academy course show`` and ``academy validate``: the curriculum, and whether its notebooks are ready."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from .. import course as courses
from . import AcademyGroup
from ._output import console, err_console

_COURSE = click.option("--course", "course_dir", type=click.Path(path_type=Path), default=None,
                       help="Course folder [default: ACADEMY_COURSE, else the course folder you are in, "
                            "else courses/accelerator].")


@click.group(cls=AcademyGroup)
def course() -> None:
    """The curriculum: modules, prerequisites, skills and pass marks."""


@course.command("show")
@_COURSE
def course_show(course_dir: Path | None) -> None:
    """Print the curriculum as a table."""
    cur = courses.find(course_dir).curriculum
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
    if cur.challenges:
        pack = Table(title="Code-club challenge pack")
        pack.add_column("challenge", no_wrap=True)
        pack.add_column("title", ratio=3)
        pack.add_column("level", ratio=1)
        pack.add_column("minutes", no_wrap=True)
        pack.add_column("data", ratio=1)
        for c in cur.challenges:
            pack.add_row(c.id, f"{c.title}\n[dim]{c.teaches}[/dim]", f"{c.level} · {c.level_name.lower()}",
                         str(c.minutes), c.dataset)
        console.print(pack)


@click.command("validate")
@click.argument("course", type=click.Path(path_type=Path))
@click.argument("assignment", required=False)
@click.option("--timeout", default=120, show_default=True,
              help="Seconds a single cell may run (the first code cell, which loads libraries and data, at least 60).")
def validate(course: Path, assignment: str | None, timeout: int) -> None:
    """Check source notebooks: solutions pass, blanks fail, nothing secret is released."""
    from ..grading import validate as v

    notebooks = v.find_notebooks(course, assignment)
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
