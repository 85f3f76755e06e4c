"""Apply the constraints and indexes in cypher/schema/, idempotently (IF NOT EXISTS)."""

from __future__ import annotations

import neo4j

from cypher import names, statements, text


def apply(driver: neo4j.Driver, database: str) -> int:
    """Run every schema statement; returns how many ran. Waits until indexes are online."""
    count = 0
    for name in names("schema"):
        for stmt in statements(name):
            driver.execute_query(stmt, database_=database)
            count += 1
    # A MERGE before its index is online would scan; wait (Community builds them quickly).
    driver.execute_query(text("admin/await_indexes"), seconds=300, database_=database)
    return count
