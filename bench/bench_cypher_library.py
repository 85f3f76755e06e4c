"""Median time and PROFILE db hits of every analyst library query, with its example parameters.

    .venv/bin/python -m bench.bench_cypher_library --build      # build a ~10k-customer bank, load it
    .venv/bin/python -m bench.bench_cypher_library              # the graph that is there already

Uses the configured Neo4j (settings: environment / .env). `--build` EMPTIES that database first and
loads a bank from the test builder (seeded) plus the planted mule ring and family, then runs ring
detection once (as `c360 rings detect` does, its store in the throw-away bank), so every query, the
ring and household ones included, has something to find; without it the queries run on whatever
the database holds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import neo4j
import sqlalchemy as sa

from analytics import pipeline
from bench.machine import print_machine
from c360.bootstrap import neo4j_driver
from c360.settings import Settings, get_settings
from cypher.catalog import LibraryQuery, library
from graph_loader import schema
from graph_loader.sync import full_load
from tests.builders import BankSize, build_bank, plant_fraud_patterns, plant_household


def _build(settings: Settings, driver: neo4j.Driver, db: str, customers: int, seed: int) -> None:
    size = BankSize(customers=customers, devices=customers // 4, merchants=50, transactions=customers * 10)
    print(f"building {size} with seed {seed}")
    with tempfile.TemporaryDirectory(prefix="c360-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'bank.sqlite3'}"
        started = time.monotonic()
        build_bank(url, size, seed=seed)
        plant_fraud_patterns(url)
        plant_household(url)
        print(f"  relational bank built in {time.monotonic() - started:.0f} s")
        with driver.session(database=db) as session:  # IN TRANSACTIONS needs an auto-commit transaction
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        schema.apply(driver, db)
        engine = sa.create_engine(url)
        started = time.monotonic()
        report = full_load(engine, driver, db)
        print(f"  loaded {report.rows:,} rows into the graph in {time.monotonic() - started:.0f} s")
        started = time.monotonic()
        summary = pipeline.run(settings, engine, driver)
        engine.dispose()
        print(f"  detection wrote {summary['rings']} rings and {summary['households']} households "
              f"in {time.monotonic() - started:.0f} s")  # fmt: skip


def _db_hits(plan: dict[str, Any]) -> int:
    hits = int(plan.get("dbHits", 0))
    return hits + sum(_db_hits(child) for child in plan.get("children", []))


def _measure(driver: neo4j.Driver, db: str, query: LibraryQuery, runs: int) -> tuple[float, int, int]:
    params = query.example_params()
    read = neo4j.RoutingControl.READ
    driver.execute_query(query.cypher, params, database_=db, routing_=read)  # warm: plan cache, pages
    times = []
    rows = 0
    for _ in range(runs):
        started = time.perf_counter()
        records, _, _ = driver.execute_query(query.cypher, params, database_=db, routing_=read)
        times.append(time.perf_counter() - started)
        rows = len(records)
    _, summary, _ = driver.execute_query("PROFILE " + query.cypher, params, database_=db, routing_=read)
    hits = _db_hits(summary.profile) if summary.profile else -1
    return statistics.median(times), hits, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--build", action="store_true", help="empty the database and load a built bank")
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (after one warm-up)")
    args = parser.parse_args()

    settings = get_settings()
    db = settings.neo4j_database
    with neo4j_driver(settings) as driver:
        if args.build:
            _build(settings, driver, db, args.customers, args.seed)
        counts, _, _ = driver.execute_query(
            "MATCH (c:Customer) WITH count(c) AS customers "
            "MATCH (a:Account) WITH customers, count(a) AS accounts "
            "MATCH (t:Transaction) RETURN customers, accounts, count(t) AS transactions",
            database_=db,
        )
        results = {name: _measure(driver, db, q, args.runs) for name, q in library().items()}

    print_machine()
    c = counts[0]
    print(f"graph:   {c['customers']:,} customers, {c['accounts']:,} accounts, "
          f"{c['transactions']:,} transactions")  # fmt: skip
    print(f"runs:    median of {args.runs} after one warm-up; db hits from one PROFILE run")
    print(f"\n{'query':<38} {'median ms':>10} {'db hits':>10} {'rows':>6}")
    for name, (median, hits, rows) in results.items():
        print(f"{name:<38} {median * 1000:>10.1f} {hits:>10,} {rows:>6}")


if __name__ == "__main__":
    main()
