"""Paging yields exactly the total; a 360 costs a fixed, small number of Cypher round trips; every
customer read is audited; an analyst's decision lands in the CLI's store."""

from __future__ import annotations

import json
from collections import Counter

import sqlalchemy as sa

from tests.cli import run_c360
from tests.e2e.api.conftest import CUSTOMERS, Api, Truth
from tests.e2e.api.test_api_queries import CUSTOMER_360

#: What a list of 360s with relations two levels deep may cost, whatever the page size.
MAX_NESTED_ROUND_TRIPS = 4


def _as_fragment(query: str) -> str:
    """The same 360 with the customer's fields in a fragment: the API does not look into
    fragments to plan its combined read, so this one is read relation by relation."""
    head, _, body = query.partition("customer(id: $id) {")
    return (
        head + "customer(id: $id) { ...All }\n}\nfragment All on Customer {" + body.rstrip().removesuffix("}")
    )


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


def _kinds_of_customer(truth: Truth) -> dict[str, str]:
    return truth(
        "MATCH (c:Customer) WITH c, COUNT { (c)--() } AS degree ORDER BY degree DESC, c.customer_id "
        "WITH collect(c.customer_id) AS ids RETURN ids[0] AS big, ids[-1] AS small, "
        "[(c:Customer)-[:MEMBER_OF]->(:FraudRing) | c.customer_id][0] AS ring_member, "
        "[(c:Customer)-[:MEMBER_OF]->(:Household) | c.customer_id][0] AS household_member, "
        "[(c:Customer)-[:USES]->(d:Device) WHERE COUNT { (d)<-[:USES]-() } > 11 | c.customer_id][0] "
        "AS kiosk_user"
    )[0]


def test_a_full_360_is_one_round_trip_for_any_customer(api: Api, truth: Truth) -> None:
    ids = _kinds_of_customer(truth)
    assert all(ids.values()), ids
    costs = {k: _round_trips(api, CUSTOMER_360, {"id": v}) for k, v in ids.items()}
    assert costs == dict.fromkeys(ids, 1), costs


def test_the_one_round_trip_360_equals_the_360_read_relation_by_relation(api: Api, truth: Truth) -> None:
    """The combined read (cypher/api/customer360) and the per-relation queries must agree: the
    same 360, once planned and once through a fragment, which every loader reads on its own."""
    by_relation = _as_fragment(CUSTOMER_360)
    for kind, cid in _kinds_of_customer(truth).items():
        combined = api.post(CUSTOMER_360, {"id": cid}).json()
        separate = api.post(by_relation, {"id": cid}).json()
        assert not combined.get("errors") and not separate.get("errors"), (combined, separate)
        assert separate["extensions"]["cypherRoundTrips"] > 1, (
            "the fragment must be read relation by relation"
        )
        assert combined["data"] == separate["data"], kind


def test_a_list_of_360s_costs_no_more_than_one(api: Api) -> None:
    """No N+1: each relation is read once per place it appears in the query, for the whole page.

    Planned, the page's 360s are one combined read. Through a fragment, relation by relation:
    ring members and household members are both customers, read by one loader from two places
    in the query, so at most two customer reads; everything else at most one read each."""
    fields = """id identifiers { value } accounts { account { id transactions(first: 3) { nodes { id } } } }
        devices { device { id } coUsers(first: 3) { id } } household { id members { id } }
        rings { id members { id } } alerts { id } counts { accounts }"""
    nested = f"query($n: Int!) {{ customers(first: $n) {{ nodes {{ {fields} }} }} }}"
    fragment = (
        "query($n: Int!) { customers(first: $n) { nodes { ...All } } } "
        f"fragment All on Customer {{ {fields} }}"
    )
    allowed = {"customers_by_id": 2}
    for n in (1, 50, 100):
        body = api.post(fragment, {"n": n}).json()
        assert not body.get("errors"), body
        names = Counter(body["extensions"]["cypherQueries"])
        assert all(count <= allowed.get(name, 1) for name, count in names.items()), (n, names)
    assert {"rings_by_id", "households_by_id", "account_transactions", "device_users"} <= set(names)
    for n in (1, 50, 100):
        body = api.post(nested, {"n": n}).json()
        assert not body.get("errors"), body
        names = Counter(body["extensions"]["cypherQueries"])
        # The page, its combined 360 (co-users, households, rings and their members included),
        # and one read of all the page's accounts' transactions.
        assert names == {"customers_list": 1, "customer360": 1, "account_transactions": 1}, (n, names)
        assert body["extensions"]["cypherRoundTrips"] == sum(names.values()) <= MAX_NESTED_ROUND_TRIPS


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
