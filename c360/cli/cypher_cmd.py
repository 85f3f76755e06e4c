"""`c360 cypher list | run`: the analyst query library (`cypher/library/`) from the terminal."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from c360.bootstrap import neo4j_driver
from c360.cli.console import console
from c360.errors import C360Error
from c360.settings import get_settings
from cypher import catalog
from cypher.runner import run as run_query

app = typer.Typer(help="The analyst query library: list it, run a query read-only.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


@app.command("list")
def list_queries(as_json: JsonOpt = False) -> None:
    """Every library query with its purpose, parameters (with an example) and result columns."""
    queries = catalog.library().values()
    if as_json:
        print(json.dumps([_describe(q) for q in queries], indent=2, ensure_ascii=False))
        return
    table = Table(title="Cypher library (cypher/library/)", show_lines=True)
    for col in ("name", "purpose", "parameters (example)", "columns"):
        table.add_column(col, overflow="fold")
    for q in queries:
        params = "\n".join(
            f"{p.name}: {p.type} = {json.dumps(p.example, ensure_ascii=False)}" for p in q.params
        )
        columns = "\n".join(f"{c.name}: {c.type}" for c in q.columns)
        table.add_row(q.name, escape(q.purpose), escape(params), escape(columns))
    console.print(table)
    console.print("Run one with `c360 cypher run NAME --param name=value ...` (lists: comma-separated).")


@app.command("run")
def run(
    name: Annotated[str, typer.Argument(help="A library query, as `c360 cypher list` names it.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="name=value; repeat for each parameter. Lists: a,b,c."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run one library query in a read transaction and print its rows."""
    try:
        query = catalog.get(name)
    except catalog.UnknownLibraryQueryError:
        raise C360Error(
            f"No library query named {name!r}.",
            hint=f"Known: {', '.join(catalog.library())}. See `c360 cypher list`.",
        ) from None
    try:
        params = query.bind(_pairs(param or []))
    except catalog.ParamError as exc:
        raise C360Error(
            str(exc), hint="Each parameter is --param name=value; see `c360 cypher list`."
        ) from None
    settings = get_settings()
    with neo4j_driver(settings) as driver:
        result = run_query(driver, settings.neo4j_database, query, params)
    rows = result.plain_rows()
    if as_json:
        print(json.dumps({"query": name, "columns": result.columns, "rows": rows}, indent=2,
                         ensure_ascii=False))  # fmt: skip
        return
    table = Table(title=f"{name} ({len(rows)} rows)")
    for col in result.columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(escape(_cell(row[c])) for c in result.columns))
    console.print(table)


def _pairs(items: list[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise C360Error(f"--param {item!r} is not name=value.", hint="For example: --param limit=10")
        if key in pairs:
            raise C360Error(f"--param {key} is given twice.")
        pairs[key] = value
    return pairs


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _describe(q: catalog.LibraryQuery) -> dict[str, Any]:
    return {
        "name": q.name,
        "purpose": q.purpose,
        "params": [
            {"name": p.name, "type": p.type, "example": p.example, "description": p.description}
            for p in q.params
        ],
        "columns": [{"name": c.name, "type": c.type, "description": c.description} for c in q.columns],
    }
