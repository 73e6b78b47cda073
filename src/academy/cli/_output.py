"""What every verb prints with: the consoles and the one progress bar."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

console = Console()
err_console = Console(stderr=True)


class RateColumn(ProgressColumn):
    """How many are done per minute, once there is a rate to tell."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed * 60:.1f}/min" if speed else "–/min", style="progress.data.speed")


def progress_bar(transient: bool = False, remaining: bool = False) -> Progress:
    """A bar on the terminal (nothing when output goes to a file or a pipe).

    ``remaining``: also the rate and the time left, for long batches.
    """
    columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                     TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn()]
    if remaining:
        columns += [RateColumn(), TimeRemainingColumn()]
    return Progress(*columns, console=err_console, transient=transient, disable=not err_console.is_terminal)
