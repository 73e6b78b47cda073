"""``academy module new``: start a module in the course folder, already passing ``academy validate``."""

from __future__ import annotations

from pathlib import Path

import click

from .. import course as courses
from . import AcademyGroup
from ._output import console


@click.group(cls=AcademyGroup)
def module() -> None:
    """Write and change modules (see courses/README.md)."""


@module.command("new")
@click.argument("module_id")
@click.option("--title", default=None, help="The module's title [default: 'Module <ID>'].")
@click.option("--dataset", default="council_tax", show_default=True,
              help="The dataset family its data come from (academy data list).")
@click.option("--course", "course_dir", type=click.Path(path_type=Path), default=None,
              help="Course folder [default: ACADEMY_COURSE, else the course folder you are in, "
                   "else courses/accelerator].")
def module_new(module_id: str, title: str | None, dataset: str, course_dir: Path | None) -> None:
    """Scaffold MODULE_ID: its source notebook, checks, answer collections and curriculum entry."""
    from ..checks.scaffold import new_module

    found = courses.find(course_dir)
    written = new_module(found, module_id, title or f"Module {module_id}", dataset)
    for path in written:
        console.print(f"wrote {path.relative_to(found.root)}")
    console.print(f"Next: edit them (courses/README.md walks through it), then run "
                  f"[bold]academy validate {found.root} {module_id}[/bold].")
