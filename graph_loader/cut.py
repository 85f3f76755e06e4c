"""One consistent cut of the source per sync cycle: a snapshot to read every table from, and the
bound below which every row the snapshot cannot see is guaranteed to lie above.

A cycle reads all tables, parents first, inside ONE read transaction, so a child and its parent
come from the same state of the database. It reads everything the snapshot holds after each
table's watermark (no upper bound), and the next watermark is the cut's `bound`: a time such that
every row the snapshot could NOT see has `updated_at >= bound - overlap`. The next cycle reads
from there, so a row that committed late is read then, and nothing is skipped.

How the bound is chosen:
- PostgreSQL: before the snapshot is taken, the start of the oldest transaction still open in the
  database (pg_stat_activity.xact_start; prepared transactions count from when they were
  prepared), or the clock if none is open. A row written by a transaction that the snapshot
  cannot see carries an `updated_at` from that transaction's own clock (now() is its start), so
  it lies at or above the bound. Seeing other users' sessions needs the `pg_read_all_stats` role;
  without it the cut falls back to the clock, as on SQLite, and says so.
- SQLite: one writer at a time, and no view of it. The bound is the clock when the cut is taken,
  so a row is read as long as its transaction commits within `overlap` of the `updated_at` it
  wrote.

`overlap` (SYNC_OVERLAP_SECONDS) is subtracted on top, for writers whose clock is not the
database's (a stamp set by an application server) and for SQLite's whole-second
CURRENT_TIMESTAMP; re-reading those moments is harmless, every write is idempotent.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, text

#: The oldest open transaction of the other client sessions in this database, taken BEFORE the
#: snapshot: a transaction that starts after this read starts after its clock, too.
_PG_OLDEST_OPEN = """
SELECT clock_timestamp() AT TIME ZONE 'UTC' AS now,
       (SELECT min(xact_start) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND backend_type = 'client backend') AT TIME ZONE 'UTC' AS oldest,
       (SELECT min(prepared) FROM pg_prepared_xacts
         WHERE database = current_database()) AT TIME ZONE 'UTC' AS prepared,
       (SELECT count(*) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND backend_type = 'client backend' AND state IS NULL) AS hidden,
       (SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND backend_type = 'client backend' AND xact_start IS NOT NULL
         ORDER BY xact_start LIMIT 1) AS oldest_pid
"""


@dataclass(frozen=True)
class Cut:
    #: Rows the snapshot cannot see have updated_at >= bound (before the overlap).
    bound: datetime
    #: "snapshot" (PostgreSQL, from the open transactions) or "clock".
    how: str
    #: Why the bound is behind the clock, when it is: "pid 4242 (open 12.3 s)".
    held_by: str | None = None
    #: Seconds the bound lies behind the clock.
    lag_seconds: float = 0.0


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _postgres_cut(conn: Connection) -> Cut:
    row = conn.execute(text(_PG_OLDEST_OPEN)).one()
    conn.commit()
    now: datetime = row.now
    if row.hidden:
        # Sessions of other users whose transactions we may not see: the clock is all we have.
        return Cut(now, "clock", f"{row.hidden} session(s) hidden: grant pg_read_all_stats")
    candidates = [t for t in (row.oldest, row.prepared) if t is not None]
    bound = min([now, *candidates])
    lag = (now - bound).total_seconds()
    held = f"pid {row.oldest_pid} (open {lag:.1f} s)" if row.oldest is not None and bound < now else None
    return Cut(bound, "snapshot", held, lag)


@contextlib.contextmanager
def snapshot(engine: Engine) -> Iterator[tuple[Connection, Cut]]:
    """A connection inside one read-only snapshot of the whole database, and its cut. Every read
    made through the connection sees the same committed state."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            cut = _postgres_cut(conn)
            conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                conn.execute(text("SELECT 1"))  # the snapshot is taken by the first statement
                yield conn, cut
            return
        if engine.dialect.name == "sqlite":
            cut = Cut(utcnow(), "clock")
            # pysqlite opens a transaction only before a write; an explicit BEGIN makes the reads
            # one snapshot (WAL mode: the writer goes on meanwhile).
            conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("BEGIN")
            try:
                conn.exec_driver_sql("SELECT 1 FROM sqlite_master LIMIT 1")
                yield conn, cut
            finally:
                conn.exec_driver_sql("ROLLBACK")
            return
        # Any other engine: one transaction at its default isolation, and the clock.
        with conn.begin():
            yield conn, Cut(utcnow(), "clock")


def rewound(bound: datetime, overlap: timedelta) -> datetime:
    return bound - overlap if overlap > timedelta(0) else bound
