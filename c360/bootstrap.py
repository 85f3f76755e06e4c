"""The composition root: the one place that turns settings into a Neo4j driver and a SQL engine.

Nothing here runs at import time; callers ask for what they need and own its lifetime.
"""

from __future__ import annotations

import neo4j
from sqlalchemy import Engine, create_engine, event

from c360.local_neo4j.home import Neo4jHome
from c360.local_neo4j.server import credentials
from c360.settings import Settings


def neo4j_auth(settings: Settings) -> tuple[str, str]:
    if not settings.uses_local_neo4j:
        assert settings.neo4j_password is not None  # enforced by Settings
        return settings.neo4j_user, settings.neo4j_password.get_secret_value()
    return credentials(settings, Neo4jHome(settings.neo4j_home))


def neo4j_driver(settings: Settings) -> neo4j.Driver:
    """A driver for the configured server (external when NEO4J_URI is set, else the local one)."""
    return neo4j.GraphDatabase.driver(settings.effective_neo4j_uri, auth=neo4j_auth(settings))


def sql_engine(settings: Settings) -> Engine:
    url = settings.effective_database_url
    if url.startswith("sqlite"):
        (settings.home / "data").mkdir(parents=True, exist_ok=True)
    return engine_for_url(url)


def engine_for_url(url: str) -> Engine:
    """An engine for this database URL, set up as every engine of the project is."""
    if url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    # SQLite ignores foreign keys unless asked, per connection; WAL lets readers run beside a writer.
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()
