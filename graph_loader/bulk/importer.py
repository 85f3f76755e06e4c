"""`c360 graph load --bulk`: export the projection to CSV and run `neo4j-admin database import full`.

The fastest path for a big first load. It writes a new database offline, so it needs the local
server (stopped while it runs, started again after) and it REPLACES the graph. Afterwards the
constraints are created and each table's watermark is set to where the export began, so
`c360 graph sync` carries on incrementally from there.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import ctypes.util
import multiprocessing
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import neo4j
from sqlalchemy import Engine, text

from c360.bootstrap import engine_for_url
from c360.errors import C360Error
from c360.local_neo4j import server
from c360.local_neo4j.home import Neo4jHome
from c360.settings import Settings
from c360.tools import require_java
from cypher import text as cypher_text
from graph_loader import cut, schema
from graph_loader.bulk.csv_specs import CsvSpec, specs
from graph_loader.convert import iso, value
from graph_loader.sources import SOURCES

#: Rows fetched per round trip while streaming a query into its CSV.
FETCH = 50_000
#: Files exported at once, each in a process of its own.
EXPORT_WORKERS = 2


@dataclass
class BulkReport:
    files: dict[str, int] = field(default_factory=dict)  # file -> rows
    nodes: int = 0
    relationships: int = 0
    export_seconds: float = 0.0
    import_seconds: float = 0.0
    total_seconds: float = 0.0

    @property
    def elements(self) -> int:
        return self.nodes + self.relationships


def _cell(v: Any) -> str:
    v = value(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime | date):
        return v.isoformat()
    return str(v)


def _blank_or(fn: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda v: "" if v is None else fn(v)


_BOOL = _blank_or(lambda v: "true" if v else "false")
_ISO = _blank_or(iso)
_STR = _blank_or(str)


def _converter(sample: Any) -> Callable[[Any], str]:
    """The cell writer for a column whose values look like `sample`. Every value of a column has
    one Python type, so the choice `_cell` makes per value is made once per column: the export
    spends most of its time formatting cells."""
    if isinstance(sample, bool):
        return _BOOL
    if isinstance(sample, datetime | date):
        return _ISO
    if isinstance(sample, str | int):
        return _STR
    return _cell  # Decimal: int or float by its scale (convert.value)


def _converters(part: Sequence[Sequence[Any]], found: list[Callable[[Any], str] | None]) -> None:
    """Fill in `found` for the columns whose first non-null value is in `part`."""
    for i, conv in enumerate(found):
        if conv is None:
            sample = next((r[i] for r in part if r[i] is not None), None)
            if sample is not None:
                found[i] = _converter(sample)


def _export_one(
    engine: Engine, folder: Path, spec: CsvSpec, snapshot_id: str | None = None
) -> tuple[int, bool]:
    """Write one spec's CSV. Returns its rows and whether any field spans lines. With
    `snapshot_id` (PostgreSQL) every file reads the one snapshot the coordinator exported, so
    parents and children agree however many processes export them."""
    n = 0
    multiline = False
    with (
        (folder / f"{spec.file}.csv").open("w", newline="", encoding="utf-8") as fh,
        engine.connect() as conn,
    ):
        if snapshot_id is not None:
            if not _SNAPSHOT_ID.fullmatch(snapshot_id):
                raise C360Error(f"Unexpected snapshot id from PostgreSQL: {snapshot_id!r}")
            conn.execution_options(isolation_level="REPEATABLE READ")
            # The first statement of the transaction; the driver binds the id as a quoted literal.
            conn.exec_driver_sql("SET TRANSACTION SNAPSHOT %(id)s", {"id": snapshot_id})
        out = csv.writer(fh)
        out.writerow(spec.header)
        result = conn.execution_options(stream_results=True, yield_per=FETCH).execute(spec.query)
        found: list[Callable[[Any], str] | None] = [None] * len(spec.header)
        for part in result.partitions():
            _converters(part, found)
            convs = [c or _cell for c in found]
            cells = [[c(v) for c, v in zip(convs, r, strict=True)] for r in part]
            texts = [i for i, c in enumerate(convs) if c is _STR or c is _cell]
            multiline = multiline or any("\n" in r[i] or "\r" in r[i] for r in cells for i in texts)
            out.writerows(cells)
            n += len(cells)
    return n, multiline


#: What pg_export_snapshot() returns, e.g. 00000003-0000001B-1.
_SNAPSHOT_ID = re.compile(r"[0-9A-F]+-[0-9A-F]+(-[0-9]+)?")


def _export_in_worker(url: str, folder: Path, file: str, snapshot_id: str | None) -> tuple[int, bool]:
    engine = engine_for_url(url)
    try:
        return _export_one(engine, folder, next(s for s in specs() if s.file == file), snapshot_id)
    finally:
        engine.dispose()


@contextlib.contextmanager
def _consistent_source(engine: Engine, folder: Path) -> Iterator[tuple[str, str | None, cut.Cut]]:
    """Where the export processes read one consistent state of the source, and its cut: on
    PostgreSQL an exported snapshot, held open by this process while they read; on SQLite a copy
    taken with SQLite's backup API (one read transaction), read instead of the live file."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "postgresql":
        with cut.snapshot(engine) as (conn, the_cut):
            snapshot_id = str(conn.execute(text("SELECT pg_export_snapshot()")).scalar_one())
            yield url, snapshot_id, the_cut
        return
    if engine.dialect.name == "sqlite" and engine.url.database:
        the_cut = cut.Cut(cut.utcnow(), "clock")
        copy = folder / "source-snapshot.sqlite3"
        with (
            contextlib.closing(sqlite3.connect(engine.url.database)) as src,
            contextlib.closing(sqlite3.connect(copy)) as dst,
        ):
            src.backup(dst)
        yield f"sqlite:///{copy}", None, the_cut
        return
    with cut.snapshot(engine) as (_conn, the_cut):  # another engine: each file its own read
        yield url, None, the_cut


def export(
    engine: Engine, folder: Path, progress: Callable[[str, int], None]
) -> tuple[dict[str, int], bool, cut.Cut]:
    """Write one CSV per spec, EXPORT_WORKERS files at a time in processes of their own (formatting
    cells is Python work, one core per process), all from one consistent state of the source.
    Returns rows per file, whether any field spans lines, and the cut the state was read at.
    `progress(file, rows)` is called as each file is done."""
    folder.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}
    multiline = False
    all_specs = specs()
    # spawn, not fork: a forked child would share the parent's pooled connections.
    with (
        _consistent_source(engine, folder) as (url, snapshot_id, the_cut),
        ProcessPoolExecutor(EXPORT_WORKERS, mp_context=multiprocessing.get_context("spawn")) as pool,
    ):
        futures = {
            pool.submit(_export_in_worker, url, folder, spec.file, snapshot_id): spec.file
            for spec in all_specs
        }
        for future in as_completed(futures):
            file = futures[future]
            rows[file], spans = future.result()
            multiline = multiline or spans
            progress(file, rows[file])
    return {spec.file: rows[spec.file] for spec in all_specs}, multiline, the_cut


def _die_with_parent() -> None:
    """In the import's child process: die when the parent does. A `c360` killed by an OOM or a
    kill -9 must not leave an import writing into the store that the rerun imports into."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


_PR_SET_PDEATHSIG = 1


def _admin_import(
    settings: Settings, home: Neo4jHome, folder: Path, all_specs: list[CsvSpec], multiline: bool
) -> str:
    java = require_java()
    args = [
        java,
        f"-Xmx{settings.neo4j_heap}",
        "-cp",
        str(home.lib / "*"),
        "org.neo4j.cli.AdminTool",
        "database",
        "import",
        "full",
        # The database first: --nodes and --relationships take several values and would swallow it.
        settings.neo4j_database,
        "--overwrite-destination=true",
        f"--multiline-fields={str(multiline).lower()}",
        "--skip-bad-relationships=false",
        "--skip-duplicate-nodes=false",
        *(f"--{s.kind}={folder / f'{s.file}.csv'}" for s in all_specs),
    ]
    env = {"NEO4J_HOME": str(home.root), "NEO4J_CONF": str(home.conf_dir), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        args, env=env, capture_output=True, text=True, check=False, preexec_fn=_die_with_parent
    )
    if result.returncode != 0:
        raise C360Error(
            f"neo4j-admin import failed (exit {result.returncode}); the previous graph is unchanged.",
            detail=(result.stdout + result.stderr)[-3000:],
        )
    return result.stdout


def bulk_load(
    settings: Settings,
    engine: Engine,
    work_dir: Path,
    *,
    connect: Callable[[], neo4j.Driver],
    progress: Callable[[str, int], None] = lambda _f, _n: None,
) -> BulkReport:
    """Export, import into a fresh database, restart, create the schema, set the watermarks."""
    if not settings.uses_local_neo4j:
        raise C360Error(
            "--bulk writes the database files directly, so it needs the local server; NEO4J_URI is set.",
            hint="Use `c360 graph load` (the online path) for an external server.",
        )
    home = Neo4jHome(settings.neo4j_home)
    if not home.is_installed():
        raise C360Error("Neo4j is not installed.", hint="Run `c360 neo4j install` first.")
    report = BulkReport()
    started = time.monotonic()
    folder = work_dir / "bulk-import"
    shutil.rmtree(folder, ignore_errors=True)
    report.files, multiline, the_cut = export(engine, folder, progress)
    # Every table carries on from the cut: rows the export could not see lie above its bound.
    marks = [{"source": s.name, "updated_at": the_cut.bound, "key": []} for s in SOURCES]
    report.export_seconds = time.monotonic() - started
    all_specs = specs()
    report.nodes = sum(report.files[s.file] for s in all_specs if s.kind == "nodes")
    report.relationships = sum(report.files[s.file] for s in all_specs if s.kind == "relationships")

    t0 = time.monotonic()
    server.stop(settings)
    # Marked until the new store is in and the server is up: a start in between (after a kill)
    # is refused with what to run, instead of serving a half-written store.
    home.bulk_marker.write_text("an interrupted `c360 graph load --bulk`\n", encoding="utf-8")
    try:
        _admin_import(settings, home, folder, all_specs, multiline)
    finally:
        home.bulk_marker.unlink(missing_ok=True)  # the import ended, well or not: only a kill leaves it
        server.start(settings)  # back up, with the new graph or, on failure, the old one
    report.import_seconds = time.monotonic() - t0

    with connect() as driver:
        schema.apply(driver, settings.neo4j_database)
        for mark in marks:
            driver.execute_query(cypher_text("sync/set_watermark"), mark, database_=settings.neo4j_database)
    shutil.rmtree(folder, ignore_errors=True)
    report.total_seconds = time.monotonic() - started
    return report
