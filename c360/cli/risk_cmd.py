"""`c360 risk scan`: raise the Timo risk alerts that are not raised yet."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from c360.cli.console import console
from c360.cli.database import migrated_engine
from c360.settings import get_settings
from relational.risk import Thresholds, scan

app = typer.Typer(help="Risk rules over the relational data (alerts in risk_alerts).", no_args_is_help=True)


@app.command("scan")
def scan_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Apply the rules; a rescan adds only alerts that are new. Thresholds: RISK_* settings."""
    settings = get_settings()
    thresholds = Thresholds.from_settings(settings)
    with migrated_engine() as engine:
        counts = scan(engine, thresholds)
    if as_json:
        print(json.dumps({c.rule: {"new": c.new, "total": c.total} for c in counts}, indent=2))
        return
    table = Table(title="risk alerts")
    for name in ("rule", "new", "total"):
        table.add_column(name, justify="left" if name == "rule" else "right")
    for c in counts:
        table.add_row(c.rule, str(c.new), str(c.total))
    console.print(table)
