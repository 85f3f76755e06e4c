"""`c360 cypher list | run` as an analyst types it: the library, typed parameters, clear errors."""

from __future__ import annotations

import json

import neo4j
import pytest

from c360.settings import Settings
from cypher.catalog import library
from tests.builders import PLANTED_CYCLE
from tests.cli import run_c360
from tests.conftest import settings_env

pytestmark = pytest.mark.neo4j


def test_list_names_every_library_query_with_its_parameters_and_columns() -> None:
    # Listing reads the files only: no server needed, so no settings either.
    result = run_c360("cypher", "list", "--json", env=settings_env(Settings(_env_file=None)))
    assert result.returncode == 0, result.stderr
    listed = {q["name"]: q for q in json.loads(result.stdout)}
    assert set(listed) == set(library())
    weak = listed["find_weak_auth_high_value_transfers"]
    assert {"name": "strong_auth_methods", "type": "list<string>"}.items() <= weak["params"][1].items()
    assert [c["name"] for c in weak["columns"]] == library()[
        "find_weak_auth_high_value_transfers"
    ].column_names


def test_run_parses_parameters_by_type_and_prints_json_rows(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    result = run_c360(
        "cypher", "run", "find_money_cycles", "--param", "min_leg_vnd=20000000", "-p", "limit=5", "--json",
        env=settings_env(neo4j_server),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["columns"] == library()["find_money_cycles"].column_names
    assert [r["accounts"] for r in out["rows"]] == [list(PLANTED_CYCLE)]


def test_run_prints_a_table_with_list_parameters_given_comma_separated(
    library_graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    result = run_c360(
        "cypher", "run", "find_weak_auth_high_value_transfers",
        "-p", "min_amount_vnd=200000000", "-p", "strong_auth_methods=digital_signature,otp_app",
        "-p", "from_date=2025-06-01", "-p", "to_date=2025-06-30", "-p", "limit=10",
        env=settings_env(neo4j_server),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "(3 rows)" in result.stdout and "TXN9000000001" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no_such_query"], "No library query named 'no_such_query'"),
        (["list_top_hubs", "-p", "limit=5"], "needs min_customers"),
        (["list_top_hubs", "-p", "limit=5", "-p", "min_customers=two"], "expected int"),
        (["list_top_hubs", "-p", "limit=5", "-p", "min_customers=2", "-p", "x=1"], "no parameter x"),
        (["list_top_hubs", "-p", "limit"], "is not name=value"),
    ],
)
def test_run_refuses_unknown_queries_and_bad_parameters_without_a_traceback(
    args: list[str], message: str
) -> None:
    result = run_c360("cypher", "run", *args, env=settings_env(Settings(_env_file=None)))
    assert result.returncode == 1
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
