"""SQLite: surrogate keys become INTEGER PRIMARY KEY, so the database numbers new rows

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-21 22:10:00

On SQLite a BIGINT primary key is not an alias of rowid: an INSERT without an explicit id fails
(NOT NULL) instead of getting the next number. Ingestion, risk scans and quarantine all insert rows
without ids. PostgreSQL already has BIGSERIAL columns and is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tables with a surrogate key, and that key's column. None of them is referenced by a foreign key,
#: so SQLite's copy-and-rename rebuild leaves every other table untouched.
SURROGATE_KEYS = {
    "addresses": "address_id",
    "phones": "phone_id",
    "emails": "email_id",
    "device_usage": "usage_id",
    "risk_alerts": "alert_id",
    "quarantine": "quarantine_id",
}


def _retype(old: sa.types.TypeEngine[int], new: sa.types.TypeEngine[int]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, column in SURROGATE_KEYS.items():
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.alter_column(column, existing_type=old, type_=new, existing_nullable=False)


def upgrade() -> None:
    _retype(sa.BigInteger(), sa.Integer())


def downgrade() -> None:
    _retype(sa.Integer(), sa.BigInteger())
