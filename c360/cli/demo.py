"""`c360 demo`: bring everything up on the embedded default and say where it is.

It grows with the product: generate a bank, load the graph, find rings and households, write the
report, serve the API. Today it brings up the services.
"""

from __future__ import annotations

from rich.panel import Panel

from c360.bootstrap import neo4j_driver, sql_engine
from c360.cli.console import console
from c360.cli.neo4j_cmd import ensure_running
from c360.settings import get_settings
from relational import db


def demo() -> None:
    """Start the local Neo4j (installing it on first use) and create or migrate the source schema."""
    settings = get_settings()
    ensure_running(settings)
    engine = sql_engine(settings)
    try:
        _before, revision = db.upgrade(engine)
    finally:
        engine.dispose()
    with neo4j_driver(settings) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions RETURN versions[0] AS version",
            database_=settings.neo4j_database,
        )
    version = records[0]["version"]
    password_note = (
        "NEO4J_PASSWORD" if settings.neo4j_password else f"the file {settings.neo4j_home / 'neo4j-password'}"
    )
    console.print(
        Panel.fit(
            "\n".join(
                [
                    f"[bold]Neo4j {version}[/]      {settings.effective_neo4j_uri}",
                    f"Neo4j Browser     http://127.0.0.1:{settings.neo4j_http_port}/browser/",
                    f"  user {settings.neo4j_user}, password in {password_note}",
                    f"Relational source {settings.effective_database_url} (schema {revision})",
                    "",
                    "Stop the server with `c360 neo4j stop`.",
                ]
            ),
            title="Customer Graph 360 is up",
        )
    )
