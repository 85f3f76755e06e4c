"""Paging yields exactly the total; a 360 costs a fixed, small number of Cypher round trips; every
customer read is audited; an analyst's decision lands in the CLI's store."""

from __future__ import annotations

import json
from collections import Counter

import sqlalchemy as sa

from tests.cli import run_c360
from tests.e2e.api.conftest import CUSTOMERS, Api, Truth
from tests.e2e.api.test_api_queries import CUSTOMER_360

#: What the full 360 (api/examples/customer360.graphql) may cost, whatever the customer.
MAX_360_ROUND_TRIPS = 8


def test_paging_through_every_customer_yields_the_total_once(api: Api) -> None:
    query = (
        "query($after: String) { customers(first: 37, after: $after) { totalCount "
        "pageInfo { hasNextPage endCursor } nodes { id } } }"
    )
    nodes, total = api.pages(query, ["customers"])
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) == total == CUSTOMERS
    assert ids == sorted(ids)


def test_paging_through_a_search_yields_its_total_once(api: Api) -> None:
    query = (
        'query($after: String) { customers(search: "nguyen", first: 5, after: $after) { totalCount '
        "pageInfo { hasNextPage endCursor } nodes { id } } }"
    )
    nodes, total = api.pages(query, ["customers"])
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) == total > 5


def _round_trips(api: Api, query: str, variables: dict[str, object]) -> int:
    body = api.post(query, variables).json()
    assert not body.get("errors"), body
    return int(body["extensions"]["cypherRoundTrips"])


def test_a_360_costs_the_same_few_round_trips_for_a_small_and_a_big_customer(api: Api, truth: Truth) -> None:
    ids = truth(
        "MATCH (c:Customer) WITH c, COUNT { (c)--() } AS degree ORDER BY degree DESC, c.customer_id "
        "WITH collect(c.customer_id) AS ids RETURN ids[0] AS big, ids[-1] AS small, "
        "[(c:Customer)-[:MEMBER_OF]->(:FraudRing) | c.customer_id][0] AS member"
    )[0]
    costs = {k: _round_trips(api, CUSTOMER_360, {"id": v}) for k, v in ids.items()}
    assert max(costs.values()) <= MAX_360_ROUND_TRIPS, costs


def test_a_list_of_360s_costs_no_more_than_one(api: Api) -> None:
    """No N+1: each relation is read once per place it appears in the query, for the whole page.

    Ring members and household members are both customers, read by one loader from two places
    in the query: at most two customer reads. Everything else: at most one read each."""
    nested = """query($n: Int!) { customers(first: $n) { nodes { id identifiers { value } accounts { account {
        id transactions(first: 3) { nodes { id } } } } devices { device { id } coUsers(first: 3) { id } }
        household { id members { id } } rings { id members { id } } alerts { id } counts { accounts } } } }"""
    allowed = {"customers_by_id": 2}
    for n in (1, 50, 100):
        body = api.post(nested, {"n": n}).json()
        assert not body.get("errors"), body
        names = Counter(body["extensions"]["cypherQueries"])
        assert all(count <= allowed.get(name, 1) for name, count in names.items()), (n, names)
        assert body["extensions"]["cypherRoundTrips"] == sum(names.values()) <= MAX_360_ROUND_TRIPS
    assert {"rings_by_id", "households_by_id", "account_transactions", "device_users"} <= set(names)


def test_every_customer_read_is_audited(api: Api, bank_env: dict[str, str]) -> None:
    body = api.post(
        "query Audited { customers(first: 3) { nodes { id } } }", role="relationship_manager"
    ).json()
    request_id = body["extensions"]["requestId"]
    with api.engine.connect() as conn:
        row = conn.execute(
            sa.text("SELECT principal, role, operation, customer_ids FROM api_audit WHERE request_id = :r"),
            {"r": request_id},
        ).one()
    assert row.principal == "test-relationship_manager" and row.role == "relationship_manager"
    assert row.operation == "Audited"
    assert json.loads(row.customer_ids) == [n["id"] for n in body["data"]["customers"]["nodes"]]
    # The CLI shows the same trail.
    shown = run_c360("api", "audit", "--principal", "test-relationship_manager", "--json", env=bank_env)
    assert shown.returncode == 0, shown.stderr
    assert request_id in [r["request_id"] for r in json.loads(shown.stdout)]


def test_a_decision_is_recorded_audited_and_seen_by_the_cli(
    api: Api, truth: Truth, bank_env: dict[str, str]
) -> None:
    ring = truth("MATCH (f:FraudRing) RETURN f.id AS id ORDER BY f.score DESC LIMIT 1")[0]["id"]
    mutation = (
        'mutation($id: ID!) { decideRing(ringId: $id, decision: CONFIRMED, note: "mule accounts") '
        "{ ringId decision decidedBy note } }"
    )
    refused = api.post(mutation, {"id": ring}, role="relationship_manager").json()
    assert "only the fraud_analyst role" in refused["errors"][0]["message"]
    made = api.data(mutation, {"id": ring})["decideRing"]
    assert made == {
        "ringId": ring,
        "decision": "CONFIRMED",
        "decidedBy": "test-fraud_analyst",
        "note": "mule accounts",
    }
    status = api.data("query($id: ID!) { ring(id: $id) { status decisions { decidedBy } } }", {"id": ring})[
        "ring"
    ]
    assert status["status"] == "CONFIRMED" and status["decisions"][0]["decidedBy"] == "test-fraud_analyst"
    # The CLI's next detection run reads the same store: the ring stays confirmed.
    rerun = run_c360("rings", "detect", env=bank_env)
    assert rerun.returncode == 0, rerun.stderr
    assert truth("MATCH (f:FraudRing {id: $id}) RETURN f.status AS s", id=ring) == [{"s": "confirmed"}]
    unknown = api.post(
        'mutation { decideRing(ringId: "FR-999999", decision: DISMISSED, note: "x") { ringId } }'
    )
    assert "no ring 'FR-999999'" in unknown.json()["errors"][0]["message"]
    with api.engine.connect() as conn:
        decided = conn.execute(
            sa.text("SELECT decided_by FROM ring_decisions WHERE ring_id = :r"), {"r": ring}
        ).all()
    assert [d.decided_by for d in decided] == ["test-fraud_analyst"]
