"""SQLAlchemy reaches both relational backends for real."""

from __future__ import annotations

import sqlalchemy as sa


def test_sqlalchemy_round_trip(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE probe (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)"))
            conn.execute(sa.text("INSERT INTO probe (id, name) VALUES (:i, :n)"), {"i": 1, "n": "Nguyễn"})
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT name FROM probe WHERE id = 1")).scalar_one() == "Nguyễn"
            assert conn.dialect.name == database_url.split(":")[0].split("+")[0]
    finally:
        engine.dispose()
