"""`c360`: the command line. Thin: parse, call one service function, print."""

from __future__ import annotations

import logging

import typer
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

from c360.cli import (
    api_cmd,
    browser_cmd,
    cypher_cmd,
    db_cmd,
    demo,
    dq_cmd,
    evaluate_cmd,
    generate_cmd,
    graph_cmd,
    ingest_cmd,
    neo4j_cmd,
    postgres_cmd,
    reset_cmd,
    rings_cmd,
    risk_cmd,
)
from c360.cli.console import fail
from c360.errors import C360Error

app = typer.Typer(
    name="c360",
    help="Customer Graph 360: a bank's customers as a graph: fraud rings, households, Customer 360.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(neo4j_cmd.app, name="neo4j")
app.add_typer(postgres_cmd.app, name="postgres")
app.add_typer(db_cmd.app, name="db")
app.add_typer(graph_cmd.app, name="graph")
app.add_typer(risk_cmd.app, name="risk")
app.add_typer(cypher_cmd.app, name="cypher")
app.add_typer(browser_cmd.app, name="browser")
app.add_typer(rings_cmd.app, name="rings")
app.add_typer(api_cmd.app, name="api")
app.command("serve")(api_cmd.serve)
app.command("demo")(demo.demo)
app.command("generate")(generate_cmd.generate)
app.command("ingest")(ingest_cmd.ingest)
app.command("dq")(dq_cmd.dq)
app.command("evaluate")(evaluate_cmd.evaluate)
app.command("reset")(reset_cmd.reset)


def run() -> None:
    """Console-script entry point: expected errors become a message and a non-zero exit."""
    # The server's notices (a label not yet in the graph, a deprecation) are for query authors,
    # not for someone running a command; PROFILE and the query log still show them.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    try:
        app()
    except C360Error as exc:
        fail(exc)
    except ValidationError as exc:
        fail(C360Error("Invalid settings (environment or .env).", detail=str(exc)))
    except (ServiceUnavailable, SessionExpired) as exc:
        fail(C360Error(f"Neo4j is not reachable: {exc}",
                       hint="Start it with `c360 neo4j start`, or check NEO4J_URI."))  # fmt: skip
    except AuthError as exc:
        fail(C360Error(f"Neo4j refused the credentials: {exc}", hint="Check NEO4J_USER and NEO4J_PASSWORD."))
    except OperationalError as exc:
        fail(C360Error(f"The relational database is not reachable: {exc.orig}", hint="Check DATABASE_URL."))
