"""Schema fuzzing: generated queries (hypothesis-graphql) against the production server. Whatever
the query, the server answers with GraphQL errors at worst: never a 5xx, never a traceback or an
internal detail. Bounded: a fixed number of examples, each with a timeout."""

from __future__ import annotations

import re

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import from_schema, nodes

from api.schema.build import sdl
from tests.e2e.api.conftest import Api

SCALARS = {
    "Long": st.integers(min_value=-(2**53), max_value=2**53).map(nodes.Int),
    "DateTime": st.datetimes().map(lambda d: nodes.String(d.isoformat())),
}
#: What must never reach a client: Python tracebacks, driver and database internals.
LEAKS = re.compile(
    r"Traceback|File \"|neo4j\.|Neo\.|sqlalchemy|psycopg2|\.py\b|Cypher|Exception", re.IGNORECASE
)
SCHEMA = sdl()


def _check(api: Api, query: str) -> None:
    response = httpx.post(
        f"{api.url}/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {api.keys['fraud_analyst']}"},
        timeout=60,
    )
    assert response.status_code < 500, (query, response.text[:500])
    body = response.json()
    for error in body.get("errors") or []:
        assert not LEAKS.search(error["message"]), (query, error)
        assert set(error) <= {"message", "locations", "path", "extensions"}, error
        assert "stacktrace" not in str(error.get("extensions", {})).lower(), error


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    query=from_schema(SCHEMA, custom_scalars=SCALARS, fields=["customer", "customers", "account", "device"])
)
def test_fuzzed_lookups_never_break_the_server(prod_api: Api, query: str) -> None:
    _check(prod_api, query)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    query=from_schema(
        SCHEMA,
        custom_scalars=SCALARS,
        fields=["rings", "ring", "household", "alerts", "linkedCustomers", "path", "viewer"],
    )
)
def test_fuzzed_analytics_queries_never_break_the_server(prod_api: Api, query: str) -> None:
    _check(prod_api, query)
