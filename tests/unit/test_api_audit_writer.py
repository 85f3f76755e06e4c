"""Group commit of the audit trail: every row committed before its request goes on, fewer commits
than rows under concurrency, and a failed commit fails every request in its batch."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa

from api.audit import AuditWriter, read
from api.principal import Principal, Role
from relational import db

WHO = Principal("crm-backend", Role.SERVICE, "api_key:abc")


def test_concurrent_requests_share_commits_and_every_row_lands(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    db.upgrade(engine)
    commits = []
    sa.event.listen(engine, "commit", lambda _conn: commits.append(1))
    writer = AuditWriter(engine)

    async def run() -> None:
        await asyncio.gather(*(writer.record(WHO, "Q", {f"C{i:09d}"}, f"r{i}") for i in range(50)))

    asyncio.run(run())
    rows = read(engine, limit=100)
    assert sorted(str(r["request_id"]) for r in rows) == sorted(f"r{i}" for i in range(50))
    assert 1 <= len(commits) < 50


def test_a_failed_commit_fails_every_request_of_its_batch(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")  # no api_audit table
    writer = AuditWriter(engine)

    async def run() -> list[BaseException | None]:
        return await asyncio.gather(*(writer.record(WHO, None, {"C1"}, f"r{i}") for i in range(5)),
                                    return_exceptions=True)  # fmt: skip

    outcomes = asyncio.run(run())
    assert all(isinstance(o, sa.exc.OperationalError) for o in outcomes)
    with pytest.raises(sa.exc.OperationalError):
        asyncio.run(writer.record(WHO, None, {"C1"}, "again"))  # the writer keeps working
