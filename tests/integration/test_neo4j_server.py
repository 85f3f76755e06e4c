"""The local Neo4j is real: Bolt with auth, HTTP, Browser and APOC."""

from __future__ import annotations

import json
import urllib.request
import uuid

import neo4j
import pytest
from neo4j.exceptions import AuthError

from c360.settings import Settings

pytestmark = pytest.mark.neo4j


def test_bolt_round_trip_with_auth_reads_back_what_it_wrote(
    graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    marker = str(uuid.uuid4())
    db = neo4j_server.neo4j_database
    graph.execute_query("CREATE (:Probe {marker: $marker, n: 42})", marker=marker, database_=db)
    records, _, _ = graph.execute_query(
        "MATCH (p:Probe {marker: $marker}) RETURN p.n AS n", marker=marker, database_=db,
        routing_=neo4j.RoutingControl.READ,
    )  # fmt: skip
    assert [r["n"] for r in records] == [42]


def test_wrong_password_is_an_authentication_error(neo4j_server: Settings) -> None:
    with (
        neo4j.GraphDatabase.driver(
            neo4j_server.effective_neo4j_uri, auth=(neo4j_server.neo4j_user, "not-the-password")
        ) as bad,
        pytest.raises(AuthError),
    ):
        bad.verify_connectivity()


def test_apoc_procedures_are_installed(driver: neo4j.Driver, neo4j_server: Settings) -> None:
    records, _, _ = driver.execute_query("CALL apoc.help('merge')", database_=neo4j_server.neo4j_database)
    names = {r["name"] for r in records}
    assert "apoc.merge.node" in names


def test_server_is_neo4j_5_26_community(driver: neo4j.Driver, neo4j_server: Settings) -> None:
    records, _, _ = driver.execute_query("CALL dbms.components() YIELD versions, edition RETURN *")
    assert records[0]["edition"] == "community"
    assert records[0]["versions"][0].startswith("5.26.")


def _http_get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 (loopback URL built here)
        return resp.status, resp.read().decode("utf-8", errors="replace")


def test_http_discovery_reports_version_5_26(neo4j_server: Settings) -> None:
    if not neo4j_server.uses_local_neo4j:
        pytest.skip("HTTP checks apply to the local server")
    status, body = _http_get(f"http://127.0.0.1:{neo4j_server.neo4j_http_port}/")
    assert status == 200
    assert json.loads(body)["neo4j_version"].startswith("5.26.")


def test_http_serves_neo4j_browser(neo4j_server: Settings) -> None:
    if not neo4j_server.uses_local_neo4j:
        pytest.skip("HTTP checks apply to the local server")
    status, body = _http_get(f"http://127.0.0.1:{neo4j_server.neo4j_http_port}/browser/")
    assert status == 200
    assert "Neo4j Browser" in body
