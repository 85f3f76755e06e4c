"""`c360 generate`: write a synthetic Vietnamese bank, with planted ground truth, to DATABASE_URL."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from c360.bootstrap import sql_engine
from c360.cli.console import console, err_console
from c360.settings import get_settings
from relational.generator import generate as generate_bank
from relational.generator.checksum import business_checksum
from relational.generator.profiles import PROFILES, get_profile


class RichProgress:
    """One bar per generator phase."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def phase(self, name: str, total: int) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total)
        self._task = self._progress.add_task(name, total=total)

    def advance(self, n: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)


def generate(
    customers: Annotated[int, typer.Option("--customers", "-n", help="How many customers (at least 100).")],
    seed: Annotated[int, typer.Option(help="Same seed, same bank.")] = 42,
    scale_profile: Annotated[
        str, typer.Option("--scale-profile", help=f"One of: {', '.join(PROFILES)}.")
    ] = "default",
    months: Annotated[
        int | None, typer.Option(help="Months of transactions (default: the profile's).")
    ] = None,
    replace: Annotated[bool, typer.Option(help="Delete the bank already in the database first.")] = False,
    checksum: Annotated[bool, typer.Option(help="Also print the business-data checksum.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable summary on stdout.")] = False,
) -> None:
    """Generate customers, accounts, devices and transactions with fraud rings, households and
    confounders planted, and their ground truth in the truth_* tables (never read by detectors)."""
    profile = get_profile(scale_profile, months)
    engine = sql_engine(get_settings())
    # With --json the bars go to stderr so stdout stays one JSON document.
    bars = Console(stderr=True) if as_json else console
    err_console.print(f"seed {seed}, profile {profile.name}, {customers} customers", style="dim")
    try:
        with Progress(
            TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=bars, transient=as_json,
        ) as progress:  # fmt: skip
            result = generate_bank(
                engine, customers=customers, seed=seed, profile=profile, replace=replace,
                progress=RichProgress(progress),
            )  # fmt: skip
        digest = business_checksum(engine) if checksum else None
    finally:
        engine.dispose()
    doc = {**asdict(result), "database": engine.url.render_as_string(hide_password=True), "checksum": digest}
    if as_json:
        print(json.dumps(doc, indent=2))
        return
    table = Table(title=f"Synthetic bank: {customers} customers, seed {seed}, profile {profile.name}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, count in result.rows.items():
        table.add_row(name, f"{count:,}")
    for name in ("rings", "households", "household_members", "ring_members", "joint_accounts"):
        table.add_row(f"[cyan]{name}[/]", f"{result.planted.get(name, 0):,}")
    for name, count in result.planted.items():
        if name.startswith(("confounder:", "ring_shape:")):
            table.add_row(f"[cyan]{name}[/]", f"{count:,}")
    table.add_row("[bold]elapsed[/]", f"{result.elapsed_s:.1f} s")
    console.print(table)
    if digest:
        console.print(f"checksum {digest}")
