"""What every verb prints with: the consoles and the one progress bar."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

console = Console()
err_console = Console(stderr=True)


def progress_bar(transient: bool = False, remaining: bool = False) -> Progress:
    """A bar on the terminal (nothing when output goes to a file or a pipe)."""
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn()]
    if remaining:
        columns.append(TimeRemainingColumn())
    return Progress(*columns, console=err_console, transient=transient, disable=not err_console.is_terminal)
