"""Incremental sync, and the full load as a sync from nothing.

For each source table, parents first: read the rows changed since the table's watermark, in pages;
write each page (upserts, deletes for soft-deleted rows, recomputed aggregates) and the new
watermark in ONE managed transaction. The driver retries transient failures of that transaction,
and the writes are idempotent MERGEs, so an interrupted run followed by a rerun neither loses nor
duplicates anything. Writes are serial: relationship MERGEs from parallel transactions can
deadlock on the same nodes.

A reader thread reads and maps the next pages while the writes go on. A first load into an empty
graph (`fresh`) also splits each page in two: the table's own new nodes commit first, from a
second thread, and may run a few pages ahead of the links, which still commit in order with the
watermark. The two never lock the same thing (new nodes against nodes committed before), and the
watermark never passes a page whose links are not in: after a crash the rerun (a careful MERGE
sync, the graph is no longer empty) finds at most some nodes already there.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar, cast

import neo4j
from sqlalchemy import Engine

from cypher import text
from graph_loader import reader, watermarks
from graph_loader.sources import SOURCES, Source, Statement

#: Rows per page and per write transaction (DESIGN.md: 10k-50k rows per UNWIND batch).
DEFAULT_BATCH = 10_000
DEFAULT_OVERLAP = timedelta(seconds=2)
T = TypeVar("T")


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


@dataclass
class _Page:
    """One unit of writing, prepared by the reader thread. `nodes` (first load only: the table's
    own new nodes) commit first, in the node writer's thread; `stmts` (links, deletes,
    aggregates and the watermark) then commit in one transaction in the caller's thread. `rows`
    is the source page, empty for a first load's deferred aggregates and final watermark."""

    source: Source
    stmts: list[Statement]
    rows: Sequence[Mapping[str, Any]] = ()
    nodes: list[Statement] = field(default_factory=list)
    node_stats: SourceStats | None = None


@dataclass
class _Started:
    source: Source
    total: int


def _page(source: Source, conn_engine: Engine, rows: Sequence[Mapping[str, Any]], fresh: bool) -> _Page:
    live = [r for r in rows if r["deleted_at"] is None]
    gone = [r for r in rows if r["deleted_at"] is not None]
    stmts: list[Statement] = []
    nodes: list[Statement] = []
    if gone and source.delete:
        stmts.append((source.delete, {"keys": [source.key(r) for r in gone]}))
    if live and source.upsert:
        mapped = [source.row(r) for r in live]
        if fresh:
            nodes, links = source.insert(mapped)
            stmts.extend(links)
        else:
            stmts.append((source.upsert, {"rows": mapped}))
    deferred = fresh and source.derived_all is not None
    if source.derived is not None and not deferred:
        with conn_engine.connect() as conn:
            stmts.extend(source.derived(conn, rows))
    if not deferred:
        # No watermark until the deferred aggregates are written too: a crash before then leaves
        # the table without one, and the rerun reads it again on the careful path.
        stmts.append(("sync/set_watermark", _mark(source, rows[-1])))
    return _Page(source, stmts, rows, nodes)


def _mark(source: Source, last: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "source": source.name,
        "updated_at": last["updated_at"],
        "key": [last[k] for k in source.key_columns],
    }


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


_DONE = object()
#: Items a stage may run ahead of the next. Reading and mapping (Python), writing nodes and writing
#: links overlap; a bounded queue keeps memory at a few pages whatever the size of the bank.
_AHEAD = 2


class _StoppedError(Exception):
    """The consuming side has gone: the stage's thread ends."""


def _produce(
    engine: Engine,
    marks: Mapping[str, reader.Watermark],
    sources: Sequence[Source],
    batch_size: int,
    overlap: timedelta,
    fresh: bool,
) -> Iterator[_Started | _Page]:
    """Read every source, parents first, into what to write, in order."""
    for source in sources:
        mark = _rewind(marks.get(source.name), overlap)
        yield _Started(source, reader.count_after(engine, source.table, source.key_columns, mark))
        last_page: Sequence[Mapping[str, Any]] = []
        for page in reader.pages(engine, source.table, source.key_columns, mark, batch_size):
            yield _page(source, engine, page, fresh)
            last_page = page
        if fresh and source.derived_all is not None and last_page:
            with engine.connect() as conn:
                for stmts in source.derived_all(conn, batch_size):
                    yield _Page(source, stmts)
            yield _Page(source, [("sync/set_watermark", _mark(source, last_page[-1]))])


def _write_nodes(
    driver: neo4j.Driver,
    database: str,
    bookmarks: neo4j.BookmarkManager,
    items: Iterator[_Started | _Page],
) -> Iterator[_Started | _Page]:
    """Commit each page's new nodes, in a session of this thread's own. They never conflict with
    the links the caller writes meanwhile: those touch only nodes committed before."""
    with driver.session(database=database, bookmark_manager=bookmarks) as session:
        for item in items:
            if isinstance(item, _Page) and item.nodes:
                item.node_stats = session.execute_write(_write, item.nodes)
            yield item


def _in_thread(items: Iterator[T]) -> Generator[T, None, None]:
    """Run `items` in a thread of its own, a few items ahead, and yield them in order. Closing
    the generator stops the thread (and closes `items`); an error in the thread is raised here."""
    q: queue.Queue[object] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def put(item: object) -> None:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.2)
                return
            except queue.Full:
                continue
        raise _StoppedError

    def run() -> None:
        try:
            with contextlib.closing(cast(Generator[T, None, None], items)):
                for item in items:
                    put(item)
            put(_DONE)
        except _StoppedError:
            pass
        except BaseException as exc:  # handed to the consumer's thread, which raises it
            with contextlib.suppress(_StoppedError):
                put(exc)

    thread = threading.Thread(target=run, name="graph-loader-stage", daemon=True)
    thread.start()
    try:
        while True:
            got = q.get()
            if got is _DONE:
                return
            if isinstance(got, BaseException):
                raise got
            yield cast(T, got)
    finally:
        stop.set()
        thread.join()


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

    `fresh` (only for a load into an empty graph) takes the faster insert statements. A reader
    thread reads and maps the next pages while this one writes; writes stay serial and in order."""
    progress = progress or Progress()
    report = SyncReport()
    started = time.monotonic()
    marks = watermarks.read_all(driver, database)
    sources = [s for s in SOURCES if not only or s.name in only]
    t0 = time.monotonic()
    current: SourceStats | None = None
    reading = _in_thread(_produce(engine, marks, sources, batch_size, overlap, fresh))
    # Shared bookmarks: the links' transaction sees the nodes the other session committed, also on
    # a cluster.
    bookmarks = neo4j.GraphDatabase.bookmark_manager()
    items = _in_thread(_write_nodes(driver, database, bookmarks, reading))
    with (
        driver.session(database=database, bookmark_manager=bookmarks) as session,
        contextlib.closing(items),
    ):
        for item in items:
            if isinstance(item, _Started):
                if current is not None:
                    current.seconds = time.monotonic() - t0
                t0 = time.monotonic()
                current = report.sources.setdefault(item.source.name, SourceStats())
                progress.start(item.source.name, item.total)
                continue
            assert current is not None
            if item.node_stats is not None:
                _merge(current, item.node_stats)
            # A retried transaction must not count twice: each try counts into a fresh object.
            _merge(current, session.execute_write(_write, item.stmts))
            page = item.rows
            if not page:
                continue
            current.rows += len(page)
            current.deleted += sum(1 for r in page if r["deleted_at"] is not None)
            current.upserted += sum(1 for r in page if r["deleted_at"] is None)
            progress.advance(item.source.name, len(page))
            if on_batch is not None:
                on_batch(item.source.name, len(page))
        if current is not None:
            current.seconds = time.monotonic() - t0
    report.seconds = time.monotonic() - started
    return report


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
