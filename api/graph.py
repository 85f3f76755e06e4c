"""Reads from Neo4j for one request, counted.

Every Cypher round trip the API makes goes through `RequestGraph.rows`, which counts it: the
count is returned in the response's `extensions`, tested, and reported by the benchmark.

Reads run as auto-commit transactions: one network round trip (RUN and PULL pipelined) instead of
the BEGIN, RUN, PULL and COMMIT of a managed transaction, which matters when a request makes
several small reads. A read that fails on a transient error (a dropped connection, a leader
switch) is retried once; a read has no side effects, so retrying it is always safe.
"""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError

from cypher import text

RETRIED = (ServiceUnavailable, SessionExpired, TransientError)


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
        query = neo4j.Query(text(f"api/{name}"))  # our own file, never user input
        try:
            return await self._read(query, params)
        except RETRIED:
            return await self._read(query, params)

    async def _read(self, query: neo4j.Query, params: dict[str, Any]) -> list[dict[str, Any]]:
        async with self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS) as s:
            result = await s.run(query, params)
            return await result.data()
