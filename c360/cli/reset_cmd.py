"""`c360 reset --yes`: start over with a new bank, keeping the installs and passwords."""

from __future__ import annotations

from typing import Annotated

import typer

from c360 import reset as resetter
from c360.bootstrap import neo4j_driver
from c360.cli.console import console
from c360.errors import C360Error
from c360.settings import get_settings


def reset(
    yes: Annotated[bool, typer.Option("--yes", help="Really delete the graph and the embedded bank.")] = (
        False
    ),
) -> None:
    """Delete the graph's data, the embedded SQLite bank and the reports. Keeps the Neo4j install,
    its password and schema, the PostgreSQL cluster, and any DATABASE_URL database."""
    if not yes:
        raise C360Error(
            "`c360 reset` deletes every node of the graph, the embedded SQLite bank and the reports.",
            hint="Run `c360 reset --yes` to do it. The Neo4j install and its password are kept.",
        )
    settings = get_settings()
    with neo4j_driver(settings) as driver:
        done = resetter.reset(settings, driver)
    console.print(
        f"[green]Reset:[/] {done.nodes_deleted:,} graph nodes deleted (constraints and indexes kept)."
    )
    for path in done.removed:
        console.print(f"  removed {path}")
    if done.kept_database_url is not None:
        console.print("  DATABASE_URL is set: that database is yours and was left as it is.")
    console.print("Next: `c360 generate` or `c360 ingest`, then `c360 graph load`.")
