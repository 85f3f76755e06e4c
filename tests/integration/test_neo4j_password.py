"""The initial password against the real neo4j-admin, and a first start that failed there."""

from __future__ import annotations

import shutil
from pathlib import Path

import neo4j
import pytest

from c360.local_neo4j import install
from c360.local_neo4j.conf import render_conf
from c360.local_neo4j.home import Neo4jHome
from c360.net import free_port
from c360.settings import Settings
from tests.cli import run_c360
from tests.conftest import make_test_settings, settings_env

pytestmark = [pytest.mark.neo4j]


def _home_like(neo4j_server: Settings, root: Path) -> tuple[Settings, Neo4jHome]:
    """A new home on spare ports sharing the test home's jars (no Maven run): the state a first
    install leaves once its jars are in place."""
    if not neo4j_server.uses_local_neo4j:
        pytest.skip("needs the local Neo4j's jars; NEO4J_URI points elsewhere")
    installed = Neo4jHome(neo4j_server.neo4j_home)
    settings = make_test_settings(c360_home=root, neo4j_bolt_port=free_port(), neo4j_http_port=free_port())
    home = Neo4jHome(settings.neo4j_home)
    home.make_dirs()
    home.lib.rmdir()
    home.lib.symlink_to(installed.lib, target_is_directory=True)
    for jar in installed.plugins.iterdir():
        shutil.copy(jar, home.plugins / jar.name)
    home.conf_file.write_text(render_conf(settings), encoding="utf-8")
    return settings, home


@pytest.mark.parametrize("password", ["-5oQk2bLx_9aZwe", "_Zz0-abcdefghij", "--help-yourself"])
def test_neo4j_admin_sets_a_password_that_begins_with_a_dash_or_underscore(
    password: str, neo4j_server: Settings, tmp_path: Path
) -> None:
    _settings, home = _home_like(neo4j_server, tmp_path)
    install.set_initial_password(home, password, "a test")
    assert home.auth_file_holds(password)
    assert not home.auth_file_holds(password.lstrip("-_"))


@pytest.mark.slow
def test_a_home_whose_first_start_failed_at_the_password_starts_on_the_next_try(
    neo4j_server: Settings, tmp_path: Path
) -> None:
    settings, home = _home_like(neo4j_server, tmp_path)
    # What a failed first start left: jars, a generated password that begins with "-" (the old
    # generator did so once in 64), no auth file, no install manifest.
    bad_luck = "-5oTkqJb2WvYc1xR8zLmN0pQ"
    home.write_password(bad_luck)
    env = settings_env(settings)
    try:
        started = run_c360("neo4j", "start", env=env, timeout=240)
        assert started.returncode == 0, started.stderr
        assert "Neo4j started" in started.stdout
        assert bad_luck not in started.stdout + started.stderr  # never printed
        uri = f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", bad_luck)) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
        assert home.is_installed()

        # Now the password file is lost after the users exist: the error says what to run.
        assert run_c360("neo4j", "stop", env=env).returncode == 0
        home.password_file.unlink()
        lost = run_c360("neo4j", "start", env=env)
        assert lost.returncode != 0
        assert "NEO4J_PASSWORD" in lost.stderr and f"rm -rf {home.data}" in lost.stderr
        assert "Traceback" not in lost.stderr

        # Following that line heals the home: a new password, a new (empty) database.
        shutil.rmtree(home.data)
        healed = run_c360("neo4j", "start", env=env, timeout=240)
        assert healed.returncode == 0, healed.stderr
        new_password = home.read_password()
        assert new_password is not None and new_password[0].isalnum()
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", new_password)) as driver:
            driver.verify_connectivity()
    finally:
        run_c360("neo4j", "stop", env=env)
