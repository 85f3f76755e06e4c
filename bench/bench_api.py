"""The Customer 360 over HTTP: latency and throughput of the full 360 query for random customers,
at several numbers of concurrent clients.

    .venv/bin/python -m bench.bench_api --customers 100000 --clients 1 8 32

Set-up, once per home (kept for reruns; `--fresh` redoes it): a copy of the generated bank
(`$C360_HOME/bench/bank-<N>.sqlite3`, generated if missing), risk alerts raised, the graph
bulk-loaded into a Neo4j of its own (`--home`, spare ports), rings detected. Then `c360 serve`
runs in production mode with `--workers` processes, and each level of concurrency sends
`--requests` 360 queries (api/examples/customer360.graphql) for customers drawn with a fixed
seed, after a warm-up. The load generator runs on the same machine and takes CPU from the server:
the figures are what one 2-core box does serving and measuring at once. To take as little as it
can, it is a minimal HTTP/1.1 client on uvloop (bench/http_client.py), and each level reports the
CPU each request cost Neo4j, the API's processes and the load generator.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import psutil
import uvloop

from bench.http_client import Connection
from bench.machine import print_machine
from bench.services import C360, child_env, generated_bank
from c360.net import free_port

QUERY = (Path(__file__).resolve().parents[1] / "api" / "examples" / "customer360.graphql").read_text()


def _c360(env: dict[str, str], *args: str) -> str:
    started = time.monotonic()
    out = subprocess.run(
        [C360, *args], env={**env, "COLUMNS": "160"}, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"c360 {' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    print(f"  c360 {' '.join(args)}: {time.monotonic() - started:.1f} s", flush=True)
    return out.stdout


def _prepare(args: argparse.Namespace, env: dict[str, str], bank: Path) -> None:
    marker = args.home / "prepared.json"
    if marker.exists() and not args.fresh:
        print(f"reusing the prepared graph in {args.home} (--fresh redoes it)")
        _c360(env, "neo4j", "start")
        return
    source = Path(os.environ.get("C360_HOME", ".c360")).resolve() / "bench" / f"bank-{args.customers}.sqlite3"
    generated_bank(source, args.customers, args.seed)
    print(f"preparing {args.home} ...", flush=True)
    shutil.copyfile(source, bank)  # risk scan and detection write to the bank: never to the shared copy
    _c360(env, "neo4j", "start")  # installs into the home on first use
    _c360(env, "db", "upgrade")
    _c360(env, "risk", "scan")
    _c360(env, "graph", "load", "--bulk")
    _c360(env, "rings", "detect")
    marker.write_text(json.dumps({"customers": args.customers, "seed": args.seed}))


class CpuMeter:
    """CPU seconds used by Neo4j, the API's processes and this load generator, so a level's figures
    say where each request's CPU went (the three share the machine's cores)."""

    def __init__(self, neo4j_pid: int, server: psutil.Process) -> None:
        self.neo4j = psutil.Process(neo4j_pid)
        self.server = server
        self.me = psutil.Process()

    @staticmethod
    def _cpu(procs: list[psutil.Process]) -> float:
        total = 0.0
        for p in procs:
            try:
                t = p.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += t.user + t.system
        return total

    def sample(self) -> dict[str, float]:
        return {
            "neo4j": self._cpu([self.neo4j]),
            "api": self._cpu([self.server, *self.server.children(recursive=True)]),
            "load_generator": self._cpu([self.me]),
        }


def _customer_ids(n: int, seed: int, count: int) -> list[str]:
    # The generator numbers customers C000000001.. without gaps; draw from that range.
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    return [f"C{rng.randint(1, n):09d}" for _ in range(count)]


async def _level(url: str, key: str, ids: list[str], clients: int, requests: int) -> dict[str, Any]:
    latencies: list[float] = []
    trips: list[int] = []
    errors = 0
    todo = iter(ids[:requests])
    parts = urlsplit(url)
    headers = {"Authorization": f"Bearer {key}"}

    async def client() -> None:
        nonlocal errors
        http = Connection(parts.hostname or "127.0.0.1", parts.port or 80)
        try:
            for cid in todo:
                started = time.perf_counter()
                status, body = await http.post_json(
                    parts.path, {"query": QUERY, "variables": {"id": cid}}, headers
                )
                latencies.append(time.perf_counter() - started)
                if status != 200 or not isinstance(body, dict) or body.get("errors"):
                    errors += 1
                    body = {}
                trips.append(int(body.get("extensions", {}).get("cypherRoundTrips", 0)))
        finally:
            await http.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": errors,
        "wall_s": round(wall, 2),
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        "round_trips_mean": round(statistics.fmean(trips), 2),
        "round_trips_max": max(trips),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--requests", type=int, default=2000, help="360 queries per level of concurrency")
    parser.add_argument(
        "--warmup",
        type=int,
        default=4000,
        help="360 queries at 8 clients before measuring: Neo4j's JIT compiler is still busy after thousands",
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="2g")
    parser.add_argument("--fresh", action="store_true", help="redo the set-up (copy, scan, load, detect)")
    parser.add_argument("--home", type=Path, default=Path(os.environ.get("C360_HOME", ".c360")) / "bench-api")
    args = parser.parse_args()
    args.home = args.home.resolve()
    args.home.mkdir(parents=True, exist_ok=True)
    ports = args.home / "ports.json"
    if not ports.exists():
        ports.write_text(json.dumps({"bolt": free_port(), "http": free_port()}))
    port = json.loads(ports.read_text())
    bank = args.home / "bank.sqlite3"
    env = child_env(
        args.home, f"sqlite:///{bank}", port["bolt"], port["http"], args.heap, args.pagecache,
        API_MODE="production",
    )  # fmt: skip
    _prepare(args, env, bank)
    key = (
        _c360(env, "api", "key", "create", "--name", "bench", "--role", "fraud_analyst")
        .strip()
        .splitlines()[-1]
    )
    api_port = free_port()
    log = (args.home / "serve.log").open("wb")
    server = subprocess.Popen(
        [C360, "serve", "--port", str(api_port), "--workers", str(args.workers)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{api_port}/graphql"
    results = []
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{api_port}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"the API did not come up; see {args.home / 'serve.log'}")
            time.sleep(0.5)
        uvloop.run(_level(url, key, _customer_ids(args.customers, args.seed, args.warmup), 8, args.warmup))
        status = json.loads(_c360(env, "neo4j", "status", "--json"))
        meter = CpuMeter(int(status["pid"]), psutil.Process(server.pid))
        for clients in args.clients:
            # A sample of its own per level, so no level finds its customers in a warm cache.
            ids = _customer_ids(args.customers, args.seed + clients, args.requests)
            before = meter.sample()
            results.append(uvloop.run(_level(url, key, ids, clients, args.requests)))
            after = meter.sample()
            results[-1]["cpu_ms_per_request"] = {
                k: round((after[k] - before[k]) / args.requests * 1000, 2) for k in after
            }
            print(f"{clients} client(s): {json.dumps(results[-1])}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        _c360(env, "neo4j", "stop")

    print_machine()
    print(
        f"api:     {args.workers} uvicorn worker(s), production mode; Neo4j heap {args.heap}, "
        f"page cache {args.pagecache}; {args.customers:,} customers; {args.requests} requests per level"
    )
    print(
        f"{'clients':>7} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'req/s':>7} {'round trips':>12}  CPU ms per request: neo4j / api / load generator"
    )
    for r in results:
        cpu = r["cpu_ms_per_request"]
        print(
            f"{r['clients']:>7} {r['requests']:>8} {r['errors']:>6} {r['p50_ms']:>8} {r['p95_ms']:>8} "
            f"{r['p99_ms']:>8} {r['rps']:>7} {r['round_trips_mean']:>5} (max {r['round_trips_max']})  "
            f"{cpu['neo4j']} / {cpu['api']} / {cpu['load_generator']}"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
