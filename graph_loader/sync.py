"""Incremental sync, and the full load as a sync from nothing.

For each source table, parents first: read the rows changed since the table's watermark, in pages;
write each page (upserts, deletes for soft-deleted rows, recomputed aggregates) and the new
watermark in ONE managed transaction. The driver retries transient failures of that transaction,
and the writes are idempotent MERGEs, so an interrupted run followed by a rerun neither loses nor
duplicates anything. Writes are serial: relationship MERGEs from parallel transactions can
deadlock on the same nodes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import neo4j
from sqlalchemy import Engine

from cypher import text
from graph_loader import reader, watermarks
from graph_loader.sources import SOURCES, Source, Statement

#: Rows per page and per write transaction (DESIGN.md: 10k-50k rows per UNWIND batch).
DEFAULT_BATCH = 10_000
DEFAULT_OVERLAP = timedelta(seconds=2)


@dataclass
class SourceStats:
    rows: int = 0
    upserted: int = 0
    deleted: int = 0
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    seconds: float = 0.0

    @property
    def elements_written(self) -> int:
        return self.nodes_created + self.relationships_created


@dataclass
class SyncReport:
    sources: dict[str, SourceStats] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.sources.values())

    @property
    def elements_written(self) -> int:
        return sum(s.elements_written for s in self.sources.values())


class Progress:
    """What a caller may show: a source starting with its row total, then rows as they land."""

    def start(self, source: str, total: int) -> None: ...
    def advance(self, source: str, rows: int) -> None: ...


def _statements(
    source: Source, conn_engine: Engine, rows: Sequence[Mapping[str, Any]], fresh: bool
) -> list[Statement]:
    live = [r for r in rows if r["deleted_at"] is None]
    gone = [r for r in rows if r["deleted_at"] is not None]
    stmts: list[Statement] = []
    if gone and source.delete:
        stmts.append((source.delete, {"keys": [source.key(r) for r in gone]}))
    if live and source.upsert:
        mapped = [source.row(r) for r in live]
        stmts.extend(source.insert(mapped) if fresh else [(source.upsert, {"rows": mapped})])
    deferred = fresh and source.derived_all is not None
    if source.derived is not None and not deferred:
        with conn_engine.connect() as conn:
            stmts.extend(source.derived(conn, rows))
    if deferred:
        # No watermark until the deferred aggregates are written too: a crash before then leaves
        # the table without one, and the rerun reads it again on the careful path.
        return stmts
    last = rows[-1]
    mark = {
        "source": source.name,
        "updated_at": last["updated_at"],
        "key": [last[k] for k in source.key_columns],
    }
    stmts.append(("sync/set_watermark", mark))
    return stmts


def _write(tx: neo4j.ManagedTransaction, stmts: list[Statement]) -> SourceStats:
    stats = SourceStats()
    for name, params in stmts:
        if params.get("rows") == [] or params.get("keys") == []:
            continue  # an empty UNWIND list: nothing to send
        counters = tx.run(text(name), params).consume().counters
        if name == "sync/set_watermark":
            continue  # bookkeeping, not part of the projection
        stats.nodes_created += counters.nodes_created
        stats.nodes_deleted += counters.nodes_deleted
        stats.relationships_created += counters.relationships_created
        stats.relationships_deleted += counters.relationships_deleted
        stats.properties_set += counters.properties_set
    return stats


def sync(
    engine: Engine,
    driver: neo4j.Driver,
    database: str,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    only: Sequence[str] | None = None,
    on_batch: Callable[[str, int], None] | None = None,
    overlap: timedelta = DEFAULT_OVERLAP,
    fresh: bool = False,
) -> SyncReport:
    """Bring the graph up to date with the source. Returns what was read and written.

    `fresh` (only for a load into an empty graph) takes the faster insert statements."""
    progress = progress or Progress()
    report = SyncReport()
    started = time.monotonic()
    marks = watermarks.read_all(driver, database)
    with driver.session(database=database) as session:
        for source in SOURCES:
            if only and source.name not in only:
                continue
            stats = report.sources.setdefault(source.name, SourceStats())
            t0 = time.monotonic()
            mark = _rewind(marks.get(source.name), overlap)
            progress.start(source.name, reader.count_after(engine, source.table, source.key_columns, mark))
            last_page: Sequence[Mapping[str, Any]] = []
            for page in reader.pages(engine, source.table, source.key_columns, mark, batch_size):
                stmts = _statements(source, engine, page, fresh)
                # A retried transaction must not count twice: each try counts into a fresh object.
                page_stats = session.execute_write(_write, stmts)
                _merge(stats, page_stats)
                stats.rows += len(page)
                stats.deleted += sum(1 for r in page if r["deleted_at"] is not None)
                stats.upserted += sum(1 for r in page if r["deleted_at"] is None)
                progress.advance(source.name, len(page))
                if on_batch is not None:
                    on_batch(source.name, len(page))
                last_page = page
            if fresh and source.derived_all is not None and last_page:
                _write_deferred(session, engine, source, last_page[-1], batch_size, stats)
            stats.seconds = time.monotonic() - t0
    report.seconds = time.monotonic() - started
    return report


def _write_deferred(
    session: neo4j.Session,
    engine: Engine,
    source: Source,
    last: Mapping[str, Any],
    size: int,
    stats: SourceStats,
) -> None:
    assert source.derived_all is not None
    with engine.connect() as conn:
        for stmts in source.derived_all(conn, size):
            _merge(stats, session.execute_write(_write, stmts))
    key = [last[k] for k in source.key_columns]
    mark = {"source": source.name, "updated_at": last["updated_at"], "key": key}
    session.execute_write(_write, [("sync/set_watermark", mark)])


def _merge(total: SourceStats, page: SourceStats) -> None:
    total.nodes_created += page.nodes_created
    total.nodes_deleted += page.nodes_deleted
    total.relationships_created += page.relationships_created
    total.relationships_deleted += page.relationships_deleted
    total.properties_set += page.properties_set


def _rewind(mark: reader.Watermark | None, overlap: timedelta) -> reader.Watermark | None:
    """Start a little before the watermark. A writer whose clock is coarse (SQLite's
    CURRENT_TIMESTAMP has whole seconds) or whose transaction commits late can add a row *behind*
    the watermark; re-reading the last moments catches it, and the idempotent writes make the
    re-read harmless."""
    if mark is None or overlap <= timedelta(0):
        return mark
    return reader.Watermark(mark.updated_at - overlap, ())


def full_load(engine: Engine, driver: neo4j.Driver, database: str, **kwargs: Any) -> SyncReport:
    """Read every row again: forget the watermarks, then sync. MERGE makes a reload a no-op."""
    records, _, _ = driver.execute_query(text("admin/graph_is_empty"), database_=database)
    watermarks.clear(driver, database)
    return sync(engine, driver, database, fresh=bool(records[0]["empty"]), **kwargs)
