"""A bank that keeps changing while the graph sync runs: the writer of the sync kill suite
(tests/integration/test_sync_kills.py) and of its benchmark (bench/bench_sync_kills.py).

Each commit brings a new device, a new customer and that customer's device_usage row together,
so the usage row (a USES child) may be read by a sync that has not seen its parents: the case
where a sync that reads its tables at different moments drops the link for good.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import neo4j
import psycopg2
import psycopg2.extensions
from sqlalchemy.engine import make_url

from relational.models import DEVICE_TYPES, GENDERS, SEGMENTS

# Every stamp is (now() AT TIME ZONE 'UTC'): the one clock the models use (naive UTC), taken at
# the transaction's start, as any writer that stamps in SQL does.
_INSERT_DEVICE = """
INSERT INTO devices (device_id, device_type, os, is_trusted, first_seen_at,
                     created_at, updated_at, deleted_at)
VALUES (%s, %s, %s, %s, now() AT TIME ZONE 'UTC',
        now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', NULL)
"""
_INSERT_CUSTOMER = """
INSERT INTO customers (customer_id, customer_type, full_name, date_of_birth, gender, national_id,
                       segment, kyc_level, opened_at, created_at, updated_at, deleted_at)
VALUES (%s, 'individual', %s, %s, %s, %s, %s, %s, now() AT TIME ZONE 'UTC',
        now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', NULL)
"""
_INSERT_USAGE = """
INSERT INTO device_usage (customer_id, device_id, ip_address, first_seen_at, last_seen_at, login_count,
                          created_at, updated_at, deleted_at)
VALUES (%s, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', %s,
        now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', NULL)
RETURNING usage_id
"""
_RENAME = "UPDATE customers SET full_name = %s, updated_at = now() AT TIME ZONE 'UTC' WHERE customer_id = %s"
_SOFT_DELETE_USAGE = """
UPDATE device_usage SET deleted_at = now() AT TIME ZONE 'UTC', updated_at = now() AT TIME ZONE 'UTC'
WHERE usage_id = %s
"""


def connect(url: str) -> psycopg2.extensions.connection:
    """A psycopg2 connection from a SQLAlchemy PostgreSQL URL."""
    u = make_url(url)
    return psycopg2.connect(host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database)


@dataclass(frozen=True)
class NewCustomer:
    customer_id: str
    device_id: str
    #: time.monotonic() when COMMIT returned.
    committed_at: float


class Writer:
    """Commits at `rate` transactions per second while resumed, each in ONE transaction: a new
    device, a new customer and that customer's device_usage row; every `rename_every`th also
    renames an existing customer, every `delete_every`th (if set) soft-deletes an earlier live
    usage row. Only what committed is recorded. `pause()` returns once no transaction is open, so
    after it the source stands still; an error in the writer's thread is raised by `pause()`,
    `stop()` and `check()`."""

    def __init__(
        self,
        url: str,
        *,
        rate: float,
        seed: int,
        rename_every: int = 5,
        delete_every: int | None = 10,
        prefix: str = "CUSW",
    ) -> None:
        self.rate = rate
        self._url = url
        self._rng = random.Random(seed)
        self._rename_every = rename_every
        self._delete_every = delete_every
        self._prefix = prefix
        # Held for the length of one transaction: pause() takes it to wait for the one in flight.
        self._tx_lock = threading.Lock()
        # Guards what other threads read while the writer runs (the benchmark's probe).
        self._book = threading.Lock()
        self._go = threading.Event()
        self._stopping = threading.Event()
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._conn: psycopg2.extensions.connection | None = None
        self._n = 0
        self._since_resume = 0
        self._resumed_at = 0.0
        self._active = 0.0
        self._customers: list[str] = []
        self._mine: set[str] = set()
        self._live_usage: list[tuple[int, str]] = []
        self._national_ids: set[str] = set()
        self._next_national = 900_000_000_000
        self.created: list[NewCustomer] = []
        #: customer_id -> the last name the writer committed for it.
        self.renamed: dict[str, str] = {}
        #: The writer's own customers whose only usage row it soft-deleted: they rightly have no USES.
        self.unlinked: set[str] = set()
        self.soft_deleted = 0
        self.commits = 0

    # --- control ---------------------------------------------------------------------------
    def start(self, *, running: bool = True) -> None:
        """Connect, read what the bank holds, and start the thread (running, or paused)."""
        conn = connect(self._url)
        conn.autocommit = False
        with conn.cursor() as cur:
            # Durability is not under test; an fsync per commit would make the rate the disk's.
            cur.execute("SET synchronous_commit = off")
            cur.execute("SELECT customer_id, national_id FROM customers ORDER BY customer_id")
            for cid, nid in cur.fetchall():
                self._customers.append(cid)
                if nid is not None:
                    self._national_ids.add(nid)
            cur.execute("SELECT usage_id, customer_id FROM device_usage WHERE deleted_at IS NULL ORDER BY 1")
            self._live_usage = [(int(u), str(c)) for u, c in cur.fetchall()]
        conn.commit()
        self._conn = conn
        self._thread = threading.Thread(target=self._run, name="bank-writer", daemon=True)
        self._thread.start()
        if running:
            self.resume()

    def resume(self) -> None:
        self.check()
        with self._tx_lock:
            self._resumed_at = time.monotonic()
            self._since_resume = 0
            self._go.set()

    def pause(self) -> None:
        """Stop committing; return once the transaction in flight (if any) has ended."""
        self._go.clear()
        with self._tx_lock:
            if self._resumed_at:
                self._active += time.monotonic() - self._resumed_at
                self._resumed_at = 0.0
        self.check()

    def stop(self) -> None:
        """Pause, end the thread and close the connection. Safe to call twice, or after a failure."""
        self._go.clear()
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        with self._tx_lock:
            if self._resumed_at:
                self._active += time.monotonic() - self._resumed_at
                self._resumed_at = 0.0
            if self._conn is not None:
                self._conn.close()
                self._conn = None
        self.check()

    def check(self) -> None:
        if self._error is not None:
            raise RuntimeError(f"the bank writer failed after {self.commits} commits") from self._error

    # --- what it did -----------------------------------------------------------------------
    @property
    def active_seconds(self) -> float:
        with self._tx_lock:
            running = time.monotonic() - self._resumed_at if self._resumed_at else 0.0
            return self._active + running

    @property
    def achieved_rate(self) -> float:
        seconds = self.active_seconds
        return self.commits / seconds if seconds else 0.0

    def created_since(self, index: int) -> list[NewCustomer]:
        """The customers committed after the first `index` ones (for a thread watching the graph)."""
        with self._book:
            return self.created[index:]

    def linked(self) -> list[NewCustomer]:
        """The writer's customers that must have their USES: the usage row is still live."""
        with self._book:
            return [c for c in self.created if c.customer_id not in self.unlinked]

    # --- the thread ------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                if not self._go.wait(0.05):
                    continue
                with self._tx_lock:
                    if not self._go.is_set():
                        continue  # paused between the wait and the lock
                    self._one()
                    due = self._resumed_at + self._since_resume / self.rate
                delay = due - time.monotonic()
                if delay > 0:
                    self._stopping.wait(delay)
        except BaseException as exc:  # raised in the test's thread by check()
            self._error = exc
            self._go.clear()

    def _national_id(self) -> str:
        while True:
            self._next_national += 1
            nid = f"{self._next_national:012d}"
            if nid not in self._national_ids:
                return nid

    def _one(self) -> None:
        assert self._conn is not None
        rng = self._rng
        n = self._n + 1
        cid = f"{self._prefix}{n:08d}"
        dev = f"fp-w-{self._prefix.lower()}-{n:08d}"
        nid = self._national_id()
        renamed: tuple[str, str] | None = None
        deleted: tuple[int, str] | None = None
        deleted_at = -1
        try:
            with self._conn.cursor() as cur:
                cur.execute(_INSERT_DEVICE, (dev, rng.choice(DEVICE_TYPES), "Android 15", rng.random() < 0.5))
                born = date(1950 + rng.randrange(55), 1 + rng.randrange(12), 1 + rng.randrange(28))
                cur.execute(
                    _INSERT_CUSTOMER,
                    (cid, f"Khách Mới {n}", born, rng.choice(GENDERS), nid, rng.choice(SEGMENTS),
                     1 + rng.randrange(3)),
                )  # fmt: skip
                ip = f"172.{16 + n // 62500 % 16}.{n // 250 % 250}.{n % 250 + 1}"
                cur.execute(_INSERT_USAGE, (cid, dev, ip, 1 + rng.randrange(20)))
                row: Any = cur.fetchone()
                usage_id = int(row[0])
                if self._rename_every and n % self._rename_every == 0 and self._customers:
                    target = rng.choice(self._customers)
                    renamed = (target, f"Đổi Tên {n}")
                    cur.execute(_RENAME, (renamed[1], target))
                if self._delete_every and n % self._delete_every == 0 and self._live_usage:
                    deleted_at = rng.randrange(len(self._live_usage))
                    deleted = self._live_usage[deleted_at]
                    cur.execute(_SOFT_DELETE_USAGE, (deleted[0],))
            self._conn.commit()
        except BaseException:
            self._conn.rollback()
            raise
        committed = time.monotonic()
        # Only now that it committed does the writer record what it did.
        self._n = n
        self._since_resume += 1
        with self._book:
            self.commits += 1
            self.created.append(NewCustomer(cid, dev, committed))
            self._customers.append(cid)
            self._mine.add(cid)
            if renamed is not None:
                self.renamed[renamed[0]] = renamed[1]
            if deleted is not None:
                last = self._live_usage.pop()
                if deleted_at < len(self._live_usage):
                    self._live_usage[deleted_at] = last
                self.soft_deleted += 1
                if deleted[1] in self._mine:
                    self.unlinked.add(deleted[1])
            self._live_usage.append((usage_id, cid))


# --- what the graph holds of the writer's work -------------------------------------------------
_LINKS = """
UNWIND $pairs AS p
OPTIONAL MATCH (c:Customer {customer_id: p.c})
OPTIONAL MATCH (c)-[u:USES]->(:Device {device_id: p.d})
RETURN p.c AS id, c IS NOT NULL AS node, count(u) AS uses
"""
_NAMES = "UNWIND $ids AS id MATCH (c:Customer {customer_id: id}) RETURN id, c.full_name AS name"


def links(driver: neo4j.Driver, database: str, customers: list[NewCustomer]) -> dict[str, tuple[bool, int]]:
    """customer_id -> (its node is in the graph, how many USES it has to its own device)."""
    out: dict[str, tuple[bool, int]] = {}
    for i in range(0, len(customers), 5000):
        pairs = [{"c": c.customer_id, "d": c.device_id} for c in customers[i : i + 5000]]
        records, _, _ = driver.execute_query(_LINKS, pairs=pairs, database_=database)
        out.update((r["id"], (bool(r["node"]), int(r["uses"]))) for r in records)
    return out


def names(driver: neo4j.Driver, database: str, ids: list[str]) -> dict[str, str]:
    records, _, _ = driver.execute_query(_NAMES, ids=ids, database_=database)
    return {r["id"]: r["name"] for r in records}


def link_problems(driver: neo4j.Driver, database: str, writer: Writer) -> list[str]:
    """Everything the graph gets wrong about what the writer committed (empty when all is right):
    a customer node missing, a live usage row without its USES, a soft-deleted one still linked,
    a rename not applied. Call with the writer paused."""
    problems: list[str] = []
    found = links(driver, database, writer.created)
    for c in writer.created:
        node, uses = found.get(c.customer_id, (False, 0))
        want = 0 if c.customer_id in writer.unlinked else 1
        if not node:
            problems.append(f"customer {c.customer_id} is not in the graph")
        elif uses != want:
            problems.append(f"customer {c.customer_id} has {uses} USES to {c.device_id}, expected {want}")
    have = names(driver, database, sorted(writer.renamed))
    for cid, name in sorted(writer.renamed.items()):
        if have.get(cid) != name:
            problems.append(f"customer {cid} is named {have.get(cid)!r} in the graph, {name!r} in the source")
    return problems
