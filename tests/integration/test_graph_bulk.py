"""The bulk path (neo4j-admin import) builds the same graph as the online path, and sync goes on
from where it left off."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest
import sqlalchemy as sa

from c360.bootstrap import neo4j_driver
from c360.settings import Settings
from graph_loader.bulk.importer import bulk_load
from graph_loader.sync import sync
from graph_loader.verify import verify
from relational import models as m
from tests.builders import BankSize, build_bank

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def test_a_bulk_load_matches_the_source_and_a_sync_continues_from_it(
    database_url: str, tmp_path: Path, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    if not neo4j_server.uses_local_neo4j:
        pytest.skip("the bulk path needs the local server")
    build_bank(database_url, BankSize(customers=200, devices=60, transactions=1500), seed=9)
    engine = sa.create_engine(database_url)
    db = neo4j_server.neo4j_database
    try:
        report = bulk_load(neo4j_server, engine, tmp_path, connect=lambda: neo4j_driver(neo4j_server))
        assert report.nodes > 200 and report.relationships > 1500
        with neo4j_driver(neo4j_server) as fresh:
            result = verify(engine, fresh, db)
            assert result.ok, [d.describe() for d in result.differences]

            c = m.Base.metadata.tables["customers"]
            with engine.begin() as conn:
                renamed = sa.update(c).where(c.c.customer_id == "CUS000000007").values(full_name="Sau Bulk")
                conn.execute(renamed)
            assert sync(engine, fresh, db).sources["customers"].rows >= 1
            assert verify(engine, fresh, db).ok
            records, _, _ = fresh.execute_query(
                "MATCH (c:Customer {customer_id: 'CUS000000007'}) RETURN c.full_name AS n", database_=db
            )
            assert records[0]["n"] == "Sau Bulk"
    finally:
        engine.dispose()
