"""`c360 dq`: the data-quality report. Always exits 0 when it could run: it reports, it does not judge."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from c360.cli.console import console
from c360.cli.database import migrated_engine
from relational.quality import QualityReport, report

TITLES = {
    "null": "Empty columns that should be filled",
    "duplicate": "Values shared by several customers",
    "format": "Stored values that fail validation",
    "orphan": "Rows pointing to a missing or deleted parent",
}


def dq(as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False) -> None:
    """Row counts, nulls, duplicates, format violations and orphans, per table."""
    with migrated_engine() as engine:
        result = report(engine)
    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        _print(result)


def _print(result: QualityReport) -> None:
    counts = Table(title="Rows per table")
    for name in ("table", "rows", "soft-deleted"):
        counts.add_column(name, justify="left" if name == "table" else "right")
    for name, n in result.tables.items():
        counts.add_row(name, str(n["rows"]), str(n["deleted"]))
    console.print(counts)
    for kind, title in TITLES.items():
        section = Table(title=title)
        for name in ("table.column", "count", "why it matters", "sample"):
            section.add_column(name, justify="right" if name == "count" else "left")
        for f in (f for f in result.findings if f.kind == kind):
            style = "yellow" if f.count else "dim"
            section.add_row(f"{f.table}.{f.column}", str(f.count), f.note, ", ".join(f.sample), style=style)
        console.print(section)
