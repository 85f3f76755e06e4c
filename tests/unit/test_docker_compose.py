"""No Docker engine runs here, so the compose file is checked for shape, not run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def _compose() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return doc


def test_compose_names_neo4j_postgres_and_the_api() -> None:
    services = _compose()["services"]
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert services["postgres"]["image"].startswith("postgres:16")
    assert "api" in services


def test_neo4j_service_has_apoc_and_auth_from_the_environment() -> None:
    env = _compose()["services"]["neo4j"]["environment"]
    assert "apoc" in str(env.get("NEO4J_PLUGINS", ""))
    assert "${NEO4J_PASSWORD" in str(env["NEO4J_AUTH"])


def test_every_service_has_a_healthcheck_and_the_api_waits_for_healthy_databases() -> None:
    services = _compose()["services"]
    for name in ("neo4j", "postgres", "api"):
        assert "test" in services[name]["healthcheck"], name
    depends = services["api"]["depends_on"]
    assert depends["neo4j"]["condition"] == "service_healthy"
    assert depends["postgres"]["condition"] == "service_healthy"


def test_data_lives_in_named_volumes() -> None:
    doc = _compose()
    volumes = set(doc["volumes"])
    mounted = {v.split(":")[0] for s in doc["services"].values() for v in s.get("volumes", [])}
    assert {"neo4j-data", "postgres-data"} <= volumes
    assert {"neo4j-data", "postgres-data"} <= mounted


def test_no_secret_is_written_into_the_file() -> None:
    text = COMPOSE.read_text(encoding="utf-8")
    assert "NEO4J_PASSWORD:?" in text, "the password must come from the environment, required"
    assert "POSTGRES_PASSWORD:?" in text
