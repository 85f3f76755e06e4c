"""`c360 demo`: the whole product on the embedded default (SQLite + a local Neo4j), and where it is.

It grows with the product. Today: start Neo4j, create the schema, generate a bank (once), load it
into the graph, verify the projection, find rings and households and write the report.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.panel import Panel
from sqlalchemy import func, select

from analytics import pipeline, service
from c360.bootstrap import neo4j_driver, sql_engine
from c360.cli.console import console
from c360.cli.generate_cmd import RichProgress
from c360.cli.neo4j_cmd import ensure_running
from c360.cli.progress import TableBars, bars
from c360.settings import get_settings
from graph_loader import schema
from graph_loader.sync import full_load, sync
from graph_loader.verify import verify
from relational import db
from relational.generator import generate as generate_bank
from relational.generator.profiles import get_profile
from relational.models import Customer


def demo(
    customers: Annotated[
        int, typer.Option(help="Size of the generated bank (first run only).", min=100)
    ] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of the generated bank.")] = 42,
) -> None:
    """Start Neo4j, generate a bank on first run, load it into the graph and verify it."""
    settings = get_settings()
    ensure_running(settings)
    engine = sql_engine(settings)
    try:
        _before, revision = db.upgrade(engine)
        with engine.connect() as conn:
            existing = conn.execute(select(func.count()).select_from(Customer)).scalar_one()
        if existing == 0:
            console.print(f"Generating a bank of {customers:,} customers (seed {seed}) ...")
            with bars() as bar:
                generate_bank(engine, customers=customers, seed=seed, profile=get_profile("default", None),
                              replace=False, progress=RichProgress(bar))  # fmt: skip
        else:
            console.print(f"The source already holds {existing:,} customers; not generating.")
        with neo4j_driver(settings) as driver:
            schema.apply(driver, settings.neo4j_database)
            console.print("Projecting the bank into Neo4j ...")
            with bars() as bar:
                loaded = (full_load if existing == 0 else sync)(
                    engine, driver, settings.neo4j_database, progress=TableBars(bar)
                )
            check = verify(engine, driver, settings.neo4j_database)
            console.print("Finding fraud rings and households ...")
            found = pipeline.run(settings, engine, driver)
            report = service.write_report(settings, engine, driver, "html", None)
            service.write_report(settings, engine, driver, "json", report.with_suffix(".json"))
    finally:
        engine.dispose()
    nodes = sum(want for want, _have in check.nodes.values())
    rels = sum(want for want, _have in check.relationships.values())
    verdict = "[green]matches the source[/]" if check.ok else f"[red]{len(check.differences)} differences[/]"
    password_note = (
        "NEO4J_PASSWORD" if settings.neo4j_password else f"the file {settings.neo4j_home / 'neo4j-password'}"
    )
    console.print(
        Panel.fit(
            "\n".join(
                [
                    f"[bold]Neo4j[/]             {settings.effective_neo4j_uri}",
                    f"Neo4j Browser     http://127.0.0.1:{settings.neo4j_http_port}/browser/",
                    f"  user {settings.neo4j_user}, password in {password_note}",
                    f"Relational source {settings.effective_database_url} (schema {revision})",
                    f"Graph             {nodes:,} nodes, {rels:,} relationships: {verdict}",
                    f"                  ({loaded.rows:,} rows read in {loaded.seconds:.1f} s)",
                    f"Rings             {_count(found, 'rings')} fraud rings, "
                    f"{_count(found, 'households')} households, {_count(found, 'hubs')} hubs suppressed",
                    f"Report            {report} (and .json beside it)",
                    "",
                    "Try in Browser:   MATCH (p:Phone)<-[:HAS_PHONE]-(c) WITH p, count(c) AS n",
                    "                  WHERE n > 1 RETURN p.e164, n ORDER BY n DESC LIMIT 10",
                    "Stop the server with `c360 neo4j stop`.",
                ]
            ),
            title="Customer Graph 360 is up",
        )
    )
    if not check.ok:
        raise typer.Exit(1)


def _count(summary: dict[str, object], key: str) -> str:
    value = summary.get(key)
    if isinstance(value, dict):
        value = value.get("count", len(value))
    if isinstance(value, list):
        value = len(value)
    return f"{value:,}" if isinstance(value, int) else "?"
