"""``academy data``: list the dataset families, read their cards, generate them."""

from __future__ import annotations

import re
from pathlib import Path

import click
from rich.table import Table

from .. import datasets, settings
from ..datasets import io as dio
from . import AcademyGroup
from ._output import console, progress_bar

SHORT_LICENCE = {datasets.OGL: "OGL v3.0", datasets.CC_BY: "CC BY 4.0", datasets.DSA: "Data-sharing agreement"}
DEFAULT_OUT = settings.get("ACADEMY_DATA_DIR")


@click.group(cls=AcademyGroup)
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
        for heading in ("column", "type", "meaning"):
            table.add_column(heading)
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
    with progress_bar(transient=True) as progress:
        task = progress.add_task(f"Generating {name} ({n:,} rows)", total=None)
        ds = family.make(n=n, seed=seed)
        files = list(dio.dataset_files(ds, fmt))
        progress.update(task, description=f"Writing {name}", total=len(files), completed=0)
        dest = dio.write_atomically(out / name, files, on_file=lambda _: progress.advance(task))
        if truth_dir is not None:
            truth = dio.truth_files(ds)
            dio.write_atomically(truth_dir / name, [(k, dio.constant(b)) for k, b in truth.items()])
    sizes = ", ".join(f"{t}={len(df):,}" for t, df in ds.tables.items())
    console.print(f"[green]✓[/green] {name}: {sizes} → {dest}")
    if truth_dir is not None:
        console.print(f"  planted truth (for graders only) → {truth_dir / name}")


_FORMAT = click.option("--format", "fmt", default="parquet", show_default=True, metavar="parquet|csv|xlsx|json")
_OUT = click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
                    help="Folder to write into; the dataset lands in OUT/NAME (default: ACADEMY_DATA_DIR).")
_TRUTH = click.option("--truth", "truth_dir", type=click.Path(path_type=Path), default=None,
                      help="Also write the planted truth into this folder (keep it away from learners).")


@data.command("make")
@click.argument("name")
@click.option("--rows", "rows", metavar="N", help="Rows in the main table (see `academy data list`).")
@click.option("--seed", default="0", show_default=True, help="Whole number, or text such as a learner's user name.")
@_FORMAT
@_OUT
@_TRUTH
def make(name: str, rows: str | None, seed: str, fmt: str, out: Path, truth_dir: Path | None) -> None:
    """Generate one dataset family."""
    _generate(name, parse_rows(rows), parse_seed(seed), fmt, out, truth_dir)


@data.command("make-all")
@click.option("--seed", default="0", show_default=True)
@_FORMAT
@_OUT
@_TRUTH
def make_all(seed: str, fmt: str, out: Path, truth_dir: Path | None) -> None:
    """Generate the whole catalogue at default sizes."""
    for fam in datasets.families():
        _generate(fam.name, None, parse_seed(seed), fmt, out, truth_dir)
    console.print(f"\nThe catalogue is in [bold]{out.resolve()}[/bold]; "
                  "`academy data card NAME` describes each dataset.")
