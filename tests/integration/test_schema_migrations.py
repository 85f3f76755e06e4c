"""The Alembic history builds the schema the models describe, on both backends."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from relational import db
from relational.models import Base


def test_upgrade_creates_every_table_and_a_rerun_does_nothing(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    try:
        before, after = db.upgrade(engine)
        assert before is None
        assert after == db.head_revision(engine)
        assert set(Base.metadata.tables) <= set(sa.inspect(engine).get_table_names())
        assert db.upgrade(engine) == (after, after)
    finally:
        engine.dispose()


def test_migrations_match_the_models(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    try:
        db.upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], f"models and migrations differ; add a migration: {diff}"
    finally:
        engine.dispose()


def test_rows_with_a_surrogate_key_get_an_id_from_the_database(database_url: str) -> None:
    # Ingestion and the risk scan insert identifiers, alerts and quarantine rows without an id.
    engine = sa.create_engine(database_url)
    try:
        db.upgrade(engine)
        with engine.begin() as conn:
            for n in (1, 2):
                conn.execute(
                    sa.text(
                        "INSERT INTO quarantine (source_file, kind, line_no, rule, message, raw_payload)"
                        " VALUES ('f.csv', 'phones', :n, 'invalid_phone', 'm', 'r')"
                    ),
                    {"n": n},
                )
            ids = conn.execute(sa.text("SELECT quarantine_id FROM quarantine ORDER BY line_no")).scalars()
            first, second = list(ids)
        assert first is not None and second is not None and first != second
    finally:
        engine.dispose()
