"""Checks that need the database, done for a whole batch with one query per referenced table.

Rows of earlier batches of the same file are already written (in the same transaction), so a
reference to something loaded earlier in the file is found like any other.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from relational.ingest.kinds import Kind
from relational.ingest.records import Problem, Row
from relational.ingest.validate import label
from relational.models import Base

#: Values per IN list: well under SQLite's and PostgreSQL's bound-parameter limits.
CHUNK = 500


def _chunks(values: list[Any]) -> list[list[Any]]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def _deleted_at_by_key(
    conn: Connection, table_name: str, column: str, values: set[Any]
) -> dict[Any, datetime | None]:
    table = Base.metadata.tables[table_name]
    found: dict[Any, datetime | None] = {}
    for chunk in _chunks(sorted(values)):
        query = select(table.c[column], table.c.deleted_at).where(table.c[column].in_(chunk))
        for value, deleted_at in conn.execute(query):
            found[value] = deleted_at
    return found


def check_references(
    conn: Connection, kind: Kind, rows: list[Row]
) -> tuple[list[Row], list[tuple[Row, Problem]]]:
    """Split rows into those whose references exist (and are not soft-deleted) and the rejected."""
    wanted: dict[tuple[str, str], set[Any]] = defaultdict(set)
    for row in rows:
        for table, column, value, _field in row.references:
            wanted[(table, column)].add(value)
    found = {target: _deleted_at_by_key(conn, *target, values) for target, values in wanted.items()}
    good: list[Row] = []
    rejected: list[tuple[Row, Problem]] = []
    for row in rows:
        problem = None
        for table, column, value, field in row.references:
            existing = found[(table, column)]
            if value not in existing:
                problem = Problem("unknown_reference", field, f"{field} {value} does not exist in {table}")
            elif existing[value] is not None:
                problem = Problem("deleted_reference", field, f"{field} {value} was deleted from {table}")
            if problem is not None:
                break
        if problem is None:
            problem = _unique_taken(conn, kind, row)
        if problem is None:
            good.append(row)
        else:
            message = f"{label(kind, row.record)}: {problem.message}"
            rejected.append((row, Problem(problem.rule, problem.field, message)))
    return good, rejected


def _unique_taken(conn: Connection, kind: Kind, row: Row) -> Problem | None:
    """A unique column (a customer's national ID) already held by another record in the database.

    One indexed look-up per row that has such a value; only customers have unique columns.
    """
    table = kind.table
    key_column = table.c[kind.key[0]]
    for column in kind.unique:
        value = row.columns.get(column)
        if value is None:
            continue
        holder = conn.execute(
            select(key_column).where(table.c[column] == value, key_column != row.key[0])
        ).scalar_one_or_none()
        if holder is not None:
            return Problem(
                "duplicate_value", column, f"{column} {value} already belongs to {kind.key[0]} {holder}"
            )
    return None
