"""Write the run's rings and households back into the graph, replacing the previous run's."""

from __future__ import annotations

import json

import neo4j

import cypher
from analytics.model import FraudRing, Household

_BATCH = 500


def write(
    driver: neo4j.Driver, database: str, run: int, rings: list[FraudRing], households: list[Household]
) -> None:
    """Delete every FraudRing and Household node, then write this run's. O(members)."""
    with driver.session(database=database) as session:
        session.run(cypher.text("analytics/clear_results")).consume()
    ring_rows = [
        {"id": r.id, "score": r.score, "status": r.status, "change": r.change,
         "change_detail": r.change_detail, "evidence": json.dumps(r.evidence, sort_keys=True),
         "members": sorted(r.members)}
        for r in rings
    ]  # fmt: skip
    hh_rows = [
        {"id": h.id, "address": h.address, "change": h.change, "ring": h.ring_id,
         "ties": json.dumps([{"a": t.a, "b": t.b, "reasons": list(t.reasons)} for t in h.ties]),
         "members": sorted(h.members)}
        for h in households
    ]  # fmt: skip
    for start in range(0, len(ring_rows), _BATCH):
        driver.execute_query(
            cypher.text("analytics/write_rings"), run=run, rings=ring_rows[start : start + _BATCH],
            database_=database,
        )  # fmt: skip
    for start in range(0, len(hh_rows), _BATCH * 10):
        driver.execute_query(
            cypher.text("analytics/write_households"), run=run,
            households=hh_rows[start : start + _BATCH * 10], database_=database,
        )  # fmt: skip
