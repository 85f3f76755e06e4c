"""`c360 graph schema | load | sync | verify`: the relational bank projected into Neo4j."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Annotated

import typer
from rich.progress import TaskID
from rich.table import Table

from c360.bootstrap import neo4j_driver, sql_engine
from c360.cli.console import console
from c360.cli.progress import TableBars, bars
from c360.settings import Settings, get_settings
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
    cols = ("source", "rows read", "upserted", "deleted", "pending", "nodes +", "rels +", "seconds")
    for col in cols:
        table.add_column(col, justify="right" if col != "source" else "left")
    for name, s in report.sources.items():
        table.add_row(name, f"{s.rows:,}", f"{s.upserted:,}", f"{s.deleted:,}", f"{s.pending:,}",
                      f"{s.nodes_created:,}", f"{s.relationships_created:,}", f"{s.seconds:.1f}")  # fmt: skip
    console.print(table)
    rate = report.elements_written / report.seconds if report.seconds else 0.0
    console.print(
        f"{report.rows:,} rows in {report.seconds:.1f} s; {report.elements_written:,} graph elements "
        f"created ({rate:,.0f}/s)."
    )
    _pending_line(report)


def _pending_line(report: loader.SyncReport) -> None:
    if report.pending_total:
        console.print(
            f"[yellow]{report.pending_total:,} source rows wait for a parent that is not in the graph "
            "yet[/]; the next sync reads them again. `c360 graph verify` names any that wait too long."
        )
    else:
        console.print("0 rows pending: every row read is in the graph.")


def _cycle_line(report: loader.SyncReport) -> None:
    """One line per `--follow` cycle that changed something."""
    cut = report.cut
    held = f", cut held {cut.lag_seconds:.1f} s by {cut.held_by}" if cut and cut.held_by else ""
    changed = ", ".join(f"{name} {s.rows:,}" for name, s in report.sources.items() if s.rows)
    console.print(
        f"{time.strftime('%H:%M:%S')} {report.rows:,} rows ({changed}) in {report.seconds:.2f} s; "
        f"{report.pending_total:,} pending{held}"
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
                           progress=TableBars(bar), overlap=_overlap(settings))  # fmt: skip
    finally:
        engine.dispose()


def _overlap(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.sync_overlap_seconds)


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
    """Apply what changed since the last sync: inserts, updates and soft deletes. Safe to stop at
    any moment (even kill -9): the next run carries on from the last committed page."""
    if not follow:
        _summary(_run(False, batch_size), "Sync")
        return
    settings = get_settings()
    engine = sql_engine(settings)
    console.print(f"Following the source every {interval:g} s; Ctrl-C stops (nothing is lost).")
    try:
        # One engine and driver for the whole run: a cycle then costs its reads and writes only.
        with neo4j_driver(settings) as driver:
            graph_schema.apply(driver, settings.neo4j_database)
            while True:
                report = loader.sync(engine, driver, settings.neo4j_database, batch_size=batch_size,
                                     overlap=_overlap(settings))  # fmt: skip
                if report.rows or report.pending_total:
                    _cycle_line(report)
                time.sleep(interval)
    except KeyboardInterrupt:
        console.print("Stopped.")
    finally:
        engine.dispose()


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
            alert = timedelta(seconds=settings.sync_pending_alert_seconds)
            report = run_verify(engine, driver, settings.neo4j_database, sample=sample, pending_alert=alert)
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
        if report.pending:
            console.print(f"{len(report.pending):,} source rows wait for a parent:")
            for p in report.pending[:20]:
                console.print(f"  {p['id']} waits for {', '.join(p['waits_for'])} ({p['seconds']:.0f} s)")
        for d in report.differences[:50]:
            console.print(f"[red]difference:[/] {d.describe()}")
    if not report.ok:
        raise typer.Exit(1)
    if not as_json:
        console.print("[green]The graph matches the source.[/]")
