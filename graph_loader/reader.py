"""Read a source table in pages, in (updated_at, primary key) order, after a watermark.

Keyset paging (not OFFSET) keeps every page an index range scan, so memory and time per page stay
flat however large the table is, and the last row of a page is exactly the next watermark.
Every read goes through the caller's connection: a sync cycle reads all its tables in one
snapshot (`graph_loader.cut`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, and_, func, or_, select, tuple_


@dataclass(frozen=True)
class Watermark:
    """Where the next read starts. With a key: after the row (updated_at, key), exclusive. Without
    one: every row with updated_at >= updated_at, inclusive (a cut's bound, or a rewound mark)."""

    updated_at: datetime
    key: tuple[Any, ...]


def _after(table: Table, key_columns: Sequence[str], mark: Watermark | None) -> ColumnElement[bool]:
    if mark is None:
        return and_(True)
    if not mark.key:
        return table.c.updated_at >= mark.updated_at
    # (updated_at, k1, k2) > (w, v1, v2), spelt out: row-value comparison is not on every backend.
    vals = [mark.updated_at, *mark.key]
    cols = [table.c.updated_at, *(table.c[k] for k in key_columns)]
    clauses = [and_(*(cols[j] == vals[j] for j in range(i)), cols[i] > vals[i]) for i in range(len(cols))]
    return or_(*clauses)


def count_after(conn: Connection, table: Table, key_columns: Sequence[str], mark: Watermark | None) -> int:
    n: int = conn.execute(
        select(func.count()).select_from(table).where(_after(table, key_columns, mark))
    ).scalar_one()
    return n


def pages(
    conn: Connection, table: Table, key_columns: Sequence[str], mark: Watermark | None, size: int
) -> Iterator[list[Mapping[str, Any]]]:
    """Yield pages of rows (as mappings) after `mark`, including soft-deleted ones."""
    order = [table.c.updated_at, *(table.c[k] for k in key_columns)]
    while True:
        stmt = select(table).where(_after(table, key_columns, mark)).order_by(*order).limit(size)
        rows: list[Mapping[str, Any]] = [dict(r) for r in conn.execute(stmt).mappings()]
        if not rows:
            return
        yield rows
        last = rows[-1]
        mark = Watermark(last["updated_at"], tuple(last[k] for k in key_columns))
        if len(rows) < size:
            return


#: Keys per IN list: well under SQLite's limit of 32766 bound parameters.
_CHUNK = 2000


def by_keys(
    conn: Connection, table: Table, key_columns: Sequence[str], keys: Sequence[Sequence[Any]]
) -> list[Mapping[str, Any]]:
    """The rows with these primary keys (live or soft-deleted), in (updated_at, key) order."""
    cols = [table.c[k] for k in key_columns]
    rows: list[Mapping[str, Any]] = []
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        where = cols[0].in_([k[0] for k in chunk]) if len(cols) == 1 else tuple_(*cols).in_(chunk)
        rows.extend(dict(r) for r in conn.execute(select(table).where(where)).mappings())
    rows.sort(key=lambda r: (r["updated_at"], *(r[k] for k in key_columns)))
    return rows


def live_keys(conn: Connection, table: Table, key_column: str, keys: Sequence[Any]) -> set[Any]:
    """Which of `keys` are live rows of `table` (present, not soft-deleted)."""
    col = table.c[key_column]
    found: set[Any] = set()
    for i in range(0, len(keys), _CHUNK):
        stmt = select(col).where(col.in_(keys[i : i + _CHUNK]), table.c.deleted_at.is_(None))
        found.update(conn.execute(stmt).scalars())
    return found
