"""Benchmark `c360 generate`: wall time and peak memory at given sizes, on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_generate.py --customers 100000 1000000 --backend sqlite postgresql

Each run is a fresh `c360 generate` subprocess writing into a new database (a SQLite file in a
temporary folder, or a new database on the local PostgreSQL that `c360 postgres` manages, started
if needed; POSTGRES_PORT and C360_HOME choose which). Peak RSS is the largest resident set of the
process tree, sampled every 0.2 s. The machine is printed with the figures, since they mean
nothing without it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import psycopg2
from psycopg2 import sql
from sqlalchemy.engine import make_url

from c360 import local_postgres
from c360.settings import get_settings

C360 = str(Path(sys.executable).with_name("c360"))


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = psutil.virtual_memory().total / 2**30
    return (
        f"{model}; {psutil.cpu_count(logical=False)} cores / {psutil.cpu_count()} threads; {ram:.1f} GiB RAM;"
        f" Python {platform.python_version()}; {platform.platform()}"
    )


def run_one(url: str, customers: int, seed: int, profile: str) -> dict[str, object]:
    env = {**os.environ, "DATABASE_URL": url}
    cmd = [
        C360,
        "generate",
        "--customers",
        str(customers),
        "--seed",
        str(seed),
        "--scale-profile",
        profile,
        "--json",
    ]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = psutil.Popen(cmd, env=env, stdout=out, stderr=err)
        peak = 0
        while proc.poll() is None:
            try:
                tree = [proc, *proc.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree))
            except psutil.NoSuchProcess:
                pass
            time.sleep(0.2)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"generate failed ({proc.returncode}):\n{err.read().decode()[-3000:]}")
        doc: dict[str, object] = json.loads(out.read())
    return {"wall_s": wall, "peak_rss_mib": peak / 2**20, **doc}


class PostgresDatabases:
    """New, empty databases on the local cluster, dropped when the benchmark is done with them."""

    def __init__(self) -> None:
        cluster = local_postgres.cluster(get_settings())
        local_postgres.start(cluster)
        self.base = make_url(cluster.url())

    def _admin(self) -> psycopg2.extensions.connection:
        u = self.base
        conn = psycopg2.connect(
            host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database
        )
        conn.autocommit = True
        return conn

    def create(self) -> tuple[str, str]:
        name = f"c360_bench_{uuid.uuid4().hex[:8]}"
        conn = self._admin()  # not `with conn`: psycopg2 would wrap CREATE DATABASE in a transaction
        with conn.cursor() as cur:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        conn.close()
        return name, self.base.set(database=name).render_as_string(hide_password=False)

    def drop(self, name: str) -> None:
        conn = self._admin()
        with conn.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, nargs="+", default=[100_000])
    parser.add_argument(
        "--backend", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", default="default")
    parser.add_argument("--keep", action="store_true", help="Keep the generated databases.")
    args = parser.parse_args()

    print(f"machine: {machine()}", flush=True)
    print(f"profile {args.profile}, seed {args.seed}", flush=True)
    postgres = PostgresDatabases() if "postgresql" in args.backend else None
    for customers in args.customers:
        for backend in args.backend:
            with tempfile.TemporaryDirectory(prefix="c360-bench-") as tmp:
                name = None
                if backend == "sqlite":
                    url = f"sqlite:///{Path(tmp) / 'bank.sqlite3'}"
                else:
                    assert postgres is not None
                    name, url = postgres.create()
                try:
                    result = run_one(url, customers, args.seed, args.profile)
                finally:
                    if postgres is not None and name is not None and not args.keep:
                        postgres.drop(name)
            rows = result["rows"]
            assert isinstance(rows, dict)
            total = sum(rows.values())
            wall = float(str(result["wall_s"]))
            peak = float(str(result["peak_rss_mib"]))
            print(
                f"{backend:<10} customers={customers:>9,} rows={total:>11,}"
                f" transactions={rows['transactions']:>10,} wall={wall:8.1f}s"
                f" rows/s={total / wall:>9,.0f} peak_rss={peak:7.0f} MiB",
                flush=True,
            )


if __name__ == "__main__":
    main()
