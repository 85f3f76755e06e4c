"""Every analyst library query runs on a loaded bank with its documented example parameters and
returns exactly the columns, types and planted findings its header promises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import neo4j
import pytest
from neo4j.exceptions import ClientError
from neo4j.graph import Path as GraphPath
from neo4j.time import Date, DateTime

from c360.settings import Settings
from cypher.catalog import LibraryQuery, library
from cypher.runner import QueryResult, run
from tests.builders import (
    PLANTED_ACCOUNTS,
    PLANTED_CUSTOMERS,
    PLANTED_CYCLE,
    PLANTED_DAY,
    PLANTED_DEVICE,
    PLANTED_FAMILY,
    PLANTED_FAMILY_DEVICE,
    PLANTED_JOINT_ACCOUNT,
    PLANTED_WEAK_AUTH_TXN,
)

pytestmark = pytest.mark.neo4j

_BASE_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "int": int,
    "float": float,
    "bool": bool,
    "date": Date,
    "datetime": DateTime,
    "path": GraphPath,
}


def conforms(type_: str, value: Any) -> bool:
    """Whether a driver value has the documented column type (`T?` allows null, `list<T>`)."""
    if type_.endswith("?"):
        return value is None or conforms(type_[:-1], value)
    if type_.startswith("list<"):
        return isinstance(value, list) and all(conforms(type_[5:-1], v) for v in value)
    if type_ == "int" and isinstance(value, bool):
        return False
    if type_ == "datetime":
        # The source's timestamps are bank-local (no zone): the graph holds LocalDateTime.
        return isinstance(value, DateTime) and value.tzinfo is None
    return isinstance(value, _BASE_TYPES[type_])


def _run(driver: neo4j.Driver, settings: Settings, name: str, **overrides: object) -> QueryResult:
    query = library()[name]
    return run(driver, settings.neo4j_database, query, {**query.example_params(), **overrides})


def test_every_library_file_has_a_catalog_entry_with_the_same_text() -> None:
    folder = Path(__file__).resolve().parents[2] / "cypher" / "library"
    files = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.cypher")}
    assert set(files) == set(library())
    assert all(library()[name].cypher == body for name, body in files.items())


@pytest.mark.parametrize("name", sorted(library()))
def test_library_query_returns_its_documented_columns_and_types_with_the_example_parameters(
    library_graph: neo4j.Driver, neo4j_server: Settings, name: str
) -> None:
    query: LibraryQuery = library()[name]
    result = _run(library_graph, neo4j_server, name)
    assert result.columns == query.column_names
    assert result.records, f"{name} found nothing in a bank that was built to contain it"
    for record in result.records:
        for column in query.columns:
            assert conforms(column.type, record[column.name]), (name, column, record[column.name])


def test_money_cycles_report_the_planted_cycle_once_starting_at_its_lowest_account(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    rows = _run(library_graph, neo4j_server, "find_money_cycles", limit=1000).plain_rows()
    planted = [r for r in rows if set(r["accounts"]) == set(PLANTED_CYCLE)]
    assert [r["accounts"] for r in planted] == [list(PLANTED_CYCLE)]
    assert planted[0]["min_leg_vnd"] == 25_000_000
    assert all(r["accounts"][0] == min(r["accounts"]) for r in rows)
    assert all(len(set(r["accounts"])) == r["hops"] for r in rows)


def test_money_cycles_ignore_legs_below_the_minimum(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    rows = _run(library_graph, neo4j_server, "find_money_cycles", min_leg_vnd=30_000_000).plain_rows()
    assert all(set(r["accounts"]) != set(PLANTED_CYCLE) for r in rows)


def test_an_opening_burst_needs_enough_accounts_within_the_window(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    burst = _run(library_graph, neo4j_server, "find_device_opening_bursts").plain_rows()[0]
    assert (burst["device_id"], burst["account_nos"]) == (PLANTED_DEVICE, list(PLANTED_ACCOUNTS))
    # A window of zero hours holds nothing; four accounts are never a burst of five.
    assert (
        _run(
            library_graph, neo4j_server, "find_device_opening_bursts", window_hours=0, min_accounts=2
        ).records
        == []
    )
    assert not [
        r
        for r in _run(library_graph, neo4j_server, "find_device_opening_bursts", min_accounts=5).plain_rows()
        if r["device_id"] == PLANTED_DEVICE
    ]


def test_weak_auth_transfers_depend_on_which_methods_count_as_strong(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    default = _run(library_graph, neo4j_server, "find_weak_auth_high_value_transfers").plain_rows()
    assert [r["txn_id"] for r in default] == [PLANTED_WEAK_AUTH_TXN]
    # With only digital signatures strong, the planted biometric legs of 200M-300M are weak too.
    strict = _run(library_graph, neo4j_server, "find_weak_auth_high_value_transfers",
                  strong_auth_methods=["digital_signature"]).plain_rows()  # fmt: skip
    assert {r["amount_vnd"] for r in strict} == {300_000_000, 250_000_000, 200_000_000, 25_000_000}


def test_a_daily_limit_breach_is_the_days_total_over_the_limit(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    rows = _run(library_graph, neo4j_server, "find_daily_limit_breaches").plain_rows()
    assert [(r["account_no"], r["day"], r["total_vnd"], r["transfers"]) for r in rows] == [
        (PLANTED_ACCOUNTS[0], PLANTED_DAY.isoformat(), 550_000_000, 2)
    ]
    assert (
        _run(library_graph, neo4j_server, "find_daily_limit_breaches", daily_limit_vnd=550_000_000).records
        == []
    )


def test_top_hubs_put_the_placeholder_phone_first_among_phones(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    rows = _run(library_graph, neo4j_server, "list_top_hubs", limit=100).plain_rows()
    phones = [r for r in rows if r["identifier_kind"] == "Phone"]
    # Every tenth customer of the builder gives 0000000000: six of the sixty.
    assert (phones[0]["identifier"], phones[0]["customers"]) == ("+840000000000", 6)


def test_the_neighbourhood_does_not_follow_identifiers_shared_by_more_than_max_shared(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    wide = _run(
        library_graph, neo4j_server, "get_customer_neighbourhood", customer_id="CUS000000010"
    ).plain_rows()
    narrow = _run(library_graph, neo4j_server, "get_customer_neighbourhood", customer_id="CUS000000010",
                  max_shared=5).plain_rows()  # fmt: skip
    assert any(r["hops"] == 2 and "Phone +840000000000" in r["path"] for r in wide)
    assert not any(r["hops"] == 2 and "Phone +840000000000" in r["path"] for r in narrow)


def test_ring_members_name_the_planted_mules_and_what_ties_them(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    # The mule ring's ID depends on where detection puts it among the builder's rings: look it up.
    found, _, _ = library_graph.execute_query(
        "MATCH (:Customer {customer_id: $cid})-[:MEMBER_OF]->(r:FraudRing) RETURN r.id AS id",
        cid=PLANTED_CUSTOMERS[0], database_=neo4j_server.neo4j_database,
    )  # fmt: skip
    ring_id = found[0]["id"]
    rows = _run(library_graph, neo4j_server, "get_ring_members", ring_id=ring_id).plain_rows()
    assert [r["customer_id"] for r in rows] == list(PLANTED_CUSTOMERS)
    for row in rows:
        assert row["ring_id"] == ring_id and row["status"] == "open" and row["score"] > 0
        assert row["household_id"] is None
        assert row["shared_identifiers"] == [f"Device {PLANTED_DEVICE}", "IP 10.9.9.9"]
        assert row["linked_members"] == sorted(set(PLANTED_CUSTOMERS) - {row["customer_id"]})
    evidence = json.loads(rows[0]["evidence"])
    assert {"kind": "device", "key": PLANTED_DEVICE, "members": 4} in evidence["identifiers"]
    assert evidence["bursts"][0]["accounts"] == 4 and evidence["money"]["cycles"] == 1
    # The limit counts members; an unknown ring is no row, not an error.
    assert len(_run(library_graph, neo4j_server, "get_ring_members", ring_id=ring_id, limit=2).records) == 2
    assert _run(library_graph, neo4j_server, "get_ring_members", ring_id="FR-999999").records == []


def test_a_customers_household_is_the_planted_family_with_its_ties(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    father, mother, son = PLANTED_FAMILY
    rows = {
        r["customer_id"]: r
        for r in _run(library_graph, neo4j_server, "get_customer_household", customer_id=son).plain_rows()
    }
    assert set(rows) == set(PLANTED_FAMILY)
    assert len({(r["household_id"], r["home"]) for r in rows.values()}) == 1
    assert rows[son]["home"].startswith("88 hai ba trung") and rows[son]["ring_id"] is None
    assert rows[father]["joint_accounts"] == rows[mother]["joint_accounts"] == [PLANTED_JOINT_ACCOUNT]
    assert rows[son]["joint_accounts"] == []
    assert all(f"Device {PLANTED_FAMILY_DEVICE}" in r["shared_identifiers"] for r in rows.values())
    assert rows[son]["linked_members"] == [father, mother]
    ties = {(t["a"], t["b"]): set(t["reasons"]) for t in json.loads(rows[son]["ties"])}
    assert "joint_account" in ties[(father, mother)] and "surname" in ties[(father, son)]
    # A mule is in a ring, not in a household: no row.
    assert (
        _run(library_graph, neo4j_server, "get_customer_household", customer_id=PLANTED_CUSTOMERS[0]).records
        == []
    )


def test_library_queries_run_read_only(library_graph: neo4j.Driver, neo4j_server: Settings) -> None:
    writer = LibraryQuery("write", "a mistaken edit", (), (), "CREATE (n:Oops) RETURN n")
    with pytest.raises(ClientError, match=r"(?i)read"):
        run(library_graph, neo4j_server.neo4j_database, writer, {})
