"""The committed api/schema.graphql is the live schema: a change to the API is a change to that file."""

from __future__ import annotations

from pathlib import Path

from api.schema.build import sdl

SCHEMA = Path(__file__).resolve().parents[2] / "api" / "schema.graphql"


def test_the_committed_schema_matches_the_live_one() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == sdl(), (
        "the schema changed: run `c360 api schema` and commit it"
    )


def test_every_list_of_the_schema_that_can_grow_is_paged_or_capped() -> None:
    text = sdl()
    for field in ("customers(", "rings(", "alerts(", "transactions(", "users(", "linkedCustomers("):
        assert field in text and "first: Int" in text.split(field, 1)[1].split(")", 1)[0], field
