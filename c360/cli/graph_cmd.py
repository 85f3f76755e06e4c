"""`c360 graph schema | load | sync | verify`: the relational bank projected into Neo4j."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer
from rich.progress import TaskID
from rich.table import Table

from c360.bootstrap import neo4j_driver, sql_engine
from c360.cli.console import console
from c360.cli.progress import TableBars, bars
from c360.settings import get_settings
from graph_loader import schema as graph_schema
from graph_loader import sync as loader
from graph_loader.bulk import importer as bulk
from graph_loader.verify import verify as run_verify

app = typer.Typer(
    help="Project the relational bank into Neo4j and check the projection.", no_args_is_help=True
)

BatchOpt = Annotated[int, typer.Option(help="Rows per page and per write transaction.", min=1)]


def _summary(report: loader.SyncReport, title: str) -> None:
    table = Table(title=title)
    for col in ("source", "rows read", "upserted", "deleted", "nodes +", "rels +", "seconds"):
        table.add_column(col, justify="right" if col != "source" else "left")
    for name, s in report.sources.items():
        table.add_row(name, f"{s.rows:,}", f"{s.upserted:,}", f"{s.deleted:,}", f"{s.nodes_created:,}",
                      f"{s.relationships_created:,}", f"{s.seconds:.1f}")  # fmt: skip
    console.print(table)
    rate = report.elements_written / report.seconds if report.seconds else 0.0
    console.print(
        f"{report.rows:,} rows in {report.seconds:.1f} s; {report.elements_written:,} graph elements "
        f"created ({rate:,.0f}/s)."
    )


@app.command()
def schema() -> None:
    """Create the constraints and indexes (idempotent)."""
    settings = get_settings()
    with neo4j_driver(settings) as driver:
        n = graph_schema.apply(driver, settings.neo4j_database)
    console.print(f"[green]Schema applied:[/] {n} constraints and indexes (existing ones left as they are).")


def _run(full: bool, batch_size: int) -> loader.SyncReport:
    settings = get_settings()
    engine = sql_engine(settings)
    try:
        with neo4j_driver(settings) as driver:
            graph_schema.apply(driver, settings.neo4j_database)
            with bars() as bar:
                run = loader.full_load if full else loader.sync
                return run(engine, driver, settings.neo4j_database, batch_size=batch_size,
                           progress=TableBars(bar))  # fmt: skip
    finally:
        engine.dispose()


@app.command()
def load(
    batch_size: BatchOpt = loader.DEFAULT_BATCH,
    bulk: Annotated[
        bool, typer.Option(help="Replace the local graph with neo4j-admin import: fastest for a first load.")
    ] = False,
) -> None:
    """Full load: read every source row (in pages) and MERGE it into the graph. Safe to rerun."""
    if bulk:
        _bulk()
        return
    _summary(_run(True, batch_size), "Full load")


def _bulk() -> None:
    settings = get_settings()
    engine = sql_engine(settings)
    try:
        with bars() as bar:
            tasks: dict[str, TaskID] = {}

            def progress(file: str, rows: int) -> None:
                if file not in tasks:
                    tasks[file] = bar.add_task(f"export {file}", total=None)
                bar.update(tasks[file], completed=rows)

            console.print("Bulk load: the local Neo4j is stopped during the import and started again.")
            report = bulk.bulk_load(settings, engine, settings.home, connect=lambda: neo4j_driver(settings),
                                    progress=progress)  # fmt: skip
    finally:
        engine.dispose()
    rate = report.elements / report.total_seconds if report.total_seconds else 0.0
    console.print(
        f"[green]Imported[/] {report.nodes:,} nodes and {report.relationships:,} relationships in "
        f"{report.total_seconds:.1f} s ({rate:,.0f} elements/s; export {report.export_seconds:.1f} s, "
        f"import and restart {report.import_seconds:.1f} s). `c360 graph sync` continues from here."
    )


@app.command()
def sync(
    batch_size: BatchOpt = loader.DEFAULT_BATCH,
    follow: Annotated[bool, typer.Option(help="Keep syncing every --interval seconds.")] = False,
    interval: Annotated[float, typer.Option(help="Seconds between syncs with --follow.", min=0.1)] = 10.0,
) -> None:
    """Apply what changed since the last sync: inserts, updates and soft deletes."""
    while True:
        _summary(_run(False, batch_size), "Sync")
        if not follow:
            return
        time.sleep(interval)


@app.command()
def verify(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    sample: Annotated[int, typer.Option(help="Entities per label compared property by property.")] = 200,
) -> None:
    """Compare the graph with the source: counts per label and type, and a random sample of entities.
    Exits 1 on any difference and names it."""
    settings = get_settings()
    engine = sql_engine(settings)
    try:
        with neo4j_driver(settings) as driver:
            report = run_verify(engine, driver, settings.neo4j_database, sample=sample)
    finally:
        engine.dispose()
    if as_json:
        print(json.dumps(report.as_dict(), indent=2, default=str))
    else:
        table = Table(title="Graph vs source")
        for col in ("kind", "name", "source", "graph", ""):
            table.add_column(col)
        for kind, counts in (("label", report.nodes), ("type", report.relationships)):
            for name, (want, have) in counts.items():
                mark = "[green]ok[/]" if want == have else "[red]DIFFERS[/]"
                table.add_row(kind, name, f"{want:,}", f"{have:,}", mark)
        console.print(table)
        console.print(f"{report.sampled} entities compared property by property.")
        for d in report.differences[:50]:
            console.print(f"[red]difference:[/] {d.describe()}")
    if not report.ok:
        raise typer.Exit(1)
    if not as_json:
        console.print("[green]The graph matches the source.[/]")
