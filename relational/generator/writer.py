"""Streaming rows into the database in batches: COPY on PostgreSQL, executemany on SQLite.

Generators append plain tuples (str, int, bool, None; timestamps already as text) to a `RowSink`.
When a batch is full the sink writes every table, parents before children, in one transaction, so
a foreign key always points at a row that is already there and memory holds one batch at most.
Table and column names come from this module, never from data; values are bound or COPY'd.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Sequence
from typing import Any, Protocol, cast

import psycopg2.extensions
from psycopg2 import sql
from sqlalchemy import Engine

Row = tuple[Any, ...]

TRACKED = ("created_at", "updated_at")
#: Column order of the tuples generators append, per table, in foreign-key order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "auth_methods": ("auth_method", "description", "security_level", *TRACKED),
    "merchants": ("merchant_id", "name", "mcc", "city", *TRACKED),
    "customers": (
        "customer_id",
        "customer_type",
        "full_name",
        "date_of_birth",
        "gender",
        "national_id",
        "tax_code",
        "segment",
        "monthly_income_vnd",
        "kyc_level",
        "opened_at",
        *TRACKED,
    ),
    "devices": ("device_id", "device_type", "os", "is_trusted", "first_seen_at", *TRACKED),
    "addresses": (
        "address_id",
        "customer_id",
        "kind",
        "raw",
        "normalized",
        "province",
        "is_primary",
        *TRACKED,
    ),
    "phones": ("phone_id", "customer_id", "kind", "raw", "e164", "is_primary", *TRACKED),
    "emails": ("email_id", "customer_id", "raw", "normalized", "is_primary", *TRACKED),
    "accounts": (
        "account_no",
        "account_type",
        "currency",
        "balance",
        "status",
        "opened_at",
        "branch_code",
        "opened_device_id",
        *TRACKED,
    ),
    "account_holders": ("account_no", "customer_id", "role", *TRACKED),
    "device_usage": (
        "usage_id",
        "customer_id",
        "device_id",
        "ip_address",
        "first_seen_at",
        "last_seen_at",
        "login_count",
        *TRACKED,
    ),
    "customer_auth_methods": ("customer_id", "auth_method", "enrolled_at", *TRACKED),
    "transactions": (
        "txn_id",
        "from_account_no",
        "to_account_no",
        "merchant_id",
        "counterparty_account",
        "counterparty_bank",
        "amount_vnd",
        "channel",
        "device_id",
        "auth_method",
        "occurred_at",
        "status",
        "description",
        *TRACKED,
    ),
    "truth_rings": ("ring_id", "shape", "size", "shared_kinds", "opening_device_id", "household_id"),
    "truth_ring_members": ("ring_id", "customer_id", "role"),
    "truth_households": ("household_id", "size", "surname", "address_normalized", "ring_id"),
    "truth_household_members": ("household_id", "customer_id", "role"),
    "truth_hubs": ("hub_id", "kind", "identifier", "member_count"),
    "truth_confounders": ("confounder_id", "kind", "subject", "customer_id", "detail"),
}
#: Tables whose surrogate key the sink numbers (SQLite has no sequence behind a BIGINT key).
SURROGATE = {
    "addresses": "address_id",
    "phones": "phone_id",
    "emails": "email_id",
    "device_usage": "usage_id",
}


class Backend(Protocol):
    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None: ...
    def commit(self) -> None: ...
    def close(self) -> None: ...


class SqliteBackend:
    def __init__(self, engine: Engine) -> None:
        self._proxy = engine.raw_connection()
        self._conn = cast(sqlite3.Connection, self._proxy.driver_connection)

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        marks = ", ".join("?" * len(columns))
        self._conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)  # noqa: S608

    def commit(self) -> None:
        self._conn.commit()

    def close(self) -> None:
        self._proxy.close()


class PostgresBackend:
    def __init__(self, engine: Engine) -> None:
        self._proxy = engine.raw_connection()
        self._conn = cast(psycopg2.extensions.connection, self._proxy.driver_connection)

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        buf = io.StringIO()
        # csv writes None as an unquoted empty field, which COPY's csv format reads as NULL; the
        # generator never produces an empty string, so there is no ambiguity.
        csv.writer(buf, lineterminator="\n").writerows(rows)
        buf.seek(0)
        stmt = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv)").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        with self._conn.cursor() as cur:
            cur.copy_expert(stmt.as_string(self._conn), buf)

    def commit(self) -> None:
        self._conn.commit()

    def reset_sequences(self, tables: dict[str, str]) -> None:
        """Explicit ids bypass the BIGSERIAL sequences; move them past the ids written."""
        with self._conn.cursor() as cur:
            for table, column in tables.items():
                after_max = sql.SQL("(SELECT COALESCE(MAX({}), 0) + 1 FROM {})").format(
                    sql.Identifier(column), sql.Identifier(table)
                )
                stmt = sql.SQL("SELECT setval(pg_get_serial_sequence(%s, %s), {}, false)").format(after_max)
                cur.execute(stmt, (table, column))
        self._conn.commit()

    def close(self) -> None:
        self._proxy.close()


def backend_for(engine: Engine) -> SqliteBackend | PostgresBackend:
    if engine.dialect.name == "sqlite":
        return SqliteBackend(engine)
    if engine.dialect.name == "postgresql":
        return PostgresBackend(engine)
    raise ValueError(f"the generator writes to SQLite or PostgreSQL, not {engine.dialect.name}")


class RowSink:
    """Buffers rows per table and writes them in batches of about `batch_rows` rows."""

    def __init__(self, backend: Backend, batch_rows: int) -> None:
        self.backend = backend
        self.batch_rows = batch_rows
        self._buffers: dict[str, list[Row]] = {table: [] for table in COLUMNS}
        self._pending = 0
        self._next_id = dict.fromkeys(SURROGATE, 0)
        self.counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)

    def add(self, table: str, row: Row) -> None:
        self._buffers[table].append(row)
        self._pending += 1

    def add_numbered(self, table: str, row: Row) -> None:
        """Append a row of a table with a surrogate key; the sink supplies the key."""
        self._next_id[table] += 1
        self.add(table, (self._next_id[table], *row))

    def maybe_flush(self) -> bool:
        if self._pending >= self.batch_rows:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        for table, rows in self._buffers.items():
            if rows:
                self.backend.write(table, COLUMNS[table], rows)
                self.counts[table] += len(rows)
                rows.clear()
        self.backend.commit()
        self._pending = 0
