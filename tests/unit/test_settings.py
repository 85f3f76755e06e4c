from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from c360.settings import Settings


def test_defaults_use_sqlite_in_the_ignored_home_and_the_local_neo4j(tmp_path: Path) -> None:
    s = Settings(_env_file=None, c360_home=tmp_path)
    assert s.effective_database_url == f"sqlite:///{tmp_path / 'data' / 'c360.sqlite3'}"
    assert s.uses_local_neo4j
    assert s.effective_neo4j_uri == "bolt://127.0.0.1:7687"
    assert s.neo4j_version.startswith("5.26.")


def test_external_neo4j_uri_requires_a_password() -> None:
    with pytest.raises(ValidationError, match="NEO4J_PASSWORD"):
        Settings(_env_file=None, neo4j_uri="neo4j+s://example.databases.neo4j.io")


def test_environment_variables_configure_the_external_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://db.internal:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret")
    s = Settings(_env_file=None)
    assert not s.uses_local_neo4j
    assert s.effective_neo4j_uri == "bolt://db.internal:7687"
    assert "s3cret" not in repr(s)


@pytest.mark.parametrize("heap", ["lots", "1 g", "512"])
def test_memory_sizes_are_validated(heap: str) -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, neo4j_heap=heap)


def test_env_example_names_only_real_settings() -> None:
    example = Path(__file__).resolve().parents[2] / ".env.example"
    names = {
        line.lstrip("# ").split("=", 1)[0]
        for line in example.read_text(encoding="utf-8").splitlines()
        if "=" in line and line.lstrip("# ").split("=", 1)[0].isupper()
    }
    fields = {name.upper() for name in Settings.model_fields}
    assert names, "the example documents no setting"
    assert names <= fields, f"unknown settings in .env.example: {sorted(names - fields)}"
    assert fields <= names, f"settings missing from .env.example: {sorted(fields - names)}"


def test_cors_origins_are_a_comma_separated_list_of_origins() -> None:
    s = Settings(_env_file=None, api_cors_origins=" https://app.bank.example, http://localhost:3000 ")
    assert s.cors_origins == ["https://app.bank.example", "http://localhost:3000"]
    assert Settings(_env_file=None).cors_origins == []


@pytest.mark.parametrize("bad", ["*", "app.bank.example", "https://app.bank.example/path", "ftp://x"])
def test_cors_origins_that_are_not_origins_are_refused_by_name(bad: str) -> None:
    with pytest.raises(ValidationError, match=r"API_CORS_ORIGINS: .* is not an origin"):
        Settings(_env_file=None, api_cors_origins=bad)
