"""Start over with a new bank: clear the data, keep the installs and their passwords.

What goes: every node of the graph (its constraints and indexes stay), the embedded SQLite bank
(only when DATABASE_URL is unset: a database you named is yours, and is never dropped here), and
the reports. What stays: the Neo4j install, its data folder and generated password, the local
PostgreSQL cluster, API keys kept elsewhere, `.env`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import neo4j

from c360.settings import Settings
from cypher import text


@dataclass
class ResetReport:
    nodes_deleted: int = 0
    removed: list[Path] = field(default_factory=list)
    kept_database_url: str | None = None


def reset(settings: Settings, driver: neo4j.Driver) -> ResetReport:
    report = ResetReport()
    with driver.session(database=settings.neo4j_database) as session:
        summary = session.run(text("admin/clear_graph")).consume()
        report.nodes_deleted = summary.counters.nodes_deleted
    if settings.database_url is None:
        sqlite_file = settings.home / "data" / "c360.sqlite3"
        for path in (sqlite_file, *(sqlite_file.with_name(sqlite_file.name + s) for s in ("-wal", "-shm"))):
            if path.exists():
                path.unlink()
                report.removed.append(path)
    else:
        report.kept_database_url = settings.database_url
    reports = settings.home / "reports"
    if reports.exists():
        shutil.rmtree(reports)
        report.removed.append(reports)
    return report
