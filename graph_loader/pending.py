"""Source rows that wait for a parent: never written as a silent no-op, never skipped.

A row refers to parents (a usage row to its customer and device, a transaction to its accounts).
When a page is written, one query in the same transaction finds which of those parents the
graph lacks. A row that names a missing parent is still written as far as it can be (its node,
its other links), and it is kept as (:SyncPending {source, key, waits_for}) in that same
transaction, next to the watermark that passes it. So the watermark never hides it.

The next cycle, inside its snapshot, looks at every pending row:
- a parent that is live in the source but not in the graph is read again from its own table in
  this cycle (parents first), which brings it in;
- a parent that is soft-deleted, or absent from the source, can never come: the link is rightly
  absent (a relationship exists only between live ends), so the row no longer waits for it;
- the row itself is read again by its key and written; whatever it still waits for keeps it
  pending, and `since` keeps its first moment, for `c360 graph verify`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import neo4j

from cypher import text

Row = Mapping[str, Any]

#: Parent label -> (source table, key column, parameter name in sync/missing_parents).
PARENTS: dict[str, tuple[str, str, str]] = {
    "Customer": ("customers", "customer_id", "customers"),
    "Device": ("devices", "device_id", "devices"),
    "Account": ("accounts", "account_no", "accounts"),
    "Merchant": ("merchants", "merchant_id", "merchants"),
    "Transaction": ("transactions", "txn_id", "transactions"),
}


def row_id(source: str, key: Sequence[Any]) -> str:
    return f"{source}|{json.dumps(list(key), default=str)}"


def ref_text(label: str, key: Any) -> str:
    return f"{label}:{key}"


def parse_ref(ref: str) -> tuple[str, str]:
    label, _, key = ref.partition(":")
    return label, key


@dataclass
class Check:
    """What a page's rows refer to, for the missing-parents query in its write transaction."""

    source: str
    #: (pending id, JSON key, [(label, parent key)]) per row that refers to any parent.
    rows: list[tuple[str, str, list[tuple[str, Any]]]] = field(default_factory=list)
    #: Parents known to be gone from the source: a row does not wait for them.
    gone: set[tuple[str, Any]] = field(default_factory=set)
    #: Pending ids this page resolves unless a row still waits: rows read again for a retry, or
    #: rows of this page that were pending before.
    clears: list[str] = field(default_factory=list)

    def params(self) -> dict[str, list[Any]]:
        keys: dict[str, set[Any]] = {param: set() for _t, _k, param in PARENTS.values()}
        for _id, _key, refs in self.rows:
            for label, parent in refs:
                keys[PARENTS[label][2]].add(parent)
        return {param: sorted(v, key=str) for param, v in keys.items()}


def check_for(
    source: str,
    refs: Sequence[tuple[str, str]],
    key_columns: Sequence[str],
    rows: Sequence[Row],
    known: set[str],
) -> Check | None:
    """The check for live `rows` of `source`, or None when they refer to nothing. `known` holds
    the pending ids read at the cycle's start: those of this page are cleared once written."""
    check = Check(source)
    for r in rows:
        key = [r[k] for k in key_columns]
        pid = row_id(source, key)
        if pid in known:
            check.clears.append(pid)
        if r["deleted_at"] is not None:
            continue
        parents = [(label, r[col]) for col, label in refs if r[col] is not None]
        if parents:
            check.rows.append((pid, json.dumps(key, default=str), parents))
    return check if check.rows or check.clears else None


def run(
    tx: neo4j.ManagedTransaction,
    check: Check,
    gone_now: Callable[[set[tuple[str, Any]]], set[tuple[str, Any]]],
) -> int:
    """Find the missing parents, keep the rows that wait, forget the rows that no longer do.
    `gone_now` tells which missing parents the source no longer has live (asked only when some
    are missing). Returns how many rows of the page wait."""
    waiting: list[dict[str, Any]] = []
    if check.rows:
        record = tx.run(text("sync/missing_parents"), check.params()).single(strict=True)
        missing = {(label, k) for label, (_t, _c, param) in PARENTS.items() for k in record[param]}
        missing -= check.gone
        if missing:
            missing -= gone_now(missing)
        for pid, key, refs in check.rows:
            waits = [ref_text(label, k) for label, k in refs if (label, k) in missing]
            if waits:
                waiting.append({"id": pid, "source": check.source, "key": key, "waits_for": waits})
    still = {w["id"] for w in waiting}
    resolved = [pid for pid in check.clears if pid not in still]
    if resolved:
        tx.run(text("sync/clear_pending"), ids=resolved).consume()
    if waiting:
        tx.run(text("sync/set_pending"), rows=waiting).consume()
    return len(waiting)


@dataclass(frozen=True)
class Waiting:
    id: str
    source: str
    key: list[Any]
    waits_for: list[str]
    since: datetime
    tries: int


def read_all(driver: neo4j.Driver, database: str) -> list[Waiting]:
    records, _, _ = driver.execute_query(
        text("sync/get_pending"), database_=database, routing_=neo4j.RoutingControl.READ
    )
    out = []
    for r in records:
        since = r["since"]
        out.append(
            Waiting(
                id=r["id"],
                source=r["source"],
                key=json.loads(r["key"]),
                waits_for=list(r["waits_for"] or []),
                since=since.to_native() if hasattr(since, "to_native") else since,
                tries=int(r["tries"] or 0),
            )
        )
    return out


def by_source(items: Sequence[Waiting]) -> dict[str, list[Waiting]]:
    grouped: dict[str, list[Waiting]] = defaultdict(list)
    for w in items:
        grouped[w.source].append(w)
    return grouped


def count(driver: neo4j.Driver, database: str) -> int:
    records, _, _ = driver.execute_query(
        text("sync/count_pending"), database_=database, routing_=neo4j.RoutingControl.READ
    )
    return int(records[0]["n"])
