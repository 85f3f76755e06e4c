"""Every query of the API over HTTP against real uvicorn and real Neo4j, checked against the graph."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.api.conftest import Api, Truth

CUSTOMER_360 = (Path(__file__).resolve().parents[3] / "api" / "examples" / "customer360.graphql").read_text()


def _ring_member(truth: Truth) -> dict[str, str]:
    rows = truth(
        "MATCH (c:Customer)-[:MEMBER_OF]->(f:FraudRing) "
        "RETURN c.customer_id AS customer, f.id AS ring ORDER BY f.score DESC, c.customer_id LIMIT 1"
    )
    assert rows, "the fraud-heavy bank must have a ring"
    return rows[0]


def test_customer_360_matches_the_graph(api: Api, truth: Truth) -> None:
    member = _ring_member(truth)
    c = api.data(CUSTOMER_360, {"id": member["customer"]})["customer"]
    assert c["id"] == member["customer"]
    want = truth(
        "MATCH (c:Customer {customer_id: $id}) RETURN c.full_name AS name, "
        "COUNT { (c)-[:HOLDS]->() } AS accounts, COUNT { (c)-[:USES]->() } AS devices, "
        "COUNT { (c)-[:HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]->() } AS identifiers",
        id=member["customer"],
    )[0]
    assert c["fullName"] == want["name"]
    assert len(c["accounts"]) == c["counts"]["accounts"] == want["accounts"]
    assert len(c["devices"]) == c["counts"]["devices"] == want["devices"]
    assert len(c["identifiers"]) == c["counts"]["identifiers"] == want["identifiers"]
    assert member["ring"] in [r["id"] for r in c["rings"]]
    ring = next(r for r in c["rings"] if r["id"] == member["ring"])
    assert member["customer"] in [m["id"] for m in ring["members"]]
    assert ring["evidence"]["scoreParts"] and ring["explanation"]
    assert abs(sum(p["points"] for p in ring["evidence"]["scoreParts"]) - ring["score"]) < 0.5
    times = [t["occurredAt"] for t in c["recentTransactions"]]
    assert times == sorted(times, reverse=True)


def test_unknown_ids_are_null_not_errors(api: Api) -> None:
    data = api.data(
        '{ customer(id: "NOPE") { id } account(id: "0") { id } device(id: "x") { id } '
        'household(id: "HS-999999") { id } ring(id: "FR-999999") { id } }'
    )
    assert data == {"customer": None, "account": None, "device": None, "household": None, "ring": None}


def test_search_by_each_kind_of_identifier(api: Api, truth: Truth) -> None:
    row = truth(
        "MATCH (c:Customer)-[:HAS_PHONE]->(p:Phone), (c)-[:HAS_EMAIL]->(e:Email), "
        "(c)-[:HAS_ID]->(n:NationalId), (c)-[:HOLDS]->(a:Account) WHERE COUNT { (p)<--() } = 1 "
        "RETURN c.customer_id AS id, c.full_name AS name, p.e164 AS phone, e.address AS email, "
        "n.value AS nid, "
        "a.account_no AS account LIMIT 1"
    )[0]
    query = "query($s: String!) { customers(search: $s, first: 100) { totalCount nodes { id } } }"
    local_phone = "0" + row["phone"][3:6] + " " + row["phone"][6:]  # as a customer would type it
    for text in (local_phone, row["email"].upper(), row["nid"], row["account"], row["name"]):
        found = api.data(query, {"s": text})["customers"]
        assert row["id"] in [n["id"] for n in found["nodes"]], text
        assert found["totalCount"] >= 1


def test_search_folds_vietnamese_accents(api: Api, truth: Truth) -> None:
    name = truth(
        "MATCH (c:Customer) WHERE c.full_name =~ '.*[ễăâđơư].*' RETURN c.customer_id AS id, "
        "c.full_name AS name ORDER BY c.customer_id LIMIT 1"
    )[0]
    import unicodedata

    folded = "".join(ch for ch in unicodedata.normalize("NFD", name["name"]) if not unicodedata.combining(ch))
    folded = folded.replace("đ", "d").replace("Đ", "D")
    query = "query($s: String!) { customers(search: $s, first: 100) { nodes { id } } }"
    assert name["id"] in [n["id"] for n in api.data(query, {"s": folded.lower()})["customers"]["nodes"]]


def test_customer_filters(api: Api, truth: Truth) -> None:
    want = truth("MATCH (c:Customer) WHERE EXISTS { (c)-[:MEMBER_OF]->(:FraudRing) } RETURN count(c) AS n")[
        0
    ]["n"]
    got = api.data(
        "{ customers(filter: {inRing: true}, first: 100) { totalCount nodes { id rings { id } } } }"
    )
    assert got["customers"]["totalCount"] == want > 0
    assert all(n["rings"] for n in got["customers"]["nodes"])
    seg = api.data('{ customers(filter: {segment: "mass"}, first: 5) { nodes { segment } } }')
    assert {n["segment"] for n in seg["customers"]["nodes"]} == {"mass"}


def test_account_transactions_filtered_and_paged(api: Api, truth: Truth) -> None:
    acc = truth(
        "MATCH (a:Account) RETURN a.account_no AS no, COUNT { (a)-[:SENT]->() } + COUNT { (a)<-[:TO]-() } "
        "AS n ORDER BY n DESC LIMIT 1"
    )[0]
    query = """query($id: ID!, $after: String, $f: TransactionFilter) { account(id: $id) {
        id balance holders { role customer { id } }
        transactions(first: 7, after: $after, filter: $f) {
          totalCount pageInfo { hasNextPage endCursor }
          nodes { id occurredAt amountVnd direction
                  counterparty { accountNo merchantId externalAccount } } } } }"""
    nodes, total = api.pages(query, ["account", "transactions"], {"id": acc["no"]})
    seen = [t["id"] for t in nodes]
    assert len(seen) == len(set(seen)) == total == acc["n"]
    # Amount and counterparty filters: every row obeys them, and the count agrees.
    big = api.data(query, {"id": acc["no"], "f": {"minAmountVnd": 1_000_000}})["account"]["transactions"]
    assert all(t["amountVnd"] >= 1_000_000 for t in big["nodes"])
    assert big["totalCount"] == sum(1 for t in nodes if t["amountVnd"] >= 1_000_000)
    first = api.data(query, {"id": acc["no"]})["account"]["transactions"]["nodes"][0]
    other = first["counterparty"]["accountNo"] or first["counterparty"]["merchantId"]
    if other:
        only = api.data(query, {"id": acc["no"], "f": {"counterparty": other}})["account"]["transactions"]
        assert only["totalCount"] >= 1
        assert all(
            other in (t["counterparty"]["accountNo"], t["counterparty"]["merchantId"])
            or t["direction"] == "IN"
            for t in only["nodes"]
        )
    window = {"since": "2025-01-01T00:00:00", "until": "2025-07-01T00:00:00"}
    dated = api.data(query, {"id": acc["no"], "f": window})["account"]["transactions"]["nodes"]
    assert all("2025-01-01" <= t["occurredAt"] < "2025-07-01" for t in dated)


def test_device_with_its_users(api: Api, truth: Truth) -> None:
    dev = truth(
        "MATCH (d:Device)<-[:USES]-(c) WITH d, count(c) AS n ORDER BY n DESC, d.device_id LIMIT 1 "
        "RETURN d.device_id AS id, n"
    )[0]
    got = api.data(
        "query($id: ID!) { device(id: $id) { id userCount users(first: 100) { totalCount nodes { id } } } }",
        {"id": dev["id"]},
    )["device"]
    assert got["userCount"] == got["users"]["totalCount"] == dev["n"]
    assert len(got["users"]["nodes"]) == min(100, dev["n"])


def test_household_and_ring(api: Api, truth: Truth) -> None:
    hh = truth("MATCH (h:Household) RETURN h.id AS id, h.size AS size ORDER BY h.id LIMIT 1")[0]
    got = api.data(
        "query($id: ID!) { household(id: $id) { id size address members { id } ties { a b reasons } } }",
        {"id": hh["id"]},
    )["household"]
    assert got["size"] == len(got["members"]) == hh["size"] and got["ties"]
    ring = _ring_member(truth)["ring"]
    r = api.data(
        "query($id: ID!) { ring(id: $id) { id score status size members { id } decisions { note } "
        "evidence { sharedIdentifiers { kind value members } money { transfers totalVnd } "
        "bursts { deviceId accounts } untrustedDevices { deviceId } alerts { rule count } } } }",
        {"id": ring},
    )["ring"]
    assert r["size"] == len(r["members"]) and r["evidence"]["sharedIdentifiers"]


def test_rings_sorted_filtered_and_paged(api: Api, truth: Truth) -> None:
    total = truth("MATCH (f:FraudRing) RETURN count(f) AS n")[0]["n"]
    query = (
        "query($after: String, $min: Float!) { rings(first: 2, after: $after, minScore: $min) { totalCount "
        "pageInfo { hasNextPage endCursor } nodes { id score } } }"
    )
    nodes, counted = api.pages(query, ["rings"], {"min": 0.0})
    scores, ids = [n["score"] for n in nodes], [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)) == counted == total > 0
    assert scores == sorted(scores, reverse=True)
    cut = sorted(scores)[len(scores) // 2]
    high = api.data(query, {"after": None, "min": cut})["rings"]
    assert high["totalCount"] == sum(1 for s in scores if s >= cut)
    opened = api.data("{ rings(status: [OPEN, REOPENED], first: 100) { nodes { status } } }")["rings"][
        "nodes"
    ]
    assert {n["status"] for n in opened} <= {"OPEN", "REOPENED"}


def test_linked_customers_give_a_reason_per_link(api: Api, truth: Truth) -> None:
    member = _ring_member(truth)["customer"]
    got = api.data(
        "query($id: ID!) { linkedCustomers(id: $id, maxHops: 2, first: 50) { hops customer { id } "
        "path { fromCustomerId toCustomerId kind via otherAccount direction transfers totalVnd } } }",
        {"id": member},
    )["linkedCustomers"]
    assert got, "a ring member is linked to other members"
    for linked in got:
        assert linked["hops"] == len(linked["path"]) >= 1
        assert linked["path"][0]["fromCustomerId"] == member
        assert linked["path"][-1]["toCustomerId"] == linked["customer"]["id"]
        for a, b in zip(linked["path"], linked["path"][1:], strict=False):
            assert a["toCustomerId"] == b["fromCustomerId"]
        assert all(step["via"] for step in linked["path"])
    hops = [x["hops"] for x in got]
    assert hops == sorted(hops)
    direct = {x["customer"]["id"] for x in got if x["hops"] == 1}
    ring_mates = truth(
        "MATCH (:Customer {customer_id: $id})-[:MEMBER_OF]->(:FraudRing)<-[:MEMBER_OF]-(o) "
        "RETURN collect(o.customer_id) AS ids",
        id=member,
    )[0]["ids"]
    assert direct & set(ring_mates)


def test_path_between_two_ring_members(api: Api, truth: Truth) -> None:
    pair = truth(
        "MATCH (a:Customer)-[:MEMBER_OF]->(f:FraudRing)<-[:MEMBER_OF]-(b:Customer) "
        "WHERE a.customer_id < b.customer_id RETURN a.customer_id AS a, b.customer_id AS b LIMIT 1"
    )[0]
    got = api.data(
        "query($a: ID!, $b: ID!) { path(fromCustomer: $a, toCustomer: $b) { hops relationships "
        "steps { label key } customers { id } } }",
        pair,
    )["path"]
    assert got is not None
    assert got["hops"] == len(got["relationships"]) == len(got["steps"]) - 1
    assert got["steps"][0] == {"label": "Customer", "key": pair["a"]}
    assert got["steps"][-1] == {"label": "Customer", "key": pair["b"]}
    assert got["customers"][0]["id"] == pair["a"] and got["customers"][-1]["id"] == pair["b"]


def test_risk_alerts(api: Api, truth: Truth) -> None:
    total = truth("MATCH (r:RiskAlert {status: 'open'}) RETURN count(r) AS n")[0]["n"]
    assert total > 0, "risk scan raised alerts on the fraud-heavy bank"
    page = api.data("{ alerts(first: 5) { totalCount nodes { id rule severity raisedAt customer { id } } } }")
    assert page["alerts"]["totalCount"] == total
    times = [a["raisedAt"] for a in page["alerts"]["nodes"]]
    assert times == sorted(times, reverse=True)
    cid = truth("MATCH (c:Customer)-[:HAS_ALERT]->() RETURN c.customer_id AS id LIMIT 1")[0]["id"]
    mine = api.data(
        "query($id: ID!) { customer(id: $id) { alerts { id rule } counts { alerts } } }", {"id": cid}
    )
    assert len(mine["customer"]["alerts"]) == min(20, mine["customer"]["counts"]["alerts"]) > 0


def test_health(api: Api) -> None:
    import httpx

    assert httpx.get(f"{api.url}/health").json() == {"status": "ok", "neo4j": "up"}
