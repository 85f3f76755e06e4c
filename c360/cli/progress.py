"""Progress bars shared by the commands that move many rows."""

from __future__ import annotations

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from c360.cli.console import console
from graph_loader.sync import Progress as SyncProgress


def bars() -> Progress:
    return Progress(
        TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=console, transient=False,
    )  # fmt: skip


class TableBars(SyncProgress):
    """A bar per source table, for the graph loader."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}

    def start(self, source: str, total: int) -> None:
        self.tasks[source] = self.progress.add_task(source, total=total)

    def advance(self, source: str, rows: int) -> None:
        self.progress.advance(self.tasks[source], rows)
