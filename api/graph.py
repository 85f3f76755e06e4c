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
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired, TransientError
from neo4j.graph import Entity, Path

from api.errors import QueryTimeoutError
from cypher import text

RETRIED = (ServiceUnavailable, SessionExpired, TransientError)


class RequestGraph:
    def __init__(
        self, driver: neo4j.AsyncDriver, database: str, timeout: float, check_values: bool = False
    ) -> None:
        self._driver = driver
        self._database = database
        self._timeout = timeout
        self._check_values = check_values
        self.round_trips = 0
        #: The queries run, in order (shown in development mode's response extensions).
        self.names: list[str] = []

    async def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """The rows of `cypher/api/<name>.cypher`, as dicts, read from a reader."""
        self.round_trips += 1
        self.names.append(name)
        # Our own file, never user input; Neo4j stops it at the timeout, so no request can hold
        # the server's threads for long, whatever it asks.
        query = neo4j.Query(text(f"api/{name}"), timeout=self._timeout)
        try:
            return await self._read(query, params)
        except RETRIED:
            return await self._read(query, params)

    async def _read(self, query: neo4j.Query, params: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            return await self._run(query, params)
        except ClientError as exc:
            if "TransactionTimedOut" not in (exc.code or ""):
                raise
            raise QueryTimeoutError(
                f"the query took longer than {query.timeout:g} s, the API's limit for one read, and was "
                "stopped: ask for less at once (smaller pages, fewer hops, a narrower filter)"
            ) from exc

    async def _run(self, query: neo4j.Query, params: dict[str, Any]) -> list[dict[str, Any]]:
        async with self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS) as s:
            result = await s.run(query, params)
            keys = result.keys()
            # Not `result.data()`: it walks every nested value to turn nodes and relationships
            # into dicts, and the API's queries return maps and scalars only, so the walk was
            # pure cost. Development mode (which the tests run) checks that they do.
            rows = [dict(zip(keys, values, strict=True)) for values in await result.values()]
        if self._check_values:
            _no_graph_values(query.text, rows)
        return rows


def _no_graph_values(query: str, value: object) -> None:
    if isinstance(value, dict):
        for v in value.values():
            _no_graph_values(query, v)
    elif isinstance(value, list):
        for v in value:
            _no_graph_values(query, v)
    elif isinstance(value, Entity | Path):
        raise TypeError(
            f"an API query returned a {type(value).__name__}; return a map (n {{.*}}) instead:\n{query[:200]}"
        )
