"""The audit trail: one row per request that read customers, written before the response leaves.

If the row cannot be written the request fails: a bank would rather refuse a read than serve one
it cannot account for.
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from api.principal import Principal
from relational.models import ApiAudit, utcnow

MAX_OPERATION = 100


def record(
    engine: Engine, principal: Principal, operation: str | None, customer_ids: set[str], request_id: str
) -> None:
    row = {
        "at": utcnow(),
        "principal": principal.name[:100],
        "role": principal.role.value,
        "operation": (operation or "(anonymous)")[:MAX_OPERATION],
        "customer_ids": json.dumps(sorted(customer_ids)),
        "request_id": request_id,
    }
    with engine.begin() as conn:
        conn.execute(sa.insert(ApiAudit).values(**row))


def read(
    engine: Engine, since: datetime | None = None, principal: str | None = None, limit: int = 100
) -> list[dict[str, object]]:
    """The newest audit rows, newest first (for `c360 api audit` and the tests)."""
    query = (
        sa.select(
            ApiAudit.at,
            ApiAudit.principal,
            ApiAudit.role,
            ApiAudit.operation,
            ApiAudit.customer_ids,
            ApiAudit.request_id,
        )
        .order_by(ApiAudit.audit_id.desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(ApiAudit.at >= since)
    if principal is not None:
        query = query.where(ApiAudit.principal == principal)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "at": r.at,
            "principal": r.principal,
            "role": r.role,
            "operation": r.operation,
            "customer_ids": json.loads(r.customer_ids),
            "request_id": r.request_id,
        }
        for r in rows
    ]
