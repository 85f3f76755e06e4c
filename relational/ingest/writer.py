"""Writing validated rows: insert what is new, update what changed, leave the rest untouched.

Idempotent on the business key: a row equal to the stored one is not written at all, so a re-run
neither adds rows nor moves `updated_at` (the sync watermark).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, insert, select, tuple_, update

from relational.ingest.kinds import Kind
from relational.ingest.records import Row
from relational.ingest.references import CHUNK


@dataclass
class WriteCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def _existing(
    conn: Connection, kind: Kind, keys: list[tuple[Any, ...]]
) -> dict[tuple[Any, ...], dict[str, Any]]:
    table = kind.table
    key_columns = [table.c[k] for k in kind.key]
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        if len(key_columns) == 1:
            condition = key_columns[0].in_([k[0] for k in chunk])
        else:
            condition = tuple_(*key_columns).in_(chunk)
        for record in conn.execute(select(table).where(condition)).mappings():
            found[tuple(record[k] for k in kind.key)] = dict(record)
    return found


def _same(stored: Any, new: Any) -> bool:
    # Decimal('100.00') == Decimal('100'), and bool/int/str/date compare as values.
    return bool(stored == new)


def upsert(conn: Connection, kind: Kind, rows: list[Row], now: datetime) -> WriteCounts:
    counts = WriteCounts()
    existing = _existing(conn, kind, [row.key for row in rows])
    defaults = {spec.target: spec.default for spec in kind.fields if spec.default is not None}
    inserts: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    updates: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        stored = existing.get(row.key)
        if stored is None:
            values = {**defaults, **row.columns, "created_at": now, "updated_at": now}
            inserts[frozenset(values)].append(values)
            counts.inserted += 1
            continue
        changed = {c: v for c, v in row.columns.items() if c not in kind.key and not _same(stored[c], v)}
        if stored["deleted_at"] is not None:
            changed["deleted_at"] = None  # the source lists it again: it is back
        if not changed:
            counts.unchanged += 1
            continue
        changed["updated_at"] = now
        params = {f"v_{c}": v for c, v in changed.items()} | {
            f"k_{k}": v for k, v in zip(kind.key, row.key, strict=True)
        }
        updates[frozenset(changed)].append(params)
        counts.updated += 1
    table = kind.table
    # executemany needs one set of columns per statement, hence the grouping.
    for batch in inserts.values():
        conn.execute(insert(table), batch)
    for columns, batch_params in updates.items():
        statement = (
            update(table)
            .where(and_(*(table.c[k] == bindparam(f"k_{k}") for k in kind.key)))
            .values({c: bindparam(f"v_{c}") for c in sorted(columns)})
        )
        conn.execute(statement, batch_params)
    return counts
