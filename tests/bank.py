"""Builders for small hand-made banks in a real database (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from relational import db
from relational.models import Base

#: The authentication catalogue: security level 4 is "strong" (biometric, digital signature).
AUTH_METHODS = {"password": 1, "otp_sms": 2, "otp_app": 3, "biometric": 4, "digital_signature": 4}
OPENED = datetime(2024, 1, 1, 9, 0)


@contextmanager
def migrated(database_url: str) -> Iterator[sa.Engine]:
    """An engine on a freshly migrated schema with the auth-method catalogue in place."""
    engine = sa.create_engine(database_url)
    try:
        db.upgrade(engine)
        insert_rows(
            engine,
            "auth_methods",
            [{"auth_method": k, "description": k, "security_level": v} for k, v in AUTH_METHODS.items()],
        )
        yield engine
    finally:
        engine.dispose()


def insert_rows(engine: sa.Engine, table: str, rows: list[dict[str, Any]]) -> None:
    # One statement per row: executemany would take the columns of the first row for all of them.
    with engine.begin() as conn:
        for row in rows:
            conn.execute(sa.insert(Base.metadata.tables[table]), row)


def customer(customer_id: str, national_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "customer_id": customer_id,
        "customer_type": "individual",
        "full_name": f"Customer {customer_id}",
        "date_of_birth": datetime(1990, 1, 1).date(),
        "national_id": national_id,
        "segment": "mass",
        "kyc_level": 2,
        "opened_at": OPENED,
        **extra,
    }


def account(account_no: str, **extra: Any) -> dict[str, Any]:
    return {
        "account_no": account_no,
        "account_type": "checking",
        "currency": "VND",
        "balance": 0,
        "status": "active",
        "opened_at": OPENED,
        "branch_code": "HCM001",
        **extra,
    }


def count(engine: sa.Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(sa.select(sa.func.count()).select_from(Base.metadata.tables[table])).scalar_one()
        )


def fetch(engine: sa.Engine, sql: str, **params: Any) -> list[sa.Row[Any]]:
    with engine.connect() as conn:
        return list(conn.execute(sa.text(sql), params))
