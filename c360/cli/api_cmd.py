"""`c360 serve` and `c360 api key|schema|audit`: the GraphQL API. Thin: parse, call, print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from neo4j.exceptions import AuthError, ServiceUnavailable
from rich.table import Table

from api import audit, keys
from api.principal import Role
from api.schema.build import sdl
from c360.bootstrap import neo4j_driver
from c360.cli.console import console
from c360.cli.database import migrated_engine
from c360.errors import C360Error
from c360.net import ensure_port_free
from c360.settings import Settings, get_settings

app = typer.Typer(help="The GraphQL API: keys, the committed schema, the audit trail.", no_args_is_help=True)
key_app = typer.Typer(help="API keys: create, list, revoke.", no_args_is_help=True)
app.add_typer(key_app, name="key")

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "api" / "schema.graphql"


def serve(
    host: Annotated[
        str | None, typer.Option(help="Interface to listen on (default API_HOST, loopback).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default API_PORT).")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default API_WORKERS).")] = None,
) -> None:
    """Serve the GraphQL Customer 360 with uvicorn (GraphiQL too, in development mode)."""
    settings = get_settings()
    with migrated_engine():
        pass  # fail now, clearly, rather than on the first request
    try:
        with neo4j_driver(settings) as driver:
            driver.verify_connectivity()
    except (ServiceUnavailable, AuthError, OSError) as exc:
        # Serve anyway: /health says 503 until Neo4j answers, which is what an orchestrator expects.
        console.print(
            f"[yellow]warning:[/] Neo4j at {settings.effective_neo4j_uri} does not answer ({exc}); "
            "queries fail until it does (`c360 neo4j start`)."
        )
    run_server(settings, host, port, workers)


def run_server(settings: Settings, host: str | None, port: int | None, workers: int | None) -> None:
    """uvicorn on the API, once the database and Neo4j are known to be there (`serve` checks; the
    demo has just used both)."""
    host, port = host or settings.api_host, port or settings.api_port
    ensure_port_free(port, "the API", "API_PORT")
    mode = settings.api_mode
    console.print(
        f"Serving the Customer 360 API on http://{host}:{port}/graphql ({mode} mode, "
        f"{settings.api_auth} authentication)"
    )
    if mode == "development":
        console.print(
            f"  GraphiQL: http://{host}:{port}/graphql (set the header Authorization: Bearer <key>)"
        )
    uvicorn.run(
        "api.main:app",
        factory=True,
        host=host,
        port=port,
        workers=workers or settings.api_workers,
        log_level="info",
        proxy_headers=False,
    )


@key_app.command("create")
def key_create(
    name: Annotated[str, typer.Option(help="Who or what uses the key (kept in the audit trail).")],
    role: Annotated[Role, typer.Option(help="What the key may see.")],
) -> None:
    """Create a key. It is printed once and never stored: keep it in a secret store."""
    with migrated_engine() as engine:
        info, key = keys.create(engine, name, role)
    console.print(f"API key {info.key_id} for {info.name} ({info.role.value}):")
    print(key)


@key_app.command("list")
def key_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every key: ID, name, role, created, revoked. Never the key itself."""
    with migrated_engine() as engine:
        found = keys.listing(engine)
    if as_json:
        print(
            json.dumps(
                [
                    {
                        "key_id": k.key_id,
                        "name": k.name,
                        "role": k.role.value,
                        "created_at": k.created_at,
                        "revoked_at": k.revoked_at,
                    }
                    for k in found
                ],
                default=str,
                indent=2,
            )
        )
        return
    table = Table("key id", "name", "role", "created", "revoked")
    for k in found:
        table.add_row(
            k.key_id,
            k.name,
            k.role.value,
            f"{k.created_at:%Y-%m-%d %H:%M}",
            f"{k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else "",
        )
    console.print(table)


@key_app.command("revoke")
def key_revoke(key_id: Annotated[str, typer.Argument(help="The key ID from `c360 api key list`.")]) -> None:
    """Revoke a key; servers stop accepting it within API_KEY_CACHE_SECONDS."""
    with migrated_engine() as engine:
        keys.revoke(engine, key_id)
    console.print(f"Revoked {key_id}.")


@app.command("schema")
def schema(
    check: Annotated[bool, typer.Option("--check", help="Exit 1 if api/schema.graphql differs.")] = False,
) -> None:
    """Write the live schema to api/schema.graphql (or check that it is up to date)."""
    live = sdl()
    if check:
        if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text(encoding="utf-8") != live:
            raise C360Error(f"{SCHEMA_FILE} differs from the live schema", hint="run `c360 api schema`")
        console.print(f"{SCHEMA_FILE} is up to date.")
        return
    SCHEMA_FILE.write_text(live, encoding="utf-8")
    console.print(f"Wrote {SCHEMA_FILE}.")


@app.command("audit")
def audit_cmd(
    principal: Annotated[str | None, typer.Option(help="Only this caller.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The newest audit records: who read which customers, when."""
    with migrated_engine() as engine:
        rows = audit.read(engine, principal=principal, limit=limit)
    if as_json:
        print(json.dumps(rows, default=str, indent=2))
        return
    table = Table("at (UTC)", "principal", "role", "operation", "customers")
    for r in rows:
        ids = r["customer_ids"]
        assert isinstance(ids, list)
        shown = ", ".join(ids[:5]) + (f" … (+{len(ids) - 5})" if len(ids) > 5 else "")
        table.add_row(
            f"{r['at']:%Y-%m-%d %H:%M:%S}", str(r["principal"]), str(r["role"]), str(r["operation"]), shown
        )
    console.print(table)
