"""Reads from Neo4j for one request, counted.

Every Cypher round trip the API makes goes through `RequestGraph.rows`, which counts it: the
count is returned in the response's `extensions`, tested, and reported by the benchmark.
"""

from __future__ import annotations

from typing import Any

import neo4j

from cypher import text


class RequestGraph:
    def __init__(self, driver: neo4j.AsyncDriver, database: str) -> None:
        self._driver = driver
        self._database = database
        self.round_trips = 0
        #: The queries run, in order (shown in development mode's response extensions).
        self.names: list[str] = []

    async def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """The rows of `cypher/api/<name>.cypher`, as dicts, read from a reader."""
        self.round_trips += 1
        self.names.append(name)
        records, _, _ = await self._driver.execute_query(
            text(f"api/{name}"), params, database_=self._database, routing_=neo4j.RoutingControl.READ
        )
        return [record.data() for record in records]
