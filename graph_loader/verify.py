"""Prove the graph is a faithful projection: counts per label and relationship type against the
source, and a random sample of entities compared property by property."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import neo4j
from sqlalchemy import Engine, func, select

from cypher import text
from graph_loader import cut, expected, pending
from graph_loader.sources import by_name

#: (source table, label's sample query) for the property comparison.
SAMPLED = (
    ("customers", "verify/sample_customers"),
    ("accounts", "verify/sample_accounts"),
    ("devices", "verify/sample_devices"),
    ("transactions", "verify/sample_transactions"),
)


@dataclass
class Difference:
    kind: str  # "node count", "relationship count", "property", "missing node"
    name: str
    expected: Any
    actual: Any

    def describe(self) -> str:
        return f"{self.kind} {self.name}: source says {self.expected!r}, graph has {self.actual!r}"


@dataclass
class VerifyReport:
    nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    relationships: dict[str, tuple[int, int]] = field(default_factory=dict)
    sampled: int = 0
    differences: list[Difference] = field(default_factory=list)
    #: Source rows waiting for a parent (graph_loader.pending): id, waits_for, seconds waited.
    pending: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "nodes": {k: {"expected": e, "actual": a} for k, (e, a) in self.nodes.items()},
            "relationships": {k: {"expected": e, "actual": a} for k, (e, a) in self.relationships.items()},
            "sampled_entities": self.sampled,
            "pending": self.pending,
            "differences": [vars(d) | {"text": d.describe()} for d in self.differences],
        }


def _native(v: Any) -> Any:
    return v.to_native() if hasattr(v, "to_native") else v


def _graph_counts(driver: neo4j.Driver, database: str) -> tuple[dict[str, int], dict[str, int]]:
    records, _, _ = driver.execute_query(
        text("verify/graph_counts"), database_=database, routing_=neo4j.RoutingControl.READ
    )
    row = records[0]
    nodes = {n["label"]: int(n["count"]) for n in row["nodes"]}
    rels = {r["type"]: int(r["count"]) for r in row["relationships"]}
    return nodes, rels


def _compare_sample(
    engine: Engine, driver: neo4j.Driver, database: str, table: str, query: str, size: int
) -> tuple[int, list[Difference]]:
    source = by_name(table)
    key = source.key_columns[0]
    t = source.table
    with engine.connect() as conn:
        stmt = select(t).where(t.c.deleted_at.is_(None)).order_by(func.random()).limit(size)
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
    if not rows:
        return 0, []
    records, _, _ = driver.execute_query(
        text(query), keys=[r[key] for r in rows], database_=database, routing_=neo4j.RoutingControl.READ
    )
    stored = {r["key"]: {k: _native(v) for k, v in r["props"].items()} for r in records}
    diffs: list[Difference] = []
    for r in rows:
        want = source.row(r)["props"]
        have = stored.get(r[key])
        if have is None:
            diffs.append(Difference("missing node", f"{t.name}:{r[key]}", "present", "absent"))
            continue
        for prop, value in want.items():
            if have.get(prop) != value:
                diffs.append(Difference("property", f"{t.name}:{r[key]}.{prop}", value, have.get(prop)))
    return len(rows), diffs


def counts_match(engine: Engine, driver: neo4j.Driver, database: str) -> list[Difference]:
    """The cheap half of `verify`: counts per label and type from the source against Neo4j's
    count store, and no row pending. What analytics checks before it reads the graph."""
    with cut.snapshot(engine) as (conn, _cut):
        want_nodes, want_rels = expected.count_all(conn)
    have_nodes, have_rels = _graph_counts(driver, database)
    diffs = [
        Difference(kind, name, n, have.get(name, 0))
        for kind, want, have in (
            ("node count", want_nodes, have_nodes),
            ("relationship count", want_rels, have_rels),
        )
        for name, n in want.items()
        if n != have.get(name, 0)
    ]
    waiting = pending.count(driver, database)
    if waiting:
        diffs.append(Difference("pending rows", "SyncPending", 0, waiting))
    return diffs


def verify(
    engine: Engine,
    driver: neo4j.Driver,
    database: str,
    *,
    sample: int = 200,
    pending_alert: timedelta = timedelta(seconds=300),
) -> VerifyReport:
    report = VerifyReport()
    with cut.snapshot(engine) as (conn, _cut):  # every count from the same state of the source
        want_nodes, want_rels = expected.count_all(conn)
    have_nodes, have_rels = _graph_counts(driver, database)
    for kind, want, have, out in (
        ("node count", want_nodes, have_nodes, report.nodes),
        ("relationship count", want_rels, have_rels, report.relationships),
    ):
        for name, n in want.items():
            out[name] = (n, have.get(name, 0))
            if n != have.get(name, 0):
                report.differences.append(Difference(kind, name, n, have.get(name, 0)))
    for table, query in SAMPLED:
        n, diffs = _compare_sample(engine, driver, database, table, query, sample)
        report.sampled += n
        report.differences.extend(diffs)
    _check_pending(driver, database, pending_alert, report)
    return report


def _check_pending(driver: neo4j.Driver, database: str, alert: timedelta, report: VerifyReport) -> None:
    """Rows waiting for a parent are listed; one that has waited longer than `alert` is a
    difference: its parent should have come by now (SYNC_PENDING_ALERT_SECONDS)."""
    now = datetime.now(UTC)
    for w in pending.read_all(driver, database):
        waited = (now - w.since).total_seconds()
        report.pending.append(
            {"id": w.id, "source": w.source, "key": w.key, "waits_for": w.waits_for,
             "seconds": round(waited, 1), "tries": w.tries}
        )  # fmt: skip
        if waited > alert.total_seconds():
            report.differences.append(
                Difference("pending row", w.id, f"in the graph within {alert.total_seconds():.0f} s",
                           f"waiting {waited:.0f} s for {', '.join(w.waits_for)}")
            )  # fmt: skip
