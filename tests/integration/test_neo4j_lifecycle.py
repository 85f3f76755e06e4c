"""`c360 neo4j start | stop | status` as a user runs them, against the test home's real server."""

from __future__ import annotations

import json
import socket
import uuid
from pathlib import Path

import neo4j
import pytest

from c360.bootstrap import neo4j_auth, neo4j_driver
from c360.net import free_port
from c360.settings import Settings
from tests.cli import run_c360
from tests.conftest import make_test_settings, settings_env

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@pytest.fixture
def local_server(neo4j_server: Settings) -> Settings:
    if not neo4j_server.uses_local_neo4j:
        pytest.skip("lifecycle tests manage the local server; NEO4J_URI points elsewhere")
    return neo4j_server


def test_start_while_running_does_nothing_and_says_so(local_server: Settings) -> None:
    env = settings_env(local_server)
    before = json.loads(run_c360("neo4j", "status", "--json", env=env).stdout)
    result = run_c360("neo4j", "start", env=env)
    after = json.loads(run_c360("neo4j", "status", "--json", env=env).stdout)
    assert result.returncode == 0, result.stderr
    assert "already running" in result.stdout
    assert before["running"] and after["running"]
    assert after["pid"] == before["pid"]


def test_stop_then_start_keeps_the_data(local_server: Settings, driver: neo4j.Driver) -> None:
    env = settings_env(local_server)
    marker = str(uuid.uuid4())
    driver.execute_query("CREATE (:Durable {marker: $m})", m=marker, database_=local_server.neo4j_database)

    stopped = run_c360("neo4j", "stop", env=env)
    assert stopped.returncode == 0, stopped.stderr
    assert "stopped" in stopped.stdout
    status = json.loads(run_c360("neo4j", "status", "--json", env=env).stdout)
    assert status["running"] is False

    started = run_c360("neo4j", "start", env=env)
    assert started.returncode == 0, started.stderr
    with neo4j_driver(local_server) as fresh:
        records, _, _ = fresh.execute_query(
            "MATCH (d:Durable {marker: $m}) RETURN count(d) AS n", m=marker,
            database_=local_server.neo4j_database,
        )  # fmt: skip
    assert records[0]["n"] == 1


def test_a_taken_bolt_port_gives_a_clear_error(local_server: Settings, tmp_path: Path) -> None:
    other = make_test_settings(
        c360_home=tmp_path / "home", neo4j_bolt_port=free_port(), neo4j_http_port=free_port()
    )
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", other.neo4j_bolt_port))
        squatter.listen()
        result = run_c360("neo4j", "start", env=settings_env(other))
    assert result.returncode != 0
    assert f"Port {other.neo4j_bolt_port} for Neo4j Bolt is already in use" in result.stderr
    assert "NEO4J_BOLT_PORT" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_with_neo4j_uri_set_nothing_local_is_installed_or_started(
    neo4j_server: Settings, tmp_path: Path
) -> None:
    user, password = neo4j_auth(neo4j_server)
    external = make_test_settings(
        c360_home=tmp_path / "home", neo4j_uri=neo4j_server.effective_neo4j_uri,
        neo4j_user=user, neo4j_password=password,
    )  # fmt: skip
    env = settings_env(external)
    for command in ("install", "start", "status", "stop"):
        result = run_c360("neo4j", command, env=env)
        assert result.returncode == 0, result.stderr
        assert "using the external Neo4j" in result.stdout
        assert "Nothing local" in result.stdout
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").glob("neo4j-*"))
