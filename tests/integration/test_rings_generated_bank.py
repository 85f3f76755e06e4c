"""Ring and household detection on a generated bank in a real Neo4j: accuracy against the planted
truth, confounders, write-back, decisions across runs and stable IDs as a ring grows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import neo4j
import pytest
import sqlalchemy as sa

from analytics import evaluation, pipeline, service, store
from c360.bootstrap import neo4j_driver
from c360.settings import Settings
from graph_loader import schema
from graph_loader.sync import full_load, sync
from relational.generator import generate
from relational.generator.profiles import get_profile
from tests.bank import customer, insert_rows

pytestmark = pytest.mark.neo4j


@pytest.fixture
def own(graph: neo4j.Driver, neo4j_server: Settings) -> Iterator[neo4j.Driver]:
    """A driver of this test's own over the emptied database. `execute_query` records bookmarks in
    its driver; on the session's shared driver they would outlive a later bulk import, which
    replaces the database, and make that test wait for a transaction that no longer exists."""
    with neo4j_driver(neo4j_server) as drv:
        yield drv


SEED = 23
CUSTOMERS = 1500


@pytest.fixture
def bank(tmp_path: Path, own: neo4j.Driver, neo4j_server: Settings) -> Iterator[sa.Engine]:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'bank.sqlite3'}")
    print(f"generated bank: seed {SEED}, {CUSTOMERS} customers")
    generate(engine, customers=CUSTOMERS, seed=SEED, profile=get_profile("small"))
    schema.apply(own, neo4j_server.neo4j_database)
    full_load(engine, own, neo4j_server.neo4j_database)
    yield engine
    engine.dispose()


def _count(driver: neo4j.Driver, db: str, query: str, **params: object) -> int:
    records, _, _ = driver.execute_query(query, params, database_=db)
    return int(records[0]["n"])


def test_planted_rings_households_and_every_confounder_are_got_right(
    bank: sa.Engine, own: neo4j.Driver, neo4j_server: Settings
) -> None:
    pipeline.run(neo4j_server, bank, own, "inprocess")
    run = store.load_run(bank)
    assert run is not None
    figures = evaluation.evaluate(bank, run)
    for kind in ("rings", "households"):
        assert figures[kind]["pairwise"]["f1"] >= 0.95, figures[kind]
        assert figures[kind]["bcubed"]["f1"] >= 0.95, figures[kind]
    assert figures["by_shape"]["none"]["false_rings"] == 0
    assert set(figures["confounders"]) == {
        "household_shared_device", "lone_fraudster", "multi_device_customer", "ring_with_household",
    }  # fmt: skip
    for kind, c in figures["confounders"].items():
        assert c["handled"] == c["planted"], kind
    for kind, c in figures["hubs"].items():
        assert c.get("missed", 0) == 0, kind


def test_both_engines_find_the_same_rings_and_households_on_a_generated_bank(
    bank: sa.Engine, own: neo4j.Driver, neo4j_server: Settings
) -> None:
    params = pipeline.params_from(neo4j_server)
    db = neo4j_server.neo4j_database
    fast, fast_comps = pipeline.detect(own, db, params, "inprocess")
    slow, slow_comps = pipeline.detect(own, db, params, "cypher")
    assert fast_comps == slow_comps
    assert {r.members for r in fast.rings} == {r.members for r in slow.rings}
    assert {h.members for h in fast.households} == {h.members for h in slow.households}
    assert _count(own, db, "MATCH (c:Customer) WHERE c.c360_component IS NOT NULL RETURN count(c) AS n") == 0


def test_write_back_replaces_the_previous_runs_rings_and_households(
    bank: sa.Engine, own: neo4j.Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    pipeline.run(neo4j_server, bank, own)
    second = pipeline.run(neo4j_server, bank, own)
    run = store.load_run(bank)
    assert run is not None
    members = sum(len(g.members) for g in run.groups)
    assert _count(own, db, "MATCH (r:FraudRing) RETURN count(r) AS n") == second["rings"]
    assert _count(own, db, "MATCH (h:Household) RETURN count(h) AS n") == second["households"]
    assert _count(own, db, "MATCH (:Customer)-[m:MEMBER_OF]->() RETURN count(m) AS n") == members
    stale = "MATCH (r:FraudRing) WHERE r.run <> $run RETURN count(r) AS n"
    assert _count(own, db, stale, run=second["run_id"]) == 0
    assert second["ring_changes"] == {"unchanged": second["rings"]}


def test_a_dismissed_ring_stays_quiet_until_a_member_joins_and_keeps_its_id(
    bank: sa.Engine, own: neo4j.Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    first = pipeline.run(neo4j_server, bank, own)
    run = store.load_run(bank)
    assert run is not None
    ring = min((g for g in run.groups if g.kind == "ring"), key=lambda g: (len(g.members), g.id))
    service.decide(bank, ring.id, "dismissed", "known family business", "analyst-1")

    second = pipeline.run(neo4j_server, bank, own)
    again = store.load_run(bank)
    assert again is not None
    same = next(g for g in again.groups if g.id == ring.id)
    assert same.status == "dismissed" and same.members == ring.members
    assert second["raised"] == first["raised"] - 1

    # A newcomer logs in on a device the ring's members share: the ring grows by one.
    device = next(i["key"] for i in ring.evidence["identifiers"] if i["kind"] == "device")
    insert_rows(bank, "customers", [customer("C999999999", "079999999999", full_name="Lý Văn Mới")])
    now = datetime(2026, 1, 5, 10, 0)
    insert_rows(bank, "device_usage", [{
        "customer_id": "C999999999", "device_id": device, "ip_address": "10.9.9.9",
        "first_seen_at": now, "last_seen_at": now, "login_count": 3,
    }])  # fmt: skip
    sync(bank, own, db)
    third = pipeline.run(neo4j_server, bank, own)
    latest = store.load_run(bank)
    assert latest is not None
    grown = next(g for g in latest.groups if g.id == ring.id)
    assert grown.members == ring.members | {"C999999999"}
    assert grown.change == "grown"
    assert grown.status == "reopened" and "joined: C999999999" in grown.change_detail
    assert third["raised"] == first["raised"]
