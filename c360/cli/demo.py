"""`c360 demo`: the whole product on the embedded default (SQLite + a local Neo4j), and where it is.

Start Neo4j, create the schema, generate a bank (once), raise risk alerts, load it into the graph,
verify the projection, find rings and households, write the report, then serve the GraphQL API
with a development key (Ctrl-C stops it; `--no-serve` stops after the report).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from sqlalchemy import Engine, func, select

from analytics import pipeline, service
from api import keys
from api.principal import Role
from c360.bootstrap import neo4j_driver, sql_engine
from c360.cli import api_cmd
from c360.cli.console import console
from c360.cli.generate_cmd import RichProgress
from c360.cli.neo4j_cmd import ensure_running
from c360.cli.progress import TableBars, bars
from c360.settings import Settings, get_settings
from graph_loader import schema
from graph_loader.sync import full_load, sync
from graph_loader.verify import verify
from relational import db
from relational.generator import generate as generate_bank
from relational.generator.profiles import get_profile
from relational.models import Customer
from relational.risk import Thresholds, scan


def demo(
    customers: Annotated[
        int, typer.Option(help="Size of the generated bank (first run only).", min=100)
    ] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of the generated bank.")] = 42,
    serve_api: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the GraphQL API at the end (Ctrl-C stops it).")
    ] = True,
) -> None:
    """Start Neo4j, generate a bank (first run), load and verify the graph, find rings, serve the API."""
    settings = get_settings()
    api_url = f"http://{settings.api_host}:{settings.api_port}/graphql"
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
        raised = scan(engine, Thresholds.from_settings(settings))
        console.print(f"Risk alerts: {sum(r.total for r in raised):,} ({sum(r.new for r in raised):,} new)")
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
        dev_key = demo_key(settings, engine)
        key_path = demo_key_path(settings)
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
                    "",
                    f"GraphQL API       {api_url}" + ("" if serve_api else " (after `c360 serve`)"),
                    f"  GraphiQL        {api_url} (in a browser; development mode)",
                    f"  development key {dev_key}",
                    "  (role fraud_analyst; send it as the header `Authorization: Bearer <key>`)",
                    f'  try: curl -s {api_url} -H "Authorization: Bearer $(cat {key_path})" \\',
                    "        -H 'Content-Type: application/json' \\",
                    '        -d \'{"query": "{ rings(first: 3) { nodes { id score status } } }"}\'',
                    "Stop Neo4j with `c360 neo4j stop`.",
                ]
            ),
            title="Customer Graph 360 is up",
        )
    )
    if not check.ok:
        raise typer.Exit(1)
    if serve_api:
        api_cmd.run_server(settings, host=None, port=None, workers=None)


def _count(summary: dict[str, object], key: str) -> str:
    value = summary.get(key)
    if isinstance(value, dict):
        value = value.get("count", len(value))
    if isinstance(value, list):
        value = len(value)
    return f"{value:,}" if isinstance(value, int) else "?"


def demo_key_path(settings: Settings) -> Path:
    return settings.home / "demo-api-key"


def demo_key(settings: Settings, engine: Engine) -> str:
    """The demo's development key: reused while it is valid, else a new one. Kept (mode 600) in
    C360_HOME, which git ignores, so a rerun prints the same key."""
    path = demo_key_path(settings)
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if keys.check(engine, key) is not None:
            return key
    _info, key = keys.create(engine, "demo (development)", Role.FRAUD_ANALYST)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(key + "\n", encoding="utf-8")
    return key
