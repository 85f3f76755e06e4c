"""Two engines, one answer: on seeded random graphs, the in-process engine (scipy) and the
in-database engine (Cypher only) give the same result.

What is compared, exactly: the hub limit, the hubs, the groups of customers connected through
non-hub identifiers, and, after the shared splitting and household typing, the member sets of
the rings and of the households.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

import neo4j
import pytest

from analytics import pipeline
from c360.bootstrap import neo4j_driver
from c360.settings import Settings

pytestmark = pytest.mark.neo4j


@pytest.fixture
def own(graph: neo4j.Driver, neo4j_server: Settings) -> Iterator[neo4j.Driver]:
    """A driver of this test's own over the emptied database. `execute_query` records bookmarks in
    its driver; on the session's shared driver they would outlive a later bulk import, which
    replaces the database, and make that test wait for a transaction that no longer exists."""
    with neo4j_driver(neo4j_server) as drv:
        yield drv


SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng")
#: (label, key property, relationship type) per identifier kind.
KINDS = {
    "device": ("Device", "device_id", "USES"),
    "phone": ("Phone", "e164", "HAS_PHONE"),
    "email": ("Email", "address", "HAS_EMAIL"),
    "address": ("Address", "key", "LIVES_AT"),
    "national_id": ("NationalId", "value", "HAS_ID"),
    "ip": ("IP", "address", "USES_IP"),
}
# Test-only writers: labels cannot be parameters, so one fixed statement per kind.
LINK = {
    kind: f"UNWIND $rows AS row MATCH (c:Customer {{customer_id: row.c}}) "
    f"MERGE (i:{label}:Identifier {{{key}: row.k}}) MERGE (c)-[r:{rel}]->(i) SET r.kind = row.home"
    for kind, (label, key, rel) in KINDS.items()
}


def write_random_bank(driver: neo4j.Driver, db: str, seed: int, customers: int = 400) -> None:
    """Families with homes, joint accounts and a tablet; random sharing (a few rings); hubs."""
    rng = random.Random(seed)
    ids = [f"C{seed:02d}{i:05d}" for i in range(customers)]
    people = [{"id": c, "name": f"{rng.choice(SURNAMES)} Văn {i}",
               "dob": date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))}
              for i, c in enumerate(ids)]  # fmt: skip
    links: dict[str, list[dict[str, object]]] = {k: [] for k in KINDS}
    joint: list[dict[str, str]] = []
    i = 0
    while i < customers:  # homes: families of 1-4
        size = rng.choice((1, 1, 2, 3, 4))
        family = ids[i : i + size]
        for c in family:
            links["address"].append({"c": c, "k": f"home-{i}", "home": "home"})
            links["national_id"].append({"c": c, "k": f"id-{c}", "home": None})
        if len(family) >= 2 and rng.random() < 0.7:
            joint.append({"a": family[0], "b": family[1], "acct": f"J{i}"})
        if len(family) >= 2:
            for c in family:
                links["device"].append({"c": c, "k": f"tablet-{i}", "home": None})
        i += size
    for n in range(customers // 6):  # random sharing, degree 2-8: rings and coincidences
        kind = rng.choice(("device", "phone", "email", "ip", "address"))
        for c in rng.sample(ids, rng.randint(2, 8)):
            links[kind].append(
                {"c": c, "k": f"shared-{kind}-{n}", "home": "mailing" if kind == "address" else None}
            )
    for h, kind in enumerate(("device", "ip", "phone")):  # hubs
        for c in rng.sample(ids, rng.randint(20, 60)):
            links[kind].append({"c": c, "k": f"hub-{h}", "home": None})
    driver.execute_query(
        "UNWIND $rows AS p CREATE (:Customer {customer_id: p.id, full_name: p.name, date_of_birth: p.dob})",
        rows=people, database_=db,
    )  # fmt: skip
    for kind, rows in links.items():
        driver.execute_query(LINK[kind], rows=rows, database_=db)
    driver.execute_query(
        "UNWIND $rows AS j MATCH (a:Customer {customer_id: j.a}), (b:Customer {customer_id: j.b}) "
        "CREATE (a)-[:HOLDS {role: 'primary'}]->(:Account {account_no: j.acct})"
        "<-[:HOLDS {role: 'joint'}]-(b)",
        rows=joint, database_=db,
    )  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_in_process_and_in_database_engines_give_the_same_rings_and_households(
    seed: int, own: neo4j.Driver, neo4j_server: Settings
) -> None:
    print(f"random bank seed {seed}")
    db = neo4j_server.neo4j_database
    write_random_bank(own, db, seed)
    params = pipeline.params_from(neo4j_server)
    fast, fast_comps = pipeline.detect(own, db, params, "inprocess")
    slow, slow_comps = pipeline.detect(own, db, params, "cypher")
    assert fast_comps.hub_limit == slow_comps.hub_limit
    assert fast_comps.hubs == slow_comps.hubs and fast_comps.hubs, "each random bank has hubs"
    assert fast_comps.groups == slow_comps.groups
    assert sorted(sorted(r.members) for r in fast.rings) == sorted(sorted(r.members) for r in slow.rings)
    assert fast.rings, "each random bank has rings"
    assert sorted(sorted(h.members) for h in fast.households) == sorted(
        sorted(h.members) for h in slow.households
    )
