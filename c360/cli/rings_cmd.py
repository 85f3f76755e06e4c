"""`c360 rings detect | decide | report`: fraud rings and households. Thin: parse, call, print."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import neo4j
import typer
from rich.table import Table
from sqlalchemy import Engine

from analytics import pipeline, service
from c360.bootstrap import neo4j_driver
from c360.cli.console import console
from c360.cli.database import migrated_engine
from c360.errors import C360Error
from c360.settings import get_settings
from graph_loader.verify import counts_match

app = typer.Typer(help="Fraud rings and households over shared identifiers.", no_args_is_help=True)


@app.command("detect")
def detect(
    engine_name: Annotated[
        str | None, typer.Option("--engine", help="inprocess or cypher (default: RINGS_ENGINE).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Run even if the graph's counts differ from the source.")
    ] = False,
) -> None:
    """Detect rings and households, track changes since the last run, store and write back.
    Refuses to read a graph whose counts differ from the source (a load or sync is missing)."""
    settings = get_settings()
    if engine_name is not None and engine_name not in pipeline.ENGINES:
        raise C360Error(
            f"unknown engine {engine_name!r}", hint=f"choose one of: {', '.join(pipeline.ENGINES)}"
        )
    with migrated_engine() as engine, neo4j_driver(settings) as driver:
        if not force:
            _require_graph_matches_source(engine, driver, settings.neo4j_database)
        summary = pipeline.run(settings, engine, driver, engine_name)
    if as_json:
        print(json.dumps(summary, indent=2, default=str))
        return
    console.print(
        f"run {summary['run_id']} ({summary['engine']} engine, split seed {summary['seed']}): "
        f"{summary['rings']} rings ({summary['raised']} raised), {summary['households']} households, "
        f"hub limit {summary['hub_limit']}, {len(summary['hubs'])} hubs, {summary['seconds']['total']} s"
    )
    table = Table(title="changes since the last run")
    for col in ("", *sorted(set(summary["ring_changes"]) | set(summary["household_changes"]))):
        table.add_column(col, justify="right" if col else "left")
    kinds = sorted(set(summary["ring_changes"]) | set(summary["household_changes"]))
    for label, counts in (("rings", summary["ring_changes"]), ("households", summary["household_changes"])):
        table.add_row(label, *(str(counts.get(k, 0)) for k in kinds))
    console.print(table)


def _require_graph_matches_source(engine: Engine, driver: neo4j.Driver, database: str) -> None:
    differences = counts_match(engine, driver, database)
    if differences:
        shown = "; ".join(d.describe() for d in differences[:3])
        more = f" (and {len(differences) - 3} more)" if len(differences) > 3 else ""
        raise C360Error(
            f"The graph does not match the source, so rings would be built from stale links: {shown}{more}.",
            hint="Run `c360 graph sync` (or `c360 graph load`), then `c360 graph verify`; "
            "--force runs anyway.",
        )


@app.command("decide")
def decide(
    ring_id: Annotated[str, typer.Argument(help="The ring's stable ID, e.g. FR-000001.")],
    confirm: Annotated[bool, typer.Option("--confirm", help="It is a fraud ring.")] = False,
    dismiss: Annotated[
        bool, typer.Option("--dismiss", help="It is not; do not raise it again unchanged.")
    ] = False,
    note: Annotated[str, typer.Option("--note", help="Why.")] = "",
    by: Annotated[
        str | None, typer.Option("--by", help="Who decides (default: RINGS_ANALYST or $USER).")
    ] = None,
) -> None:
    """Record an analyst's decision on a ring of the latest run."""
    if confirm == dismiss:
        raise C360Error("say either --confirm or --dismiss")
    settings = get_settings()
    who = by or settings.rings_analyst or os.environ.get("USER") or "unknown"
    with migrated_engine() as engine:
        decision = service.decide(engine, ring_id, "confirmed" if confirm else "dismissed", note, who)
    console.print(f"{decision.ring_id}: {decision.decision} by {decision.decided_by} at "
                  f"{decision.decided_at:%Y-%m-%d %H:%M} ({len(decision.members)} members)")  # fmt: skip


@app.command("report")
def report(
    fmt: Annotated[str, typer.Option("--format", help="html, csv or json.")] = "html",
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: C360_HOME/reports/).")
    ] = None,
) -> None:
    """The latest run as a report: overview, ranked rings with evidence and a picture of each."""
    if fmt not in ("html", "csv", "json"):
        raise C360Error(f"unknown format {fmt!r}", hint="choose html, csv or json")
    settings = get_settings()
    with migrated_engine() as engine, neo4j_driver(settings) as driver:
        path = service.write_report(settings, engine, driver, fmt, out)
    console.print(f"wrote {path}")
