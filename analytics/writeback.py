"""Write the run's rings and households back into the graph, replacing the previous run's."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

import neo4j

import cypher
from analytics.model import FraudRing, Household

_BATCH = 500
#: Household batches written at once.
_WRITERS = 2


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

    def write_households(batch: Sequence[Mapping[str, object]]) -> None:
        driver.execute_query(
            cypher.text("analytics/write_households"), run=run, households=batch, database_=database
        )

    # Households inside a ring first, on their own: they share the ring nodes. The others share
    # nothing (a customer is in one household at most), so their batches run side by side without
    # waiting on each other's locks.
    in_rings = [h for h in hh_rows if h["ring"] is not None]
    apart = [h for h in hh_rows if h["ring"] is None]
    size = _BATCH * 10
    for batch in (in_rings[i : i + size] for i in range(0, len(in_rings), size)):
        write_households(batch)
    with ThreadPoolExecutor(_WRITERS) as pool:
        list(pool.map(write_households, [apart[i : i + size] for i in range(0, len(apart), size)]))
