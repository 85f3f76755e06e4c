"""Pull the identifier graph out of Neo4j: every identifier shared by two or more customers.

Identifiers used by one customer cannot link anyone, so they never leave the database; what
comes back is a few rows per grouped customer (about a third of a generated bank).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import neo4j

import cypher
from analytics.model import Identifier, SharedIdentifier


def fetch_shared(driver: neo4j.Driver, database: str) -> list[SharedIdentifier]:
    """Every identifier with two or more distinct customers. One read; O(links) in the server."""
    records, _, _ = driver.execute_query(
        cypher.text("analytics/shared_identifiers"), database_=database, routing_=neo4j.RoutingControl.READ
    )
    out = [SharedIdentifier(r["kind"], r["key"], tuple(sorted(r["members"]))) for r in records]
    out.sort(key=lambda s: (s.kind, s.key))
    return out


def fetch_degree_histogram(driver: neo4j.Driver, database: str) -> dict[int, int]:
    """{degree: identifiers} over every identifier, for the hub limit. One read."""
    records, _, _ = driver.execute_query(
        cypher.text("analytics/identifier_degrees"), database_=database, routing_=neo4j.RoutingControl.READ
    )
    return {int(r["degree"]): int(r["identifiers"]) for r in records}


def fetch_links(driver: neo4j.Driver, database: str, customer_ids: list[str]) -> list[tuple[str, str, str]]:
    """(customer_id, kind, key) for every identifier link of the given customers, in batches."""
    out: list[tuple[str, str, str]] = []
    for start in range(0, len(customer_ids), 10_000):
        records, _, _ = driver.execute_query(
            cypher.text("analytics/customer_links"),
            ids=customer_ids[start : start + 10_000],
            database_=database,
            routing_=neo4j.RoutingControl.READ,
        )
        out.extend((r["customer_id"], r["kind"], r["key"]) for r in records)
    return out


def shared_within(
    groups: Iterable[frozenset[str]], links: Iterable[tuple[str, str, str]], hub_keys: set[Identifier]
) -> list[SharedIdentifier]:
    """The non-hub identifiers shared by two or more customers of one group. O(links)."""
    group_of = {cid: i for i, g in enumerate(groups) for cid in g}
    users: dict[Identifier, set[str]] = defaultdict(set)
    for cid, kind, key in links:
        if cid in group_of and (kind, key) not in hub_keys:
            users[(kind, key)].add(cid)
    out = [
        SharedIdentifier(kind, key, tuple(sorted(m)))
        for (kind, key), m in users.items()
        if len(m) >= 2 and len({group_of[c] for c in m}) == 1
    ]
    out.sort(key=lambda s: (s.kind, s.key))
    return out
