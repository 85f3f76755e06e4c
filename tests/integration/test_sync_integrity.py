"""The sync reads one consistent cut and never drops a child silently: a late commit is read by
the next cycle, a child whose parent is missing from the graph waits (and is healed), and a
child of a soft-deleted parent does not wait for ever."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import neo4j
import pytest
import sqlalchemy as sa

from c360.settings import Settings
from graph_loader import pending, schema
from graph_loader.sync import full_load, sync
from graph_loader.verify import verify
from relational import models as m
from relational.models import utcnow
from tests.builders import build_bank

pytestmark = [pytest.mark.neo4j]
U = m.Base.metadata.tables["device_usage"]
D = m.Base.metadata.tables["devices"]


@pytest.fixture
def bank(database_url: str, graph: neo4j.Driver, neo4j_server: Settings) -> Iterator[sa.Engine]:
    build_bank(database_url)
    schema.apply(graph, neo4j_server.neo4j_database)
    engine = sa.create_engine(database_url)
    full_load(engine, graph, neo4j_server.neo4j_database)
    yield engine
    engine.dispose()


def _uses(driver: neo4j.Driver, db: str, customer_id: str, device_id: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (:Customer {customer_id: $c})-[u:USES]->(:Device {device_id: $d}) RETURN count(u) AS n",
        c=customer_id, d=device_id, database_=db,
    )  # fmt: skip
    return int(records[0]["n"])


def _a_usage(engine: sa.Engine) -> tuple[int, str, str]:
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(U.c.usage_id, U.c.customer_id, U.c.device_id)
            .where(U.c.deleted_at.is_(None))
            .order_by(U.c.usage_id)
            .limit(1)
        ).one()
    return int(row[0]), str(row[1]), str(row[2])


_LATE_DEVICE = """
INSERT INTO devices (device_id, device_type, os, is_trusted, first_seen_at, created_at, updated_at)
VALUES ('fp-late', 'mobile', 'Android 15', false, (now() AT TIME ZONE 'UTC'),
        (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))"""
_LATE_USAGE = """
INSERT INTO device_usage (customer_id, device_id, ip_address, first_seen_at, last_seen_at, login_count,
                          created_at, updated_at)
VALUES (:c, 'fp-late', '10.1.2.3', (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'), 1,
        (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))"""
_EARLY_DEVICE = """
INSERT INTO devices (device_id, device_type, os, is_trusted, first_seen_at, created_at, updated_at)
VALUES ('fp-early', 'mobile', 'iOS 18', true, (now() AT TIME ZONE 'UTC'),
        (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))"""


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_transaction_that_commits_after_a_later_one_is_read_by_the_next_cycle(
    bank: sa.Engine, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    """The race the polling sync lost: a device and its usage stamped by a transaction that
    started first and committed last. No overlap: the cut alone must save it."""
    db = neo4j_server.neo4j_database
    _uid, customer_id, _device = _a_usage(bank)
    # Stamped with the transaction's start, as a writer using now() stamps.
    slow = bank.connect()
    try:
        slow.execute(sa.text(_LATE_DEVICE))
        slow.execute(sa.text(_LATE_USAGE), {"c": customer_id})
        time.sleep(0.5)
        with bank.begin() as fast:  # starts later, commits first: its stamp is ahead of the slow one's
            fast.execute(sa.text(_EARLY_DEVICE))
        first = sync(bank, graph, db, overlap=timedelta(0))
        assert first.sources["devices"].rows == 1  # fp-early; fp-late is not visible yet
        assert first.cut is not None and first.cut.how == "snapshot"
        assert first.cut.held_by is not None and first.cut.lag_seconds >= 0.4
        slow.commit()
    finally:
        slow.close()
    second = sync(bank, graph, db, overlap=timedelta(0))
    assert second.sources["devices"].rows >= 1
    assert _uses(graph, db, customer_id, "fp-late") == 1
    assert second.pending_total == 0
    report = verify(bank, graph, db)
    assert report.ok, [d.describe() for d in report.differences]


def test_a_child_whose_parent_is_missing_from_the_graph_waits_and_the_next_cycle_heals_it(
    bank: sa.Engine, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    _uid, customer_id, _device = _a_usage(bank)
    device_id = "fp-lost"
    now = utcnow()
    with bank.begin() as conn:  # a device only this one usage row refers to
        conn.execute(sa.insert(D).values(device_id=device_id, device_type="mobile", os="Android 15",
                                         is_trusted=False, first_seen_at=now, updated_at=now))  # fmt: skip
        usage = dict(customer_id=customer_id, device_id=device_id, ip_address="10.4.4.4",
                     first_seen_at=now, last_seen_at=now, login_count=1, updated_at=now)  # fmt: skip
        inserted = conn.execute(sa.insert(U).values(**usage)).inserted_primary_key
        assert inserted is not None
        usage_id = inserted[0]
    sync(bank, graph, db)
    assert _uses(graph, db, customer_id, device_id) == 1
    # The parent goes missing from the graph while it is live in the source (a write lost before
    # this fix, or a restore): the child's USES can then only be a no-op, which must not be silent.
    graph.execute_query("MATCH (d:Device {device_id: $d}) DETACH DELETE d", d=device_id, database_=db)
    time.sleep(0.01)
    with bank.begin() as conn:
        conn.execute(sa.update(U).where(U.c.usage_id == usage_id).values(login_count=99, updated_at=utcnow()))

    # No overlap: re-reading the device's own recent row would bring it back before the check.
    first = sync(bank, graph, db, overlap=timedelta(0))
    assert first.sources["device_usage"].pending == 1
    s = first.sources["device_usage"]
    assert s.rows == s.written + s.pending  # counts reconcile
    assert first.pending_total == 1
    waiting = pending.read_all(graph, db)
    assert [(w.source, w.key, w.waits_for) for w in waiting] == [
        ("device_usage", [usage_id], [f"Device:{device_id}"])
    ]
    listed = verify(bank, graph, db)
    assert [p["id"] for p in listed.pending] == [waiting[0].id]
    assert not any(d.kind == "pending row" for d in listed.differences)  # not waiting long yet
    strict = verify(bank, graph, db, pending_alert=timedelta(0))
    assert any(d.kind == "pending row" for d in strict.differences)

    second = sync(bank, graph, db, overlap=timedelta(0))  # the device from its own table, then the usage
    assert second.sources["devices"].retried >= 1
    assert second.pending_total == 0
    assert _uses(graph, db, customer_id, device_id) == 1
    report = verify(bank, graph, db)
    assert report.ok, [d.describe() for d in report.differences]
    assert report.pending == []


def test_a_child_of_a_soft_deleted_parent_does_not_wait(
    bank: sa.Engine, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    usage_id, _customer_id, device_id = _a_usage(bank)
    now = utcnow()
    with bank.begin() as conn:
        conn.execute(sa.update(D).where(D.c.device_id == device_id).values(deleted_at=now, updated_at=now))
        conn.execute(sa.update(U).where(U.c.usage_id == usage_id).values(login_count=7, updated_at=now))
    report = sync(bank, graph, db)
    assert report.pending_total == 0  # the link rightly does not exist: both ends must be live
    result = verify(bank, graph, db)
    assert result.ok, [d.describe() for d in result.differences]
