"""`c360 ingest PATH --kind K`: load an outside file, quarantine what is wrong, report the counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from c360.cli.console import console, err_console
from c360.cli.database import migrated_engine
from c360.errors import C360Error
from relational.ingest import KINDS, IngestFileError, IngestReport, ingest_file


def ingest(
    path: Annotated[Path, typer.Argument(help="The file to load.", show_default=False)],
    kind: Annotated[str, typer.Option("--kind", help=f"What the file holds: {', '.join(KINDS)}.")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv, jsonl or xml; default: from the file extension.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Load a CSV, JSON-lines or core-banking XML file; rejected rows go to the quarantine table.

    Exits 1 when the file is unusable or no row could be accepted.
    """
    with migrated_engine() as engine:
        try:
            report = ingest_file(engine, path, kind, fmt)
        except IngestFileError as exc:
            raise C360Error(str(exc), hint="see docs/ingestion.md for the accepted formats") from exc
    if as_json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        _print(report)
    if report.accepted == 0:
        what = "every row was rejected" if report.read else "the file holds no records"
        err_console.print(f"[bold red]error:[/] nothing loaded from {path.name}: {what}")
        raise typer.Exit(1)


def _print(report: IngestReport) -> None:
    table = Table(title=f"{report.kind} from {report.source_file} ({report.format})")
    table.add_column("read", justify="right")
    for name in ("loaded", "updated", "unchanged", "rejected"):
        table.add_column(name, justify="right")
    table.add_row(
        *(str(n) for n in (report.read, report.loaded, report.updated, report.unchanged, report.rejected))
    )
    console.print(table)
    check = "[green]reconciles[/]" if report.reconciles else "[red]DOES NOT reconcile[/]"
    console.print(f"read = loaded + updated + unchanged + rejected: {check}")
    if report.rejected:
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(report.rejected_by_rule.items()))
        console.print(
            f"[yellow]{report.rejected} rejected[/] ({rules}); {report.quarantined} new quarantine"
            " record(s), the rest were already quarantined by an earlier run."
        )
        for example in report.examples:
            console.print(f"  - {example}", highlight=False, markup=False)
