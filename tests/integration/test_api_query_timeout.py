"""A read that runs past API_QUERY_TIMEOUT_SECONDS is stopped by Neo4j, and the caller is told why
in words (a client error, so production does not mask it), not with a driver error."""

from __future__ import annotations

import asyncio
import time

import neo4j
import pytest

from api.errors import QueryTimeoutError, is_client_error
from api.graph import RequestGraph
from c360.bootstrap import neo4j_auth
from c360.settings import Settings

#: Counts to a billion: minutes of work, so only the timeout can end it within the test.
ENDLESS = "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"


async def _read_with_timeout(settings: Settings, seconds: float) -> None:
    driver = neo4j.AsyncGraphDatabase.driver(settings.effective_neo4j_uri, auth=neo4j_auth(settings))
    try:
        graph = RequestGraph(driver, settings.neo4j_database, timeout=seconds)
        await graph._read(neo4j.Query(ENDLESS, timeout=seconds), {})
    finally:
        await driver.close()


def test_a_read_past_the_timeout_is_stopped_with_a_clear_client_error(neo4j_server: Settings) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"longer than 0\.5 s.*ask for less") as caught:
        asyncio.run(_read_with_timeout(neo4j_server, 0.5))
    assert time.monotonic() - started < 30, "Neo4j must stop the read, not let it run to the end"
    assert is_client_error(caught.value)
