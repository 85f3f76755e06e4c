"""`c360 postgres start | stop | status | url`: a private PostgreSQL cluster (tests, local use)."""

from __future__ import annotations

import typer

from c360 import local_postgres
from c360.cli.console import console
from c360.settings import get_settings

app = typer.Typer(
    help="Run a private PostgreSQL cluster on loopback (Debian's server binaries).", no_args_is_help=True
)


@app.command()
def start() -> None:
    """Create the cluster if needed, start it, and ensure the `c360` role and database exist."""
    c = local_postgres.cluster(get_settings())
    with console.status("Starting PostgreSQL"):
        started = local_postgres.start(c)
    console.print("[green]PostgreSQL started.[/]" if started else "PostgreSQL is already running.")
    console.print(f"  data: {c.data}\n  port: 127.0.0.1:{c.port}")
    console.print("  URL:  `c360 postgres url` prints the DATABASE_URL to use (it holds the password).")


@app.command()
def stop() -> None:
    """Stop the cluster (fast shutdown: open sessions are rolled back)."""
    stopped = local_postgres.stop(local_postgres.cluster(get_settings()))
    console.print("[green]PostgreSQL stopped.[/]" if stopped else "PostgreSQL is not running.")


@app.command()
def status() -> None:
    """Running or stopped, port and data folder."""
    c = local_postgres.cluster(get_settings())
    state = "[green]running[/]" if local_postgres.is_running(c) else "[yellow]stopped[/]"
    console.print(f"state: {state}\nport:  127.0.0.1:{c.port}\ndata:  {c.data}")


@app.command()
def url() -> None:
    """Print the SQLAlchemy URL of the application database (for DATABASE_URL)."""
    print(local_postgres.cluster(get_settings()).url())
