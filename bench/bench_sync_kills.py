"""Commit-to-graph latency of `c360 graph sync --follow` under a steady writer, with the sync
SIGKILLed and restarted mid-run, and whether anything is lost.

    .venv/bin/python -m bench.bench_sync_kills [--runs 10] [--kills-per-run 1] [--seed S]
        [--customers 2000] [--rate 160] [--seconds 30] [--interval 0.5] [--no-kill]

Services of its own, so it never touches a developer's or the test suite's: a PostgreSQL cluster
(`c360 postgres start`) in a temporary C360_HOME on a spare port, and a Neo4j in `--home`
(installed there once, from the Maven cache) on spare ports. The bank is generated once
(`c360 db upgrade`, `c360 generate`) into a template database; each run gets a copy of it,
loads it into an emptied graph (`c360 graph load`), then starts `c360 graph sync --follow` and a
writer committing --rate transactions per second for --seconds (each: a new device, a new
customer and that customer's device_usage row; every fifth also renames an existing customer).
One kill lands 10 s in; with --kills-per-run K, K kills land at seeded random moments, spread
over the run. Each killed sync is restarted 3 s later.

Latency is from the writer's COMMIT to when a probe, polling Neo4j every ~50 ms, first sees the
new customer with its USES relationship (so its resolution is about 50 ms plus one query).
After the writer stops and the sync has caught up, a run counts the customers still missing
their USES and runs `c360 graph verify`; the benchmark exits 1 if any run lost anything or
failed verify.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import math
import os
import random
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import neo4j
import psutil
from psycopg2 import sql
from sqlalchemy.engine import make_url

from bench.machine import print_machine
from bench.services import C360, child_env, neo4j_settings
from c360 import local_postgres
from c360.bootstrap import neo4j_driver
from c360.local_neo4j import install, server
from c360.net import free_port
from c360.settings import Settings
from tests.sync_load import NewCustomer, Writer, connect, links

#: How long a killed sync stays down.
DOWN_S = 3.0
#: The reported scenario: one kill this far into the run.
FIRST_KILL_S = 10.0
PROBE_EVERY_S = 0.05
#: Once the writer stops, the sync has caught up when the probe has seen every new customer; or,
#: once it has seen the writer's last one (so a cycle has read past every commit), when nothing
#: new has shown up for QUIET_S (rows waiting for a parent get a few more cycles); or, with the
#: last one never seen, after CATCH_UP_S. A lost customer never shows up: only these bounds end
#: the wait then.
CATCH_UP_S = 60.0
QUIET_S = 10.0
_SEEN = """
UNWIND $pairs AS p
MATCH (:Customer {customer_id: p.c})-[:USES]->(:Device {device_id: p.d})
RETURN p.c AS id
"""


def _c360(env: dict[str, str], *args: str, timeout: float = 900) -> str:
    started = time.monotonic()
    out = subprocess.run(
        [C360, *args], env={**env, "COLUMNS": "160"}, capture_output=True, text=True, timeout=timeout,
        check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"c360 {' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    print(f"  c360 {' '.join(args)}: {time.monotonic() - started:.1f} s", flush=True)
    return out.stdout


# --- the services ----------------------------------------------------------------------------
class Postgres:
    """A private cluster in a temporary C360_HOME, on a spare port; databases on it."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("NEO4J_", "C360_", "DATABASE_URL", "API_"))
        }
        self.env.update(C360_HOME=str(home), POSTGRES_PORT=str(self.port))
        self.url = ""

    def start(self) -> None:
        _c360(self.env, "postgres", "start")
        self.url = _c360(self.env, "postgres", "url").strip()

    def stop(self) -> None:
        with contextlib.suppress(SystemExit):
            _c360(self.env, "postgres", "stop")
        # As root, with a home the server's user cannot enter, the cluster lives under /var/tmp.
        root = local_postgres.cluster(
            Settings(_env_file=None, c360_home=self.home, postgres_port=self.port)
        ).root
        if not root.is_relative_to(self.home):
            shutil.rmtree(root, ignore_errors=True)

    def database_url(self, name: str) -> str:
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def create(self, name: str) -> str:
        conn = connect(self.url)
        conn.autocommit = True  # CREATE DATABASE cannot run in a transaction
        try:
            with conn.cursor() as cur:
                cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        finally:
            conn.close()
        return self.database_url(name)


def _lock_home(home: Path) -> IO[str]:
    """Hold --home for this process: a second benchmark on the same home would stop this one's
    server (it stops any server the home has, a leftover of an interrupted run) and start its own.
    The lock goes with the process, however it ends."""
    fh = (home / "bench.lock").open("w", encoding="utf-8")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SystemExit(f"another bench_sync_kills is using {home}; give this one another --home") from None
    fh.write(f"{os.getpid()}\n")
    fh.flush()
    return fh


def _empty_graph(settings: Settings) -> None:
    # A DETACH DELETE takes seconds at this size; a restart on deleted files (bench_graph_load's
    # way, for millions) takes longer. Watermarks and pending rows go too: the load starts afresh.
    with neo4j_driver(settings) as driver, driver.session(database=settings.neo4j_database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


# --- one run ---------------------------------------------------------------------------------
class Probe(threading.Thread):
    """Polls Neo4j for the writer's customers until each shows up with its USES."""

    def __init__(self, settings: Settings, writer: Writer) -> None:
        super().__init__(name="graph-probe", daemon=True)
        self._settings = settings
        self._writer = writer
        self._taken = 0
        self._waiting: dict[str, NewCustomer] = {}
        self.latency: dict[str, float] = {}
        self.errors = 0
        self.last_seen = time.monotonic()
        self.stopping = threading.Event()
        self._lock = threading.Lock()

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._waiting) + len(self._writer.created) - self._taken

    def run(self) -> None:
        with neo4j_driver(self._settings) as driver:
            while not self.stopping.is_set():
                started = time.monotonic()
                self._poll(driver)
                self.stopping.wait(max(0.0, PROBE_EVERY_S - (time.monotonic() - started)))

    def _poll(self, driver: neo4j.Driver) -> None:
        new = self._writer.created_since(self._taken)
        with self._lock:
            self._taken += len(new)
            self._waiting.update((c.customer_id, c) for c in new)
            pairs = [{"c": c.customer_id, "d": c.device_id} for c in self._waiting.values()]
        if not pairs:
            return
        try:
            records, _, _ = driver.execute_query(_SEEN, pairs=pairs, database_=self._settings.neo4j_database)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError):
            self.errors += 1
            return
        seen = time.monotonic()
        with self._lock:
            for r in records:
                c = self._waiting.pop(r["id"], None)
                if c is not None:
                    self.latency[c.customer_id] = seen - c.committed_at
                    self.last_seen = seen


class Sync:
    """The `c360 graph sync --follow` child of a run, restarted after each kill, with the CPU
    seconds of every process it ran as."""

    def __init__(self, env: dict[str, str], interval: float, logs: Path) -> None:
        self._env = env
        self._interval = interval
        self._logs = logs
        self._proc: subprocess.Popen[str] | None = None
        self._out: IO[str] | None = None
        self._started = 0
        self.cpu_s = 0.0

    def start(self) -> None:
        self._started += 1
        self._out = (self._logs / f"sync-{self._started}.log").open("w", encoding="utf-8")
        self._proc = subprocess.Popen(
            [C360, "graph", "sync", "--follow", "--interval", str(self._interval)],
            env=self._env, stdout=self._out, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def wait_started(self, bolt_port: int, timeout: float = 60) -> None:
        """Until the sync holds a Bolt connection: past its imports, into its first cycle."""
        assert self._proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise SystemExit(f"the sync exited ({self._proc.returncode}):\n{self.tail()}")
            with contextlib.suppress(psutil.Error):
                conns = psutil.Process(self._proc.pid).net_connections(kind="tcp")
                if any(c.raddr and c.raddr.port == bolt_port for c in conns):
                    return
            time.sleep(0.05)
        raise SystemExit(f"the sync never connected to Neo4j:\n{self.tail()}")

    def tail(self) -> str:
        if self._out is not None and not self._out.closed:
            self._out.flush()
        logs = sorted(self._logs.glob("sync-*.log"))
        return logs[-1].read_text(errors="replace")[-3000:] if logs else ""

    def end(self, sig: signal.Signals) -> None:
        """Send `sig` to the c360 process alone (as the OOM killer would), counting its CPU."""
        if self._proc is None:
            return
        if self._proc.poll() is None:
            with contextlib.suppress(psutil.Error):
                t = psutil.Process(self._proc.pid).cpu_times()
                self.cpu_s += t.user + t.system
            os.kill(self._proc.pid, sig)
            try:
                self._proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._out is not None:
            self._out.close()
        self._proc = None


def kill_moments(rng: random.Random, kills: int, seconds: float) -> list[float]:
    """Seconds after the writer starts at which the sync is killed: 10 s for one kill (the
    reported case), else one seeded moment in each of `kills` equal slots of the run, each slot
    long enough to hold the kill, the 3 s down and a second of running."""
    if kills == 0:
        return []
    if kills == 1 and seconds >= FIRST_KILL_S + DOWN_S + 1:
        return [FIRST_KILL_S]
    slot = (seconds - 2) / kills
    if slot < DOWN_S + 1:
        raise SystemExit(f"{kills} kills do not fit in {seconds:g} s: each needs {DOWN_S + 1:g} s")
    return [round(1 + i * slot + rng.uniform(0, slot - DOWN_S - 1), 2) for i in range(kills)]


def _percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass
class RunResult:
    run: int
    seed: int
    kills: list[float]
    commits: int = 0
    rate: float = 0.0
    latencies: list[float] = field(default_factory=list)
    cpu_s: float = 0.0
    missing: int = 0
    verify_ok: bool = False
    differences: list[str] = field(default_factory=list)
    catch_up_s: float = 0.0
    wall_s: float = 0.0

    @property
    def lost(self) -> bool:
        return self.missing > 0 or not self.verify_ok

    def row(self) -> str:
        ms = [_percentile(self.latencies, q) * 1000 for q in (50, 95, 99)]
        kills = ",".join(f"{k:g}" for k in self.kills) or "-"
        verdict = "ok" if self.verify_ok else "FAILS"
        return (f"{self.run:>3} {self.seed:>10} {kills:>12} {self.commits:>7} {self.rate:>6.0f} "
                f"{ms[0]:>8.0f} {ms[1]:>8.0f} {ms[2]:>8.0f} {self.cpu_s:>7.1f} {self.missing:>7} "
                f"{verdict:>6} {self.catch_up_s:>7.1f} {self.wall_s:>6.0f}")  # fmt: skip


HEADER = (
    f"{'run':>3} {'seed':>10} {'kills at s':>12} {'commits':>7} {'tx/s':>6} {'p50 ms':>8} {'p95 ms':>8} "
    f"{'p99 ms':>8} {'sync s':>7} {'missing':>7} {'verify':>6} {'catch-up':>7} {'wall s':>6}"
)


def load_graph(neo: Settings, env: dict[str, str]) -> None:
    _empty_graph(neo)
    _c360(env, "graph", "load")


def one_run(args: argparse.Namespace, run: int, neo: Settings, env: dict[str, str], logs: Path) -> RunResult:
    """One run on the bank and graph the runs before it left (equal, or reloaded after a loss):
    a reload per run would cost more than the run. Its customers are its own (their prefix)."""
    seed = args.seed * 1000 + run
    rng = random.Random(seed)  # noqa: S311 - a replayable kill schedule; each run prints its seed
    result = RunResult(run, seed, [] if args.no_kill else kill_moments(rng, args.kills_per_run, args.seconds))
    started = time.monotonic()
    run_logs = logs / f"run_{run}"
    run_logs.mkdir()
    writer = Writer(
        env["DATABASE_URL"], rate=args.rate, seed=seed, delete_every=None, prefix=f"CUSW{run:03d}"
    )
    sync = Sync(env, args.interval, run_logs)
    probe = Probe(neo, writer)
    try:
        sync.start()
        # Latency counts from a sync at work, not from one still importing Python: the kills are
        # the disruption under test.
        sync.wait_started(neo.neo4j_bolt_port)
        probe.start()
        writer.start()
        t0 = time.monotonic()
        for at in result.kills:
            time.sleep(max(0.0, t0 + at - time.monotonic()))
            if not sync.alive():
                raise SystemExit(f"run {run}: the sync exited before its kill:\n{sync.tail()}")
            sync.end(signal.SIGKILL)
            time.sleep(DOWN_S)
            sync.start()
        time.sleep(max(0.0, t0 + args.seconds - time.monotonic()))
        writer.stop()
        stopped = time.monotonic()
        last = writer.created[-1].customer_id if writer.created else None
        while probe.waiting and sync.alive():
            now = time.monotonic()
            if now - stopped > CATCH_UP_S:
                break
            if last in probe.latency and now - max(probe.last_seen, stopped) > QUIET_S:
                break
            time.sleep(0.1)
        result.catch_up_s = time.monotonic() - stopped
        if not sync.alive():
            raise SystemExit(f"run {run}: the sync exited on its own:\n{sync.tail()}")
        probe.stopping.set()
        probe.join(timeout=30)
        sync.end(signal.SIGTERM)
        result.commits = writer.commits
        result.rate = writer.achieved_rate
        result.latencies = list(probe.latency.values())
        result.cpu_s = sync.cpu_s
        with neo4j_driver(neo) as driver:
            found = links(driver, neo.neo4j_database, writer.created)
        result.missing = sum(1 for c in writer.created if found.get(c.customer_id, (False, 0))[1] != 1)
        out = subprocess.run(
            [C360, "graph", "verify", "--json"], env=env, capture_output=True, text=True, timeout=300,
            check=False,
        )  # fmt: skip
        result.verify_ok = out.returncode == 0
        with contextlib.suppress(ValueError, KeyError):
            result.differences = [d["text"] for d in json.loads(out.stdout)["differences"]]
        if not result.verify_ok and not result.differences:
            result.differences = [out.stderr[-1000:]]
    finally:
        probe.stopping.set()
        writer.stop()
        sync.end(signal.SIGTERM)
    result.wall_s = time.monotonic() - started
    return result


def _summary(results: list[RunResult]) -> None:
    print(HEADER)
    for r in results:
        print(r.row())
    every = [v for r in results for v in r.latencies]
    ms = [_percentile(every, q) * 1000 for q in (50, 95, 99)]
    print(f"all runs: {sum(r.commits for r in results):,} commits; latency p50 {ms[0]:.0f} ms, "
          f"p95 {ms[1]:.0f} ms, p99 {ms[2]:.0f} ms; sync CPU {sum(r.cpu_s for r in results):.1f} s; "
          f"{sum(r.missing for r in results)} customers missing USES; "
          f"{sum(1 for r in results if not r.verify_ok)} of {len(results)} runs fail verify")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--kills-per-run", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1, help="the bank's; run i's is seed * 1000 + i")
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=160.0, help="writer transactions per second")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the writer writes, per run")
    parser.add_argument("--interval", type=float, default=0.5, help="the sync's --interval")
    parser.add_argument("--no-kill", action="store_true", help="never kill the sync (the baseline)")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--pagecache", default="512m")
    parser.add_argument(
        "--home", type=Path, default=Path(os.environ.get("C360_HOME", ".c360")) / "bench-sync-kills",
        help="the benchmark's own Neo4j home (kept: installed once)",
    )  # fmt: skip
    args = parser.parse_args()
    kills = 0 if args.no_kill else args.kills_per_run
    kill_moments(random.Random(0), kills, args.seconds)  # noqa: S311 - fails now if the kills cannot fit
    print(f"seed {args.seed}: bank generated with it; run i uses seed {args.seed} * 1000 + i "
          f"({args.runs} runs, {kills} kills per run, writer {args.rate:g}/s for {args.seconds:g} s, "
          f"sync --interval {args.interval:g})", flush=True)  # fmt: skip

    args.home.mkdir(parents=True, exist_ok=True)
    lock = _lock_home(args.home)
    neo = neo4j_settings(args.home.resolve(), args.heap, args.pagecache)
    results: list[RunResult] = []
    with tempfile.TemporaryDirectory(prefix="c360-bench-sync-kills-") as tmp:
        home = Path(tmp)
        home.chmod(0o755)  # the cluster's own user must reach its data inside
        # Kept in --home: a run that lost something is explained by its sync's log.
        logs = args.home.resolve() / "logs" / time.strftime("%Y%m%d-%H%M%S")
        logs.mkdir(parents=True)
        pg = Postgres(home)
        try:
            pg.start()
            url = pg.create("bench_bank")
            bank_env = {**pg.env, "DATABASE_URL": url}
            _c360(bank_env, "db", "upgrade")
            _c360(bank_env, "generate", "--customers", str(args.customers), "--seed", str(args.seed))
            install.install(neo)
            server.stop(neo)  # a server left by an interrupted run listens on other ports
            server.start(neo)
            print(f"neo4j {neo.neo4j_home} on bolt {neo.neo4j_bolt_port}; postgres on {pg.port}; logs {logs}")
            env = child_env(neo.c360_home, url, neo.neo4j_bolt_port, neo.neo4j_http_port, neo.neo4j_heap,
                            neo.neo4j_pagecache)  # fmt: skip
            load_graph(neo, env)
            print(HEADER, flush=True)
            for run in range(1, args.runs + 1):
                r = one_run(args, run, neo, env, logs)
                results.append(r)
                print(r.row(), flush=True)
                for d in r.differences[:10]:
                    print(f"    difference: {d}")
                if r.lost and run < args.runs:
                    print("  reloading the graph, so that the next run starts from a graph equal to the bank")
                    load_graph(neo, env)
        finally:
            server.stop(neo)
            pg.stop()

    print_machine()
    print(f"neo4j:   heap {args.heap}, page cache {args.pagecache}; source: PostgreSQL; "
          f"{args.customers:,} customers generated with seed {args.seed}")  # fmt: skip
    print("latency: writer COMMIT -> the probe (every ~50 ms) sees the customer with its USES; "
          "sync s: CPU seconds of the sync processes; catch-up: seconds from the writer's stop "
          f"until the sync had caught up (or gave up); logs in {logs}")  # fmt: skip
    _summary(results)
    print(json.dumps([
        {k: v for k, v in vars(r).items() if k != "latencies"}
        | {f"p{q}_ms": _percentile(r.latencies, q) * 1000 for q in (50, 95, 99)}
        for r in results
    ]))  # fmt: skip
    lock.close()
    if any(r.lost for r in results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
