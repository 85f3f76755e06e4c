"""Graph load speed and loader memory: the online path (`c360 graph load`) and the bulk path
(`c360 graph load --bulk`) on generated banks.

    .venv/bin/python -m bench.bench_graph_load --customers 100000 1000000 --paths online bulk

Each bank is generated once into `$C360_HOME/bench/bank-<N>.sqlite3` (kept for reruns). The graph
goes into a Neo4j of its own (`$C360_HOME/bench/`, spare ports, NEO4J_HEAP/NEO4J_PAGECACHE from
the options), emptied before every run. The loader runs in a child process that reports its own
peak RSS; elements are nodes plus relationships in the graph afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.machine import print_machine
from bench.services import child_env, generated_bank, neo4j_settings
from c360.bootstrap import neo4j_driver
from c360.local_neo4j import install, server
from c360.settings import Settings
from cypher import text


def _env(settings: Settings, url: str) -> dict[str, str]:
    return child_env(
        settings.c360_home, url, settings.neo4j_bolt_port, settings.neo4j_http_port,
        settings.neo4j_heap, settings.neo4j_pagecache,
    )  # fmt: skip


def _bank(home: Path, source_dir: Path | None, customers: int, seed: int) -> str:
    return generated_bank((source_dir or home) / f"bank-{customers}.sqlite3", customers, seed)


def _empty_graph(settings: Settings) -> None:
    """Stop, delete the neo4j database's files, start: an empty graph without a slow DETACH DELETE."""
    server.stop(settings)
    data = settings.neo4j_home / "data"
    for sub in ("databases/neo4j", "transactions/neo4j"):
        shutil.rmtree(data / sub, ignore_errors=True)
    server.start(settings)


def _graph_elements(settings: Settings) -> int:
    with neo4j_driver(settings) as driver:
        records, _, _ = driver.execute_query(text("verify/graph_counts"), database_=settings.neo4j_database)
    row = records[0]
    nodes = sum(n["count"] for n in row["nodes"] if n["label"] != "SyncWatermark")
    # Every node has one label of its own, plus :Identifier on some: count nodes once, by the
    # labels that are not the shared one.
    nodes -= sum(n["count"] for n in row["nodes"] if n["label"] == "Identifier")
    return int(nodes + sum(r["count"] for r in row["relationships"]))


def _run(settings: Settings, url: str, path: str) -> dict[str, Any]:
    _empty_graph(settings)
    cmd = [sys.executable, "-m", "bench.graph_load_child", path]
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, env=_env(settings, url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    # The 1-minute load average every few seconds while the loader runs: the machine is shared.
    loads = []
    while True:
        try:
            stdout, stderr = proc.communicate(timeout=5)
            break
        except subprocess.TimeoutExpired:
            loads.append(os.getloadavg()[0])
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"{path} load failed:\n{stderr[-3000:]}")
    child = json.loads(stdout.strip().splitlines()[-1])
    elements = _graph_elements(settings)
    load = sum(loads) / len(loads) if loads else os.getloadavg()[0]
    return {
        "path": path,
        "wall_s": wall,
        "elements": elements,
        "rate": elements / wall,
        "load": load,
        **child,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--customers", type=int, nargs="+", default=[100_000])
    parser.add_argument("--paths", nargs="+", choices=["online", "bulk"], default=["online", "bulk"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="4g")
    parser.add_argument("--home", type=Path, default=Path(os.environ.get("C360_HOME", ".c360")) / "bench")
    parser.add_argument(
        "--source-dir", type=Path, default=None,
        help="where bank-<N>.sqlite3 already is (read only; default: --home, generated if missing)",
    )  # fmt: skip
    args = parser.parse_args()

    args.home.mkdir(parents=True, exist_ok=True)
    settings = neo4j_settings(args.home.resolve(), args.heap, args.pagecache)
    install.install(settings)
    results = []
    try:
        for n in args.customers:
            url = _bank(args.home.resolve(), args.source_dir, n, args.seed)
            for path in args.paths:
                print(f"{path} load of {n:,} customers ...", flush=True)
                results.append({"customers": n, **_run(settings, url, path)})
    finally:
        server.stop(settings)

    print_machine()
    print(f"neo4j:   heap {args.heap}, page cache {args.pagecache}; source: SQLite")
    print("load avg: the mean 1-minute load average while the loader ran (2 cores: 2.0 is a full machine)")
    print("loader RSS: the loader's Python process; child RSS: its largest child (a bulk export worker,")
    print("or neo4j-admin's JVM, whose heap is --heap)")
    print(
        f"{'customers':>10} {'path':>7} {'elements':>12} {'wall s':>8} {'elements/s':>11} "
        f"{'loader RSS MiB':>15} {'child RSS MiB':>14} {'load avg':>9}"
    )
    for r in results:
        print(f"{r['customers']:>10,} {r['path']:>7} {r['elements']:>12,} {r['wall_s']:>8.1f} "
              f"{r['rate']:>11,.0f} {r['peak_rss_mib']:>15.0f} {r['children_peak_rss_mib']:>14.0f} "
              f"{r['load']:>9.2f}")  # fmt: skip
    print(json.dumps(results))


if __name__ == "__main__":
    main()
