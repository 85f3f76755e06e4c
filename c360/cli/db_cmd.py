"""`c360 db init | upgrade | status`: the relational schema, through Alembic migrations."""

from __future__ import annotations

import typer

from c360.bootstrap import sql_engine
from c360.cli.console import console
from c360.settings import get_settings
from relational import db

app = typer.Typer(help="The bank's relational schema (SQLite or PostgreSQL).", no_args_is_help=True)


def _migrate(verb: str) -> None:
    settings = get_settings()
    engine = sql_engine(settings)
    try:
        before, after = db.upgrade(engine)
    finally:
        engine.dispose()
    target = engine.url.render_as_string(hide_password=True)
    if before == after:
        console.print(f"Schema already at revision {after} in {target}; nothing to do.")
    else:
        console.print(f"[green]{verb}[/] {target}: revision {before or '(empty)'} -> {after}.")


def init() -> None:
    """Create the schema in an empty database (safe to rerun: it only migrates forward)."""
    _migrate("Initialised")


def upgrade() -> None:
    """Apply any migrations the database has not had yet."""
    _migrate("Upgraded")


@app.command()
def status() -> None:
    """The database URL (password hidden), its schema revision and the newest one."""
    engine = sql_engine(get_settings())
    try:
        current, head = db.current_revision(engine), db.head_revision(engine)
    finally:
        engine.dispose()
    state = "[green]up to date[/]" if current == head else "[yellow]needs `c360 db upgrade`[/]"
    console.print(f"database: {engine.url.render_as_string(hide_password=True)}")
    console.print(f"revision: {current or '(empty)'} (newest {head}) {state}")


app.command("init")(init)
app.command("upgrade")(upgrade)
