"""`c360 reset --yes` starts over: the graph and the embedded bank go, installs and passwords stay."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from c360.bootstrap import neo4j_auth
from c360.settings import Settings
from tests.cli import run_c360
from tests.conftest import make_test_settings, settings_env

pytestmark = pytest.mark.neo4j


def test_reset_clears_the_data_and_keeps_what_was_installed(
    tmp_path: Path, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    user, password = neo4j_auth(neo4j_server)
    # The shared test server, named as an external one: this home has no Neo4j of its own.
    env = settings_env(make_test_settings(
        c360_home=tmp_path / "home", neo4j_uri=neo4j_server.effective_neo4j_uri,
        neo4j_user=user, neo4j_password=password,
    ))  # fmt: skip
    first = (("generate", "--customers", "200", "--seed", "3", "--scale-profile", "small"), ("graph", "load"),
             ("rings", "detect"), ("rings", "report", "--format", "json"))  # fmt: skip
    for args in first:
        done = run_c360(*args, env=env)
        assert done.returncode == 0, done.stderr
    bank = tmp_path / "home" / "data" / "c360.sqlite3"
    assert bank.exists() and any((tmp_path / "home" / "reports").iterdir())

    refused = run_c360("reset", env=env)
    assert refused.returncode != 0 and "c360 reset --yes" in refused.stderr
    assert bank.exists()

    done = run_c360("reset", "--yes", env=env)
    assert done.returncode == 0, done.stderr
    assert not bank.exists() and not (tmp_path / "home" / "reports").exists()
    db = neo4j_server.neo4j_database
    records, _, _ = graph.execute_query("MATCH (n) RETURN count(n) AS n", database_=db)
    assert records[0]["n"] == 0
    constraints, _, _ = graph.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n", database_=db)
    assert constraints[0]["n"] > 5  # the schema stays

    # Starting over works straight away, with the same server and password.
    for args in (("generate", "--customers", "200", "--seed", "4", "--scale-profile", "small"),
                 ("graph", "load"), ("graph", "verify")):  # fmt: skip
        again = run_c360(*args, env=env)
        assert again.returncode == 0, again.stderr
