"""A fingerprint of the business data: equal for two runs with the same seed, on either backend.

Per table, each row's business columns (everything but the created/updated/deleted timestamps and
the surrogate ids a database may number differently) are rendered canonically and hashed; the row
hashes are summed modulo 2^256. The sum does not depend on row order, so no ORDER BY is needed:
nothing is sorted, neither in memory nor by the database (whose collations differ between SQLite
and PostgreSQL), and a 10M-row table is hashed in one streamed pass.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Engine, Table, select

from relational.generator.writer import SURROGATE
from relational.models import Base
from relational.truth import TruthBase

_SKIP = {"created_at", "updated_at", "deleted_at", *SURROGATE.values()}
_MOD = 1 << 256
GENERATED_TABLES = (
    "auth_methods", "merchants", "customers", "devices", "addresses", "phones", "emails", "accounts",
    "account_holders", "device_usage", "customer_auth_methods", "transactions",
)  # fmt: skip


def _text(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        # PostgreSQL returns 15.00 for a Numeric(20, 2), SQLite 15: compare the number, not its scale.
        return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def table_checksum(engine: Engine, table: Table) -> tuple[int, str]:
    columns = [c for c in table.columns if c.name not in _SKIP]
    total, rows = 0, 0
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=20_000).execute(select(*columns))
        for row in result:
            line = "\x1f".join(_text(v) for v in row).encode()
            total = (total + int.from_bytes(hashlib.sha256(line).digest(), "big")) % _MOD
            rows += 1
    return rows, f"{total:064x}"


def business_checksum(engine: Engine, *, include_truth: bool = True) -> str:
    """One hex digest over every generated table (and the ground truth unless told otherwise)."""
    tables = [Base.metadata.tables[name] for name in GENERATED_TABLES]
    if include_truth:
        tables += list(TruthBase.metadata.sorted_tables)
    digest = hashlib.sha256()
    for table in tables:
        rows, part = table_checksum(engine, table)
        digest.update(f"{table.name}:{rows}:{part}\n".encode())
    return digest.hexdigest()
