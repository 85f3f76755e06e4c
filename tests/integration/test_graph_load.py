"""The graph is a faithful projection of the source: loads, syncs, crashes and restarts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import neo4j
import pytest
import sqlalchemy as sa

from c360.settings import Settings
from graph_loader import schema
from graph_loader.sync import full_load, sync
from graph_loader.verify import verify
from relational import models as m
from relational.models import utcnow
from tests.builders import BankSize, build_bank

pytestmark = pytest.mark.neo4j


def _counts(driver: neo4j.Driver, db: str) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN 'node' AS k, count(n) AS n "
        "UNION ALL MATCH ()-[r]->() RETURN 'rel' AS k, count(r) AS n",
        database_=db,
    )
    return {r["k"]: r["n"] for r in records}


@pytest.fixture
def bank(database_url: str, graph: neo4j.Driver, neo4j_server: Settings) -> Iterator[sa.Engine]:
    build_bank(database_url)
    schema.apply(graph, neo4j_server.neo4j_database)
    engine = sa.create_engine(database_url)
    yield engine
    engine.dispose()


def test_a_full_load_matches_the_source_and_loading_twice_changes_nothing(
    bank: sa.Engine, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    first = full_load(bank, graph, db, batch_size=97)  # an odd page size: pages end mid-table
    report = verify(bank, graph, db)
    assert report.ok, [d.describe() for d in report.differences]
    assert report.nodes["Customer"] == (60, 60)
    assert report.relationships["TRANSFERRED_TO"][0] > 0
    assert first.elements_written > 0
    # Every row read is counted once, and reconciles: read = written + pending.
    with bank.connect() as conn:
        for name, stats in first.sources.items():
            rows = sa.select(sa.func.count()).select_from(m.Base.metadata.tables[name])
            assert stats.rows == conn.execute(rows).scalar_one(), name
            assert stats.rows == stats.written + stats.pending and stats.pending == 0, name
    assert first.pending_total == 0
    before = _counts(graph, db)

    second = full_load(bank, graph, db, batch_size=1000)
    assert _counts(graph, db) == before
    assert second.elements_written == 0
    assert verify(bank, graph, db).ok


def test_sync_applies_inserts_updates_and_soft_deletes(
    bank: sa.Engine, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    full_load(bank, graph, db)
    now = utcnow()
    c, p, t, a = (m.Base.metadata.tables[n] for n in ("customers", "phones", "transactions", "accounts"))
    with bank.begin() as conn:
        # an update, a new customer with a phone, a changed phone, soft deletes at every level
        conn.execute(
            sa.update(c).where(c.c.customer_id == "CUS000000003").values(full_name="Renamed", updated_at=now)
        )
        conn.execute(
            sa.insert(c).values(
                customer_id="CUS900000000",
                customer_type="individual",
                full_name="Lê New",
                date_of_birth=now.date(),
                national_id="900000000000",
                segment="mass",
                kyc_level=1,
                opened_at=now,
                updated_at=now,
            )
        )
        conn.execute(
            sa.insert(p).values(
                customer_id="CUS900000000",
                kind="mobile",
                raw="0912000111",
                e164="+84912000111",
                updated_at=now,
            )
        )
        conn.execute(
            sa.update(p).where(p.c.customer_id == "CUS000000004").values(e164="+84987654321", updated_at=now)
        )
        conn.execute(
            sa.update(c).where(c.c.customer_id == "CUS000000005").values(deleted_at=now, updated_at=now)
        )
        conn.execute(
            sa.update(a).where(a.c.account_no == "10000000070").values(deleted_at=now, updated_at=now)
        )
        conn.execute(
            sa.update(t).where(t.c.txn_id == "TXN0000000002").values(status="reversed", updated_at=now)
        )
        conn.execute(sa.update(t).where(t.c.txn_id == "TXN0000000003").values(deleted_at=now, updated_at=now))

    report = sync(bank, graph, db)
    assert report.sources["customers"].rows >= 3
    result = verify(bank, graph, db)
    assert result.ok, [d.describe() for d in result.differences]
    records, _, _ = graph.execute_query(
        "MATCH (c:Customer {customer_id: $id}) RETURN c.full_name AS name", id="CUS000000003", database_=db
    )
    assert records[0]["name"] == "Renamed"


def test_a_sync_with_nothing_new_reads_only_the_overlap_and_changes_nothing(
    bank: sa.Engine, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    full_load(bank, graph, db)
    before = _counts(graph, db)
    report = sync(bank, graph, db, overlap=timedelta(0))
    assert report.rows == 0
    assert _counts(graph, db) == before


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_bigger_bank_pages_through_every_table(
    database_url: str, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    build_bank(database_url, BankSize(customers=400, devices=120, transactions=3000), seed=11)
    engine = sa.create_engine(database_url)
    try:
        schema.apply(graph, neo4j_server.neo4j_database)
        full_load(engine, graph, neo4j_server.neo4j_database, batch_size=250)
        report = verify(engine, graph, neo4j_server.neo4j_database, sample=50)
        assert report.ok, [d.describe() for d in report.differences]
        assert report.nodes["Transaction"] == (3000, 3000)
    finally:
        engine.dispose()
