"""The in-database engine: hub limit, hubs and components computed by Cypher alone (no GDS).

Components come from min-label propagation over scratch properties: each round is one pass over
the linking identifiers' customers, and it takes as many rounds as the longest shortest path in a
component (a chain ring of 30 needs about 30). The scratch properties are removed afterwards,
also when a round fails.
"""

from __future__ import annotations

import neo4j

import cypher
from analytics.components import sort_groups
from analytics.model import Components, Hub

MAX_ROUNDS = 10_000


def _write(driver: neo4j.Driver, database: str, name: str, **params: object) -> list[neo4j.Record]:
    records, _, _ = driver.execute_query(cypher.text(name), params, database_=database)
    return records


def run(driver: neo4j.Driver, database: str, floor: int, percentile: float) -> Components:
    read = neo4j.RoutingControl.READ
    records, _, _ = driver.execute_query(
        cypher.text("analytics/engine/hub_limit"), floor=floor, percentile=percentile,
        database_=database, routing_=read,
    )  # fmt: skip
    limit = int(records[0]["hub_limit"])
    records, _, _ = driver.execute_query(
        cypher.text("analytics/engine/hubs"), limit=limit, database_=database, routing_=read
    )
    found = sorted(
        (Hub(r["kind"], r["key"], int(r["degree"])) for r in records),
        key=lambda h: (-h.degree, h.kind, h.key),
    )
    _write(driver, database, "analytics/engine/cleanup")
    try:
        _write(driver, database, "analytics/engine/mark", limit=limit)
        for _ in range(MAX_ROUNDS):
            if int(_write(driver, database, "analytics/engine/propagate")[0]["changed"]) == 0:
                break
        groups = [frozenset(r["members"]) for r in _write(driver, database, "analytics/engine/components")]
    finally:
        _write(driver, database, "analytics/engine/cleanup")
    return Components(sort_groups(groups), found, limit)
