"""`c360 evaluate`: the latest detection run scored against the planted truth."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from analytics import evaluation, store
from c360.cli.console import console
from c360.cli.database import migrated_engine
from c360.errors import C360Error


def _row(name: str, s: dict[str, Any]) -> list[str]:
    p, b = s["pairwise"], s["bcubed"]
    return [name, str(s["planted"]), str(s["found"]), str(s["exact"]),
            *(f"{p[k]:.3f}" for k in ("precision", "recall", "f1")),
            *(f"{b[k]:.3f}" for k in ("precision", "recall", "f1"))]  # fmt: skip


def evaluate(
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Precision, recall and F1 (pairwise and B-cubed) of the latest `c360 rings detect` run."""
    with migrated_engine() as engine:
        run = store.load_run(engine)
        if run is None:
            raise C360Error("no detection run yet", hint="run `c360 rings detect` first")
        figures = evaluation.evaluate(engine, run)
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    table = Table(title=f"run {figures['run_id']} ({figures['engine']}) against the planted truth")
    for col in ("group", "planted", "found", "exact", "pair P", "pair R", "pair F1", "B3 P", "B3 R", "B3 F1"):
        table.add_column(col, justify="left" if col == "group" else "right")
    table.add_row(*_row("rings", figures["rings"]))
    table.add_row(*_row("households", figures["households"]))
    for shape in ("star", "chain", "mesh"):
        table.add_row(*_row(f"  {shape} rings", figures["by_shape"][shape]))
    console.print(table)
    console.print(f"found rings matching no planted ring: {figures['by_shape']['none']['false_rings']}")
    conf = Table(title="confounders")
    for col in ("kind", "planted", "handled"):
        conf.add_column(col, justify="left" if col == "kind" else "right")
    for kind, c in figures["confounders"].items():
        conf.add_row(kind, str(c.get("planted", 0)), str(c.get("handled", 0)))
    console.print(conf)
    hubs = Table(title="planted hubs")
    for col in ("kind", "planted", "suppressed", "missed", "not an identifier"):
        hubs.add_column(col, justify="left" if col == "kind" else "right")
    for kind, c in figures["hubs"].items():
        hubs.add_row(
            kind, *(str(c.get(k, 0)) for k in ("planted", "suppressed", "missed", "not_an_identifier"))
        )
    console.print(hubs)
    if figures["other_hubs_found"]:
        console.print("other hubs found: " + "; ".join(figures["other_hubs_found"]))
