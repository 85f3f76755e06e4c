"""Shared fixtures. Tiers (see TESTING.md): unit/ touches nothing outside the process;
integration/ and e2e/ run against a real Neo4j over Bolt and a real PostgreSQL.

The test services are separate from a developer's own: their own home (.c360/test) and ports, so
running the suite never stops, wipes or clashes with the server you are exploring in Browser.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import neo4j
import psycopg2
import pytest
import sqlalchemy as sa
from psycopg2 import sql
from sqlalchemy.engine import make_url

from analytics import pipeline
from c360 import local_postgres
from c360.bootstrap import neo4j_driver
from c360.local_neo4j import install, server
from c360.settings import Settings
from graph_loader import schema
from graph_loader.sync import full_load
from tests.builders import build_bank, plant_fraud_patterns, plant_household

REPO = Path(__file__).resolve().parent.parent
TEST_HOME = Path(os.environ.get("C360_TEST_HOME", REPO / ".c360" / "test"))
#: C360_TEST_PORT_OFFSET lets two checkouts run their suites side by side.
_OFFSET = int(os.environ.get("C360_TEST_PORT_OFFSET", "0"))
TEST_PORTS = {
    "neo4j_bolt_port": 17687 + _OFFSET,
    "neo4j_http_port": 17474 + _OFFSET,
    "postgres_port": 15433 + _OFFSET,
}


def make_test_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "c360_home": TEST_HOME,
        "neo4j_heap": "768m",
        "neo4j_pagecache": "256m",
        **TEST_PORTS,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment that makes a `c360` subprocess see the same settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "C360_", "DATABASE_URL"))}
    env.update(
        C360_HOME=str(settings.c360_home),
        NEO4J_BOLT_PORT=str(settings.neo4j_bolt_port),
        NEO4J_HTTP_PORT=str(settings.neo4j_http_port),
        NEO4J_HEAP=settings.neo4j_heap,
        NEO4J_PAGECACHE=settings.neo4j_pagecache,
        POSTGRES_PORT=str(settings.postgres_port),
    )
    if settings.neo4j_uri:
        env["NEO4J_URI"] = settings.neo4j_uri
    if settings.neo4j_password is not None:
        env["NEO4J_PASSWORD"] = settings.neo4j_password.get_secret_value()
    if settings.database_url:
        env["DATABASE_URL"] = settings.database_url
    return env


@pytest.fixture(scope="session")
def test_settings() -> Settings:
    return make_test_settings()


@pytest.fixture(scope="session")
def neo4j_server(test_settings: Settings) -> Iterator[Settings]:
    """A running Neo4j: the test home's local server (installed and started if needed), or the
    external one named by NEO4J_URI. Left running if it was already running before the session."""
    if not test_settings.uses_local_neo4j:
        yield test_settings
        return
    install.install(test_settings)
    already, _pid, _secs = server.start(test_settings)
    yield test_settings
    if not already and os.environ.get("C360_KEEP_SERVICES") != "1":
        server.stop(test_settings)


@pytest.fixture
def driver(neo4j_server: Settings) -> Iterator[neo4j.Driver]:
    """A driver per test. A shared one would carry bookmarks across tests, and after a test that
    replaces the database (the bulk import) the next test would wait for a transaction that no
    longer exists."""
    with neo4j_driver(neo4j_server) as drv:
        drv.verify_connectivity()
        yield drv


@pytest.fixture
def graph(driver: neo4j.Driver, neo4j_server: Settings) -> neo4j.Driver:
    """The driver, over an emptied database."""
    # CALL ... IN TRANSACTIONS needs an implicit (auto-commit) transaction: session.run, not
    # execute_query; batching keeps a big leftover graph from blowing the heap.
    with driver.session(database=neo4j_server.neo4j_database) as session:
        session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return driver


@pytest.fixture(scope="module")
def library_graph(neo4j_server: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[neo4j.Driver]:
    """One bank for the whole module: the builder's default bank plus the planted mule ring and
    family, with one analytics run written back, so the ring and household queries find
    FraudRing and Household nodes. The module's own driver: the per-test `driver` fixture is too
    short-lived for it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('library') / 'bank.sqlite3'}"
    build_bank(url)
    plant_fraud_patterns(url)
    plant_household(url)
    db = neo4j_server.neo4j_database
    with neo4j_driver(neo4j_server) as driver:
        with driver.session(database=db) as session:  # IN TRANSACTIONS needs an auto-commit transaction
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
        schema.apply(driver, db)
        engine = sa.create_engine(url)
        full_load(engine, driver, db)
        # The first run in a fresh store: ring and household IDs start at FR-000001 and HS-000001.
        pipeline.run(neo4j_server, engine, driver)
        engine.dispose()
        yield driver


@pytest.fixture(scope="session")
def postgres_url(test_settings: Settings) -> Iterator[str]:
    """URL of the application database on a real PostgreSQL: TEST_DATABASE_URL, or a private
    cluster in the test home (created and started on first use, stopped if this session started it)."""
    external = os.environ.get("TEST_DATABASE_URL")
    if external:
        yield external
        return
    cluster = local_postgres.cluster(test_settings)
    started = local_postgres.start(cluster)
    yield cluster.url()
    if started and os.environ.get("C360_KEEP_SERVICES") != "1":
        local_postgres.stop(cluster)


@pytest.fixture
def fresh_postgres_url(postgres_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    url = make_url(postgres_url)
    name = f"c360_t_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname=url.database
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each relational test runs twice: on a SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'bank.sqlite3'}"
    url: str = request.getfixturevalue("fresh_postgres_url")
    return url
