"""Incremental sync, and the full load as a sync from nothing.

A cycle reads every source table, parents first, inside ONE snapshot of the source, from each
table's watermark (`graph_loader.cut` says how the snapshot's bound is chosen, and why nothing
that commits late is skipped). Each page is written (upserts, deletes for soft-deleted rows,
recomputed aggregates), with the rows that wait for a missing parent (`graph_loader.pending`)
and the new watermark, in ONE managed transaction. The driver retries transient failures of that
transaction, and the writes are idempotent MERGEs, so an interrupted run followed by a rerun
neither loses nor duplicates anything. Writes are serial: relationship MERGEs from parallel
transactions can deadlock on the same nodes.

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
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

import neo4j
from sqlalchemy import Connection, Engine

from cypher import text
from graph_loader import cut, pending, reader, watermarks
from graph_loader.sources import SOURCES, Source, Statement, by_name

#: Rows per page and per write transaction (DESIGN.md: 10k-50k rows per UNWIND batch).
DEFAULT_BATCH = 10_000
DEFAULT_OVERLAP = timedelta(seconds=2)
T = TypeVar("T")


@dataclass
class SourceStats:
    rows: int = 0
    upserted: int = 0
    deleted: int = 0
    #: Rows read in this run that wait for a parent the graph lacks: read = written + pending.
    pending: int = 0
    #: Rows read again because they were pending, or are parents a pending row waits for.
    retried: int = 0
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    seconds: float = 0.0

    @property
    def written(self) -> int:
        return self.rows - self.pending

    @property
    def elements_written(self) -> int:
        return self.nodes_created + self.relationships_created


@dataclass
class SyncReport:
    sources: dict[str, SourceStats] = field(default_factory=dict)
    seconds: float = 0.0
    #: The cut this run read up to (None before the first cycle).
    cut: cut.Cut | None = None
    #: Source rows still waiting for a parent after this run, in the whole graph.
    pending_total: int = 0

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.sources.values())

    @property
    def pending(self) -> int:
        return sum(s.pending for s in self.sources.values())

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
    aggregates and the watermark) then commit in one transaction in the caller's thread, after
    `check` has found which rows wait for a missing parent. `rows` is the source page, empty for
    a first load's deferred aggregates and final watermark."""

    source: Source
    stmts: list[Statement]
    rows: Sequence[Mapping[str, Any]] = ()
    nodes: list[Statement] = field(default_factory=list)
    node_stats: SourceStats | None = None
    check: pending.Check | None = None
    retry: bool = False


@dataclass
class _Started:
    source: Source
    total: int


@dataclass
class _CutTaken:
    cut: cut.Cut


@dataclass
class _Retry:
    """What a cycle reads again for one source: pending rows and the parents they wait for."""

    keys: list[list[Any]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


@dataclass
class _Cycle:
    """What the reader knows for a whole cycle: the cut, the pending rows read at its start and
    the parents that are gone from the source."""

    cut: cut.Cut
    known: set[str]
    gone: set[tuple[str, Any]]


def _page(
    source: Source,
    conn: Connection,
    rows: Sequence[Mapping[str, Any]],
    fresh: bool,
    cycle: _Cycle,
    *,
    mark: dict[str, Any] | None,
    clears: Sequence[str] = (),
    retry: bool = False,
) -> _Page:
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
        stmts.extend(source.derived(conn, rows))
    if mark is not None:
        stmts.append(("sync/set_watermark", mark))
    check = pending.check_for(source.name, source.refs, source.key_columns, rows, cycle.known)
    if clears:
        check = check or pending.Check(source.name)
        check.clears.extend(clears)
    if check is not None:
        check.gone = cycle.gone
    return _Page(source, stmts, rows, nodes, check=check, retry=retry)


def _mark(source: Source, last: Mapping[str, Any], bound: datetime, is_last: bool) -> dict[str, Any]:
    """The watermark after a page. Mid-table, the page's last row, as long as it lies below the
    cut's bound: a rerun in another snapshot may then start after it. Past the bound, or once the
    table is read to its end, the bound itself: rows the snapshot could not see lie above it."""
    if is_last or last["updated_at"] >= bound:
        return {"source": source.name, "updated_at": bound, "key": []}
    return {
        "source": source.name,
        "updated_at": last["updated_at"],
        "key": [last[k] for k in source.key_columns],
    }


def _with_last(items: Iterator[T]) -> Iterator[tuple[T, bool]]:
    """Each item with whether it is the last one."""
    it = iter(items)
    try:
        prev = next(it)
    except StopIteration:
        return
    for item in it:
        yield prev, False
        prev = item
    yield prev, True


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


def _write_page(tx: neo4j.ManagedTransaction, page: _Page, engine: Engine) -> SourceStats:
    """The page's writes, then which of its rows wait for a parent, in one transaction. The
    check runs after the writes, which may bring a parent of their own (a page of transactions
    whose alerts name them); parents from earlier tables are committed before this page."""
    stats = _write(tx, page.stmts)
    if page.check is not None:
        stats.pending = pending.run(tx, page.check, lambda missing: _gone_now(engine, missing))
    return stats


def _gone_now(engine: Engine, missing: set[tuple[str, Any]]) -> set[tuple[str, Any]]:
    """Which missing parents are not live in the source now: a link to them rightly does not
    exist, so nobody waits for them. (One that is live now but was not in the cycle's snapshot
    waits, and the next cycle brings it.)"""
    by_label: dict[str, list[Any]] = defaultdict(list)
    for label, key in missing:
        by_label[label].append(key)
    gone: set[tuple[str, Any]] = set()
    with engine.connect() as conn:
        for label, keys in by_label.items():
            table, col, _param = pending.PARENTS[label]
            live = reader.live_keys(conn, by_name(table).table, col, keys)
            gone.update((label, k) for k in keys if k not in live)
    return gone


_DONE = object()
#: Items a stage may run ahead of the next. Reading and mapping (Python), writing nodes and writing
#: links overlap; a bounded queue keeps memory at a few pages whatever the size of the bank.
_AHEAD = 2


class _StoppedError(Exception):
    """The consuming side has gone: the stage's thread ends."""


def _retry_plan(
    conn: Connection, known: Sequence[pending.Waiting]
) -> tuple[dict[str, _Retry], set[tuple[str, Any]]]:
    """What to read again this cycle: every pending row, and each live parent it waits for from
    the parent's own table (it should be in the graph and is not). Parents no longer live in the
    snapshot are returned as gone: nobody waits for them."""
    plan: dict[str, _Retry] = defaultdict(_Retry)
    wanted: dict[str, set[str]] = defaultdict(set)
    for w in known:
        plan[w.source].keys.append(w.key)
        plan[w.source].ids.append(w.id)
        for ref in w.waits_for:
            label, key = pending.parse_ref(ref)
            if label in pending.PARENTS:
                wanted[label].add(key)
    gone: set[tuple[str, Any]] = set()
    for label, keys in wanted.items():
        table, col, _param = pending.PARENTS[label]
        live = reader.live_keys(conn, by_name(table).table, col, sorted(keys))
        gone.update((label, k) for k in keys if k not in live)
        retry = plan[table]
        have = {tuple(k) for k in retry.keys}
        retry.keys.extend([k] for k in sorted(live) if (k,) not in have)
    return plan, gone


def _produce(
    engine: Engine,
    driver: neo4j.Driver,
    database: str,
    marks: Mapping[str, reader.Watermark],
    sources: Sequence[Source],
    batch_size: int,
    overlap: timedelta,
    fresh: bool,
) -> Iterator[_Started | _Page | _CutTaken]:
    """Read every source, parents first, from one snapshot, into what to write, in order."""
    known = pending.read_all(driver, database)
    with cut.snapshot(engine) as (conn, the_cut):
        yield _CutTaken(the_cut)
        plan, gone = _retry_plan(conn, known)
        cycle = _Cycle(the_cut, {w.id for w in known}, gone)
        for source in sources:
            mark = _rewind(marks.get(source.name), overlap)
            retry = plan.get(source.name)
            again = reader.by_keys(conn, source.table, source.key_columns, retry.keys) if retry else []
            total = reader.count_after(conn, source.table, source.key_columns, mark) + len(again)
            yield _Started(source, total)
            if retry:
                # Pending rows whose row is gone from the source need nothing any more.
                found = {pending.row_id(source.name, [r[k] for k in source.key_columns]) for r in again}
                vanished = [pid for pid in retry.ids if pid not in found]
                yield _page(source, conn, again, False, cycle, mark=None, clears=vanished, retry=True)
            last_page: Sequence[Mapping[str, Any]] = []
            pages = reader.pages(conn, source.table, source.key_columns, mark, batch_size)
            for page, is_last in _with_last(pages):
                deferred = fresh and source.derived_all is not None
                page_mark = None if deferred else _mark(source, page[-1], the_cut.bound, is_last)
                yield _page(source, conn, page, fresh, cycle, mark=page_mark)
                last_page = page
            if fresh and source.derived_all is not None and last_page:
                # No watermark until the deferred aggregates are written too: a crash before then
                # leaves the table without one, and the rerun reads it again on the careful path.
                for stmts in source.derived_all(conn, batch_size):
                    yield _Page(source, stmts)
                bound = {"source": source.name, "updated_at": the_cut.bound, "key": []}
                yield _Page(source, [("sync/set_watermark", bound)])


def _write_nodes(
    driver: neo4j.Driver,
    database: str,
    bookmarks: neo4j.BookmarkManager,
    items: Iterator[_Started | _Page | _CutTaken],
) -> Iterator[_Started | _Page | _CutTaken]:
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
    reading = _in_thread(_produce(engine, driver, database, marks, sources, batch_size, overlap, fresh))
    # Shared bookmarks: the links' transaction sees the nodes the other session committed, also on
    # a cluster.
    bookmarks = neo4j.GraphDatabase.bookmark_manager()
    items = _in_thread(_write_nodes(driver, database, bookmarks, reading))
    with (
        driver.session(database=database, bookmark_manager=bookmarks) as session,
        contextlib.closing(items),
    ):
        for item in items:
            if isinstance(item, _CutTaken):
                report.cut = item.cut
                continue
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
            stats = session.execute_write(_write_page, item, engine)
            page = item.rows
            if item.retry:
                # Read again, not new: these rows were counted when first read; a row that still
                # waits shows in the pending total.
                stats.pending = 0
                current.retried += len(page)
            _merge(current, stats)
            if page:
                progress.advance(item.source.name, len(page))
            if not page or item.retry:
                continue
            current.rows += len(page)
            current.deleted += sum(1 for r in page if r["deleted_at"] is not None)
            current.upserted += sum(1 for r in page if r["deleted_at"] is None)
            if on_batch is not None:
                on_batch(item.source.name, len(page))
        if current is not None:
            current.seconds = time.monotonic() - t0
    report.pending_total = pending.count(driver, database)
    report.seconds = time.monotonic() - started
    return report


def _merge(total: SourceStats, page: SourceStats) -> None:
    total.nodes_created += page.nodes_created
    total.nodes_deleted += page.nodes_deleted
    total.relationships_created += page.relationships_created
    total.relationships_deleted += page.relationships_deleted
    total.properties_set += page.properties_set
    total.pending += page.pending


def _rewind(mark: reader.Watermark | None, overlap: timedelta) -> reader.Watermark | None:
    """Start a little before the watermark (`graph_loader.cut` says why): every row stamped
    within `overlap` below it is read again, and the idempotent writes make that harmless."""
    if mark is None or overlap <= timedelta(0):
        return mark
    return reader.Watermark(mark.updated_at - overlap, ())


def full_load(engine: Engine, driver: neo4j.Driver, database: str, **kwargs: Any) -> SyncReport:
    """Read every row again: forget the watermarks, then sync. MERGE makes a reload a no-op."""
    records, _, _ = driver.execute_query(text("admin/graph_is_empty"), database_=database)
    watermarks.clear(driver, database)
    return sync(engine, driver, database, fresh=bool(records[0]["empty"]), **kwargs)
