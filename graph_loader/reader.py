"""Read a source table in pages, in (updated_at, primary key) order, after a watermark.

Keyset paging (not OFFSET) keeps every page an index range scan, so memory and time per page stay
flat however large the table is, and the last row of a page is exactly the next watermark.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, Table, and_, func, or_, select


@dataclass(frozen=True)
class Watermark:
    updated_at: datetime
    key: tuple[Any, ...]


def _after(table: Table, key_columns: Sequence[str], mark: Watermark | None) -> ColumnElement[bool]:
    if mark is None:
        return and_(True)
    # (updated_at, k1, k2) > (w, v1, v2), spelt out: row-value comparison is not on every backend.
    vals = [mark.updated_at, *mark.key]
    # A watermark without a key (a rewound one) compares on updated_at alone.
    cols = [table.c.updated_at, *(table.c[k] for k in key_columns)][: len(vals)]
    clauses = [and_(*(cols[j] == vals[j] for j in range(i)), cols[i] > vals[i]) for i in range(len(cols))]
    return or_(*clauses)


def count_after(engine: Engine, table: Table, key_columns: Sequence[str], mark: Watermark | None) -> int:
    with engine.connect() as conn:
        n: int = conn.execute(
            select(func.count()).select_from(table).where(_after(table, key_columns, mark))
        ).scalar_one()
        return n


def pages(
    engine: Engine, table: Table, key_columns: Sequence[str], mark: Watermark | None, size: int
) -> Iterator[list[Mapping[str, Any]]]:
    """Yield pages of rows (as mappings) after `mark`, including soft-deleted ones."""
    order = [table.c.updated_at, *(table.c[k] for k in key_columns)]
    while True:
        stmt = select(table).where(_after(table, key_columns, mark)).order_by(*order).limit(size)
        with engine.connect() as conn:
            rows: list[Mapping[str, Any]] = [dict(r) for r in conn.execute(stmt).mappings()]
        if not rows:
            return
        yield rows
        last = rows[-1]
        mark = Watermark(last["updated_at"], tuple(last[k] for k in key_columns))
        if len(rows) < size:
            return
