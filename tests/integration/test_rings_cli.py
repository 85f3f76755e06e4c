"""`c360 rings detect | decide | report` and `c360 evaluate` as a user runs them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import neo4j
import pytest

from c360.settings import Settings
from tests.cli import run_c360
from tests.conftest import settings_env

pytestmark = pytest.mark.neo4j


def test_detect_decide_report_and_evaluate_from_the_command_line(
    tmp_path: Path, graph: neo4j.Driver, neo4j_server: Settings
) -> None:
    env = {**settings_env(neo4j_server), "DATABASE_URL": f"sqlite:///{tmp_path / 'bank.sqlite3'}"}
    for args in (
        ("generate", "--customers", "300", "--seed", "9", "--scale-profile", "small"),
        ("graph", "load"),
    ):
        done = run_c360(*args, env=env)
        assert done.returncode == 0, done.stderr

    detected = run_c360("rings", "detect", "--engine", "cypher", "--json", env=env)
    assert detected.returncode == 0, detected.stderr
    summary = json.loads(detected.stdout)
    assert summary["rings"] >= 4 and summary["ring_changes"] == {"new": summary["rings"]}

    decided = run_c360("rings", "decide", "FR-000001", "--dismiss", "--note", "a known family", "--by", "lan",
                       env=env)  # fmt: skip
    assert decided.returncode == 0, decided.stderr
    assert "FR-000001: dismissed by lan" in decided.stdout
    again = json.loads(run_c360("rings", "detect", "--json", env=env).stdout)
    assert again["raised"] == summary["rings"] - 1

    page = tmp_path / "rings.html"
    assert run_c360("rings", "report", "--format", "html", "--out", str(page), env=env).returncode == 0
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == again["raised"] and "FR-000001" in html
    sheet = tmp_path / "rings.csv"
    assert run_c360("rings", "report", "--format", "csv", "--out", str(sheet), env=env).returncode == 0
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert len(rows) == again["rings"]
    assert next(r for r in rows if r["ring_id"] == "FR-000001")["status"] == "dismissed"

    # A graph that no longer equals its source (a link lost, a sync missing) is refused, by name.
    db = neo4j_server.neo4j_database
    graph.execute_query("MATCH ()-[u:USES]->() WITH u LIMIT 1 DELETE u", database_=db)
    refused = run_c360("rings", "detect", env=env)
    assert refused.returncode != 0
    assert "does not match the source" in refused.stderr and "relationship count USES" in refused.stderr
    assert "c360 graph sync" in refused.stderr and "Traceback" not in refused.stderr
    assert run_c360("rings", "detect", "--force", "--json", env=env).returncode == 0

    scored = run_c360("evaluate", "--json", env=env)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["rings"]["pairwise"]["f1"] >= 0.95


def test_decide_needs_exactly_one_of_confirm_and_dismiss(tmp_path: Path, neo4j_server: Settings) -> None:
    env = {**settings_env(neo4j_server), "DATABASE_URL": f"sqlite:///{tmp_path / 'bank.sqlite3'}"}
    assert run_c360("db", "upgrade", env=env).returncode == 0
    done = run_c360("rings", "decide", "FR-000001", "--note", "?", env=env)
    assert done.returncode != 0 and "either --confirm or --dismiss" in done.stderr
    missing = run_c360("rings", "decide", "FR-000001", "--confirm", env=env)
    assert missing.returncode != 0 and "no ring 'FR-000001'" in missing.stderr
