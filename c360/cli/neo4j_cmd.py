"""`c360 neo4j install | start | stop | status | logs`: the local Neo4j server."""

from __future__ import annotations

import contextlib
import json
import time
from typing import Annotated

import typer
from rich.table import Table

from c360.bootstrap import neo4j_driver
from c360.cli.console import console
from c360.errors import C360Error
from c360.local_neo4j import install as installer
from c360.local_neo4j import server
from c360.local_neo4j.home import Neo4jHome
from c360.settings import Settings, get_settings

app = typer.Typer(help="Run a local Neo4j 5.26 Community server (no Docker needed).", no_args_is_help=True)


def _external_notice(settings: Settings) -> bool:
    """With NEO4J_URI set, nothing local is managed: say so, and check the server answers."""
    if settings.uses_local_neo4j:
        return False
    with neo4j_driver(settings) as driver:
        try:
            driver.verify_connectivity()
            state = "[green]reachable[/]"
        except Exception as exc:
            raise C360Error(
                f"The external Neo4j at {settings.neo4j_uri} (NEO4J_URI) does not answer: {exc}",
                hint="Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or unset NEO4J_URI for a local server.",
            ) from exc
    console.print(f"NEO4J_URI is set: using the external Neo4j at {settings.neo4j_uri} ({state}).")
    console.print("Nothing local is started or stopped.")
    return True


def _install(settings: Settings, *, force: bool = False) -> Neo4jHome:
    """Install unless already installed; report only when there was work to do."""
    if Neo4jHome(settings.neo4j_home).is_installed() and not force:
        return Neo4jHome(settings.neo4j_home)
    started = time.monotonic()
    with console.status(f"Installing Neo4j {settings.neo4j_version}") as st:
        home = installer.install(
            settings, progress=lambda msg: st.update(f"Installing Neo4j: {msg}"), force=force
        )
    console.print(
        f"[green]Installed[/] Neo4j {settings.neo4j_version} in {home.root} "
        f"({time.monotonic() - started:.1f} s)."
    )
    if settings.neo4j_password is None:
        console.print(f"Generated password for user neo4j: stored in {home.password_file}")
    return home


@app.command()
def install(
    force: Annotated[bool, typer.Option(help="Download and lay out the jars again.")] = False,
) -> None:
    """Resolve Neo4j, Neo4j Browser and APOC with Maven into the Neo4j home; write neo4j.conf."""
    settings = get_settings()
    if _external_notice(settings):
        return
    if Neo4jHome(settings.neo4j_home).is_installed() and not force:
        console.print(f"Neo4j {settings.neo4j_version} is already installed in {settings.neo4j_home}.")
        return
    _install(settings, force=force)


def ensure_running(settings: Settings) -> None:
    """Install if needed, then start; used by `start`, the demo and the test harness."""
    if _external_notice(settings):
        return
    _install(settings)
    with console.status("Starting Neo4j (waiting for Bolt to answer)"):
        already, pid, seconds = server.start(settings)
    if already:
        console.print(f"Neo4j is already running (pid {pid}); nothing to do.")
    else:
        console.print(f"[green]Neo4j started[/] (pid {pid}); Bolt answered after {seconds:.1f} s.")
    console.print(f"  Bolt:    bolt://127.0.0.1:{settings.neo4j_bolt_port}")
    console.print(f"  Browser: http://127.0.0.1:{settings.neo4j_http_port}/browser/")


@app.command()
def start() -> None:
    """Start the server in the background and wait until Bolt answers (installs first if needed)."""
    ensure_running(get_settings())


@app.command()
def stop() -> None:
    """Stop the server cleanly: SIGTERM, then wait for the JVM to exit."""
    settings = get_settings()
    if _external_notice(settings):
        return
    with console.status("Stopping Neo4j"):
        was_running, clean = server.stop(settings)
    if not was_running:
        console.print("Neo4j is not running; nothing to do.")
    elif clean:
        console.print("[green]Neo4j stopped.[/]")
    else:
        raise C360Error("Neo4j ignored SIGTERM for 60 s and was killed; check the log for why.")


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Running or stopped, version, ports, home and data folder."""
    settings = get_settings()
    if not settings.uses_local_neo4j:
        _external_notice(settings)
        return
    st = server.status(settings)
    if as_json:
        doc = {k: (str(v) if k in ("home", "data_dir") else v) for k, v in vars(st).items()}
        console.print_json(json.dumps(doc))
        return
    table = Table(show_header=False, box=None)
    table.add_row("state", "[green]running[/]" if st.running else "[yellow]stopped[/]")
    table.add_row("version", f"Neo4j {st.version} Community" + ("" if st.installed else " (not installed)"))
    if st.pid is not None:
        table.add_row("pid", str(st.pid))
        table.add_row("memory", f"{st.rss_mib:.0f} MiB resident" if st.rss_mib else "?")
    table.add_row("bolt", st.bolt_uri)
    table.add_row("http", st.http_url)
    table.add_row("browser", f"{st.http_url}browser/")
    table.add_row("home", str(st.home))
    table.add_row("data", str(st.data_dir))
    console.print(table)


@app.command()
def logs(
    lines: Annotated[int, typer.Option("-n", "--lines", help="How many lines to show.")] = 50,
    follow_log: Annotated[bool, typer.Option("-f", "--follow", help="Keep printing new lines.")] = False,
) -> None:
    """Show the end of the server log (Neo4j's user log, written to console.log)."""
    home = Neo4jHome(get_settings().neo4j_home)
    console.print(server.log_tail(home.console_log, lines), highlight=False, markup=False)
    if follow_log:
        with contextlib.suppress(KeyboardInterrupt):
            server.follow(home.console_log, lambda line: console.print(line, highlight=False, markup=False))
