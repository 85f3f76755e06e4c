"""One generated bank in Neo4j for every API test, and the API served over it by real uvicorn
processes (one in development mode, one in production mode), with a key per role.

Package scope: the test Neo4j has one database, which other test modules empty, so the API tests
live together in this folder and share the bank while they run.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from c360.bootstrap import neo4j_driver
from c360.net import free_port
from c360.settings import Settings
from tests.cli import C360, run_c360
from tests.conftest import settings_env

ROLES = ("fraud_analyst", "relationship_manager", "service")
CUSTOMERS = 400
SEED = 7


@dataclass
class Api:
    url: str
    keys: dict[str, str]
    engine: sa.Engine
    process: subprocess.Popen[bytes]
    log: Path

    def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        role: str | None = "fraud_analyst",
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        sent = dict(headers or {})
        if role is not None:
            sent["Authorization"] = f"Bearer {self.keys[role]}"
        return httpx.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=sent,
            timeout=60,
        )

    def data(self, query: str, variables: dict[str, Any] | None = None, role: str = "fraud_analyst") -> Any:
        """The `data` of a query that must succeed (fails the test with the errors otherwise)."""
        response = self.post(query, variables, role)
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), body
        return body["data"]

    def pages(
        self, query: str, path: list[str], variables: dict[str, Any] | None = None
    ) -> tuple[list[Any], int]:
        """Every node of a paged list, following endCursor until hasNextPage is false: (nodes, the
        last page's totalCount). `path` leads from `data` to the connection."""
        nodes: list[Any] = []
        after = None
        while True:
            page = self.data(query, {**(variables or {}), "after": after})
            for key in path:
                page = page[key]
            nodes += page["nodes"]
            if not page["pageInfo"]["hasNextPage"]:
                return nodes, int(page["totalCount"])
            after = page["pageInfo"]["endCursor"]


def _check(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="package")
def bank_env(neo4j_server: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A generated bank (with rings, households and risk alerts) in SQLite and in the test Neo4j."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'bank.sqlite3'}"
    env = {**settings_env(neo4j_server), "DATABASE_URL": url}
    # The graph load replaces nothing by itself: start from an empty database.
    with neo4j_driver(neo4j_server) as driver, driver.session(database=neo4j_server.neo4j_database) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    for args in (
        ["db", "upgrade"],
        ["generate", "--customers", str(CUSTOMERS), "--seed", str(SEED), "--scale-profile", "fraud-heavy"],
        ["risk", "scan"],
        ["graph", "load"],
        ["rings", "detect"],
    ):
        _check(run_c360(*args, env=env, timeout=600))
    return env


def _start(env: dict[str, str], mode: str, log: Path) -> tuple[str, subprocess.Popen[bytes]]:
    # A port free_port() found can be taken (as some connection's ephemeral port) before the
    # server binds it: that is chance, not a failure of the server, so try another port.
    for _attempt in range(3):
        started = _start_on(free_port(), env, mode, log)
        if started is not None:
            return started
    raise AssertionError(f"c360 serve found its port taken three times:\n{log.read_text()}")


def _start_on(
    port: int, env: dict[str, str], mode: str, log: Path
) -> tuple[str, subprocess.Popen[bytes]] | None:
    out = log.open("wb")
    process = subprocess.Popen(
        [C360, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "API_MODE": mode},
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if "already in use" in log.read_text():
                return None
            raise AssertionError(f"c360 serve exited {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return url, process
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    process.kill()
    raise AssertionError(f"c360 serve did not answer on {url} within 60 s:\n{log.read_text()}")


def _serve(bank_env: dict[str, str], mode: str, tmp: Path, **extra_env: str) -> Iterator[Api]:
    keys = {}
    for role in ROLES:
        out = _check(run_c360("api", "key", "create", "--name", f"test-{role}", "--role", role, env=bank_env))
        keys[role] = out.strip().splitlines()[-1]
    log = tmp / f"serve-{mode}.log"
    url, process = _start({**bank_env, **extra_env}, mode, log)
    engine = sa.create_engine(bank_env["DATABASE_URL"])
    try:
        yield Api(url, keys, engine, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        engine.dispose()


@pytest.fixture(scope="package")
def api(bank_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The API in development mode (GraphiQL and introspection on)."""
    yield from _serve(bank_env, "development", tmp_path_factory.mktemp("serve-dev"))


@pytest.fixture(scope="package")
def prod_api(bank_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The API in production mode (introspection off, unexpected errors masked), which a bank's web
    app at FRONTEND_ORIGIN may call from the browser."""
    yield from _serve(
        bank_env, "production", tmp_path_factory.mktemp("serve-prod"), API_CORS_ORIGINS=FRONTEND_ORIGIN
    )


#: The web app allowed to call the production server from a browser (CORS).
FRONTEND_ORIGIN = "https://app.bank.test"

#: The HS256 secret of the JWT-mode server (a test value, not a secret of anything real).
JWT_SECRET = "e2e-test-signing-key-of-at-least-32-bytes"


@pytest.fixture(scope="package")
def jwt_api(bank_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The API with API_AUTH=jwt: callers present JWTs signed with JWT_SECRET."""
    yield from _serve(
        bank_env, "production", tmp_path_factory.mktemp("serve-jwt"), API_AUTH="jwt", API_JWT_KEY=JWT_SECRET
    )


Truth = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="package")
def truth(neo4j_server: Settings, bank_env: dict[str, str]) -> Iterator[Truth]:
    """Read straight from Neo4j, to compare with what the API says."""
    del bank_env  # only its side effect: the bank is loaded
    with neo4j_driver(neo4j_server) as driver:

        def rows(query: str, **params: Any) -> list[dict[str, Any]]:
            records, _, _ = driver.execute_query(query, params, database_=neo4j_server.neo4j_database)
            return [r.data() for r in records]

        yield rows
