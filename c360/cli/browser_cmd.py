"""`c360 browser guide`: serve the Neo4j Browser guide and style, and say how to open them."""

from __future__ import annotations

from typing import Annotated

import typer

from c360.browser import guide as browser_guide
from c360.browser import serve
from c360.cli.console import console
from c360.errors import C360Error
from c360.net import ensure_port_free
from c360.settings import get_settings

app = typer.Typer(help="Neo4j Browser: the guide to the graph and the query library.", no_args_is_help=True)


@app.command()
def guide(
    port: Annotated[
        int, typer.Option(help="Loopback port to serve docs/browser/ on.", min=1, max=65535)
    ] = 8765,
    write: Annotated[
        bool, typer.Option("--write", help="Only regenerate docs/browser/guide.html from the library.")
    ] = False,
) -> None:
    """Serve docs/browser/ on loopback until Ctrl+C, and print the `:play` command for Browser."""
    if write:
        browser_guide.GUIDE_FILE.write_text(browser_guide.render(), encoding="utf-8")
        console.print(f"Wrote {browser_guide.GUIDE_FILE}.")
        return
    if not (serve.DOCS_DIR / "guide.html").is_file():
        raise C360Error(f"No guide at {serve.DOCS_DIR}.", hint="Run this from a checkout of the project.")
    ensure_port_free(port, "the Browser guide server", "--port")
    settings = get_settings()
    server = serve.make_server(port, serve.browser_origins(settings.neo4j_http_port))
    console.print(f"Serving {serve.DOCS_DIR} on http://127.0.0.1:{port}/ (Ctrl+C stops it).")
    console.print(f"Open Neo4j Browser at http://127.0.0.1:{settings.neo4j_http_port}/browser/ and run:")
    console.print(f"\n  [bold]{serve.play_command(server)}[/]\n", highlight=False)
    console.print(
        f"Style: {serve.style_command(server)} (or drag {serve.DOCS_DIR / 'style.grass'} onto Browser)"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
