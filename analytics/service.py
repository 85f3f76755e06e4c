"""What the CLI (and later the API) calls besides a detection run: decisions and reports."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import neo4j
from sqlalchemy import Engine

from analytics import evidence, identifier_graph, store
from analytics.decisions import Decision
from analytics.model import FraudRing, Identifier
from analytics.report import render
from analytics.report.model import RingPicture
from c360.errors import C360Error
from c360.settings import Settings
from relational.models import utcnow


def decide(engine: Engine, ring_id: str, decision: str, note: str, by: str) -> Decision:
    """Record a decision on a ring of the latest run, with the members it was made on."""
    run = store.load_run(engine)
    ring = next((g for g in run.groups if g.kind == "ring" and g.id == ring_id), None) if run else None
    if ring is None:
        raise C360Error(f"no ring {ring_id!r} in the latest run", hint="see `c360 rings report`")
    made = Decision(ring_id, decision, note, by, utcnow(), ring.members)
    store.add_decision(engine, made)
    return made


def pictures(driver: neo4j.Driver, database: str, run: store.StoredRun) -> dict[str, RingPicture]:
    """Per ring: who uses which shared identifier, and money between members (by customer)."""
    rings = [g for g in run.groups if g.kind == "ring"]
    hubs = {(h["kind"], h["key"]) for h in run.summary.get("hubs", [])}
    links = identifier_graph.fetch_links(driver, database, sorted({m for g in rings for m in g.members}))
    users: dict[str, dict[Identifier, set[str]]] = {}
    ring_of = {m: g.id for g in rings for m in g.members}
    for cid, kind, key in links:
        if (kind, key) not in hubs:
            users.setdefault(ring_of[cid], defaultdict(set))[(kind, key)].add(cid)
    shells = [FraudRing(g.id, g.members, {}) for g in rings]
    evidence.collect(driver, database, shells, timedelta(hours=24))
    out = {}
    for shell in shells:
        shared = {i: frozenset(m) for i, m in users.get(shell.id, {}).items() if len(m) >= 2}
        money: dict[tuple[str, str], int] = defaultdict(int)
        for a, b, _count, total in shell.transfers:
            src, dst = shell.accounts.get(a), shell.accounts.get(b)
            if src and dst and src != dst:
                money[(src, dst)] += total
        out[shell.id] = RingPicture(shell.members, shared, dict(money))
    return out


def write_report(
    settings: Settings, engine: Engine, driver: neo4j.Driver, fmt: str, out: Path | None
) -> Path:
    run = store.load_run(engine)
    if run is None:
        raise C360Error("no detection run yet", hint="run `c360 rings detect` first")
    path = out or settings.home / "reports" / f"rings-run{run.run_id}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        text = render.html(run, pictures(driver, settings.neo4j_database, run))
    elif fmt == "csv":
        text = render.csv_text(run)
    else:
        text = render.json_text(run)
    path.write_text(text, encoding="utf-8")
    return path
