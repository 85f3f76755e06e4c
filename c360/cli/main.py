"""`c360`: the command line. Thin: parse, call one service function, print."""

from __future__ import annotations

import typer
from pydantic import ValidationError

from c360.cli import db_cmd, demo, generate_cmd, neo4j_cmd, postgres_cmd
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
app.command("demo")(demo.demo)
app.command("generate")(generate_cmd.generate)


def run() -> None:
    """Console-script entry point: expected errors become a message and a non-zero exit."""
    try:
        app()
    except C360Error as exc:
        fail(exc)
    except ValidationError as exc:
        fail(C360Error("Invalid settings (environment or .env).", detail=str(exc)))
