"""Interrupted loads and a Neo4j restart mid-sync lose nothing and duplicate nothing."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import neo4j
import pytest
import sqlalchemy as sa

from c360.local_neo4j import server
from c360.settings import Settings
from graph_loader import schema
from graph_loader.sync import full_load
from graph_loader.verify import verify
from relational import models as m
from tests.builders import BankSize, build_bank
from tests.cli import C360
from tests.conftest import make_test_settings, settings_env

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
SIZE = BankSize(customers=400, devices=120, transactions=4000)


def _transactions_in_graph(driver: neo4j.Driver, db: str) -> int:
    records, _, _ = driver.execute_query("MATCH (t:Transaction) RETURN count(t) AS n", database_=db)
    return int(records[0]["n"])


def _wait_until(predicate: object, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(0.05)


def _cli(settings: Settings, url: str, *args: str) -> subprocess.Popen[str]:
    env = settings_env(make_test_settings(database_url=url, **_ports(settings)))
    return subprocess.Popen([C360, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _ports(settings: Settings) -> dict[str, object]:
    return {"neo4j_bolt_port": settings.neo4j_bolt_port, "neo4j_http_port": settings.neo4j_http_port,
            "neo4j_uri": settings.neo4j_uri, "neo4j_password": settings.neo4j_password}  # fmt: skip


def test_a_load_killed_midway_is_completed_by_the_next_run(
    tmp_path: Path, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    url = f"sqlite:///{tmp_path / 'bank.sqlite3'}"
    build_bank(url, SIZE, seed=3)
    db = neo4j_server.neo4j_database
    schema.apply(graph, db)

    load = _cli(neo4j_server, url, "graph", "load", "--batch-size", "100")
    _wait_until(lambda: _transactions_in_graph(graph, db) > 0)
    assert load.poll() is None, "the load finished before it could be interrupted"
    load.kill()
    load.wait()
    engine = sa.create_engine(url)
    try:
        assert not verify(engine, graph, db).ok, "the graph should be incomplete after the kill"
        rerun = _cli(neo4j_server, url, "graph", "sync")
        _out, err = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, err
        report = verify(engine, graph, db)
        assert report.ok, [d.describe() for d in report.differences]
    finally:
        engine.dispose()


def test_a_neo4j_restart_mid_sync_is_healed_by_a_rerun(
    tmp_path: Path, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    if not neo4j_server.uses_local_neo4j:
        pytest.skip("restarts the local server")
    url = f"sqlite:///{tmp_path / 'bank.sqlite3'}"
    build_bank(url, SIZE, seed=5)
    db = neo4j_server.neo4j_database
    engine = sa.create_engine(url)
    try:
        schema.apply(graph, db)
        full_load(engine, graph, db)
        t = m.Base.metadata.tables["transactions"]
        with engine.begin() as conn:  # every transaction changes: a long sync
            conn.execute(sa.update(t).values(channel="internet"))
        sync = _cli(neo4j_server, url, "graph", "sync", "--batch-size", "100")
        _wait_until(lambda: _channels(graph, db) > 0)
        server.stop(neo4j_server)
        server.start(neo4j_server)
        sync.communicate(timeout=600)  # it may fail or finish: either way a rerun must heal
        rerun = _cli(neo4j_server, url, "graph", "sync")
        _out, err = rerun.communicate(timeout=600)
        assert rerun.returncode == 0, err
        report = verify(engine, graph, db)
        assert report.ok, [d.describe() for d in report.differences]
        assert _channels(graph, db) == SIZE.transactions
    finally:
        engine.dispose()


def _channels(driver: neo4j.Driver, db: str) -> int:
    try:
        records, _, _ = driver.execute_query(
            "MATCH (t:Transaction {channel: 'internet'}) RETURN count(t) AS n", database_=db
        )
    except neo4j.exceptions.ServiceUnavailable:
        return 0
    return int(records[0]["n"])
