"""The audit trail: one row per request that read customers, written before the response leaves.

If the row cannot be written the request fails: a bank would rather refuse a read than serve one
it cannot account for.

Rows are written with group commit: while one batch is being committed, the rows of requests that
finish meanwhile gather, and go in the next transaction together. Each request still waits until
its own row is committed; under load, many requests share one commit (one fsync) instead of
queueing for the database's write lock one by one.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from api.principal import Principal
from relational.models import ApiAudit, utcnow

MAX_OPERATION = 100


def row(
    principal: Principal, operation: str | None, customer_ids: set[str], request_id: str
) -> dict[str, Any]:
    return {
        "at": utcnow(),
        "principal": principal.name[:100],
        "role": principal.role.value,
        "operation": (operation or "(anonymous)")[:MAX_OPERATION],
        "customer_ids": json.dumps(sorted(customer_ids)),
        "request_id": request_id,
    }


def write(engine: Engine, rows: list[dict[str, Any]]) -> None:
    """Insert rows in one transaction."""
    with engine.begin() as conn:
        conn.execute(sa.insert(ApiAudit), rows)


class AuditWriter:
    """Group commit of audit rows for one process (see the module's docstring)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._pending: list[tuple[dict[str, Any], asyncio.Future[None]]] = []
        self._flushing = False

    async def record(
        self, principal: Principal, operation: str | None, customer_ids: set[str], request_id: str
    ) -> None:
        """Return once the row is committed; raise if it could not be."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((row(principal, operation, customer_ids, request_id), done))
        if not self._flushing:
            self._flushing = True
            asyncio.get_running_loop().create_task(self._flush())
        await done

    async def _flush(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                try:
                    # SQLAlchemy blocks: the commit runs in a thread, the event loop goes on.
                    await asyncio.to_thread(write, self._engine, [r for r, _ in batch])
                except Exception as exc:  # every request in the batch fails with the reason
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(exc)
                else:
                    for _, done in batch:
                        if not done.done():
                            done.set_result(None)
        finally:
            self._flushing = False


def read(engine: Engine, principal: str | None = None, limit: int = 100) -> list[dict[str, object]]:
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
