"""Per-table sync watermarks, kept in the graph itself as (:SyncWatermark) nodes.

Keeping them in Neo4j lets a batch and its watermark commit in one transaction: after a crash the
graph is either before the batch with the old watermark, or after it with the new one.
"""

from __future__ import annotations

import neo4j

from cypher import text
from graph_loader.reader import Watermark


def read_all(driver: neo4j.Driver, database: str) -> dict[str, Watermark]:
    records, _, _ = driver.execute_query(
        text("sync/get_watermarks"), database_=database, routing_=neo4j.RoutingControl.READ
    )
    marks: dict[str, Watermark] = {}
    for r in records:
        ts = r["updated_at"]
        marks[r["source"]] = Watermark(ts.to_native() if hasattr(ts, "to_native") else ts, tuple(r["key"]))
    return marks


def clear(driver: neo4j.Driver, database: str) -> None:
    driver.execute_query(text("sync/clear_watermarks"), database_=database)
