"""Ring detection speed and memory: each engine on the bank loaded in the configured Neo4j, and the
in-process computation alone on synthetic identifier graphs of any size.

    # the graph of a generated bank must be loaded first (c360 generate; c360 graph load --bulk)
    .venv/bin/python -m bench.bench_analytics graph --engines inprocess cypher
    # the in-process computation (components, split, household typing) without Neo4j:
    .venv/bin/python -m bench.bench_analytics compute --customers 100000 1000000

`graph` runs each engine's detection and then the whole pipeline (evidence, score, store in a
throwaway SQLite file, write-back) in a child process, which reports its stage times and its own
peak RSS. `compute` builds an identifier graph shaped like the generator's (30 % of customers in
households of 2-6 sharing a home, an IP and a tablet; rings of 3-30; five hubs of 2 % each; every
customer's own phone, e-mail and ID) in memory, seeded, and times the in-process computation on
it: what pulling the pairs from Neo4j costs is in the `graph` figures.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from typing import Any

import sqlalchemy as sa

from analytics import detection, pipeline
from analytics.engines import inprocess
from analytics.model import Profile, SharedIdentifier
from bench.machine import print_machine
from c360.bootstrap import neo4j_driver
from c360.settings import get_settings
from relational import db


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def graph_child(engine_name: str) -> dict[str, Any]:
    """One engine on the configured Neo4j: detection alone, then the whole pipeline."""
    settings = get_settings()
    params = pipeline.params_from(settings)
    out: dict[str, Any] = {"engine": engine_name}
    with neo4j_driver(settings) as driver, tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        found, comps = pipeline.detect(driver, settings.neo4j_database, params, engine_name)
        out["detect_s"] = round(time.perf_counter() - started, 2)
        out.update(groups=len(comps.groups), rings=len(found.rings), households=len(found.households),
                   hubs=len(comps.hubs), hub_limit=comps.hub_limit)  # fmt: skip
        engine = sa.create_engine(f"sqlite:///{tmp}/store.sqlite3")
        db.upgrade(engine)
        started = time.perf_counter()
        summary = pipeline.run(settings, engine, driver, engine_name)
        out["pipeline_s"] = round(time.perf_counter() - started, 2)
        out["pipeline_stages_s"] = summary["stages"]
        engine.dispose()
    out["peak_rss_mib"] = round(_peak_rss_mib(), 1)
    return out


def synthetic(customers: int, seed: int) -> tuple[list[SharedIdentifier], dict[int, int], dict[str, Profile]]:
    """A generator-shaped identifier graph (shared identifiers, degree histogram, profiles)."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible workload, not a secret
    ids = [f"C{i:09d}" for i in range(customers)]
    shared: list[SharedIdentifier] = []
    profiles: dict[str, Profile] = {}
    i = 0
    while i < customers:
        roll = rng.random()
        # ~9 % of units are households (about 25 % of customers), 1 in 2,500 a ring, the rest singles.
        kind = "household" if roll < 0.09 else "ring" if roll < 0.0904 else "single"
        size = {"household": rng.randint(2, 6), "ring": 3 + int(rng.expovariate(1 / 4)), "single": 1}[kind]
        group = ids[i : i + min(size, 30, customers - i)]
        for n, c in enumerate(group):
            key = i if kind == "household" else i + n
            profiles[c] = Profile(c, f"s{key}", date(1960 + n, 1, 1), frozenset({f"home-{key}"}), frozenset())
        if kind == "household" and len(group) >= 2:
            shared += [SharedIdentifier(k, f"{k}-{i}", tuple(group)) for k in ("address", "ip", "device")]
        elif kind == "ring" and len(group) >= 2:  # a chain of borrowed phones, an onboarding device
            shared += [
                SharedIdentifier("phone", f"ring-{i}-{n}", (group[n], group[n + 1]))
                for n in range(len(group) - 1)
            ]
            mules = tuple(sorted(rng.sample(group, max(2, round(len(group) * 0.6)))))
            shared.append(SharedIdentifier("device", f"burst-{i}", mules))
        i += len(group)
    for h in range(5):
        shared.append(SharedIdentifier("device", f"hub-{h}", tuple(sorted(rng.sample(ids, customers // 50)))))
    histogram: dict[int, int] = {1: 3 * customers}
    for s in shared:
        histogram[s.degree] = histogram.get(s.degree, 0) + 1
    return shared, histogram, profiles


def compute_child(customers: int, seed: int) -> dict[str, Any]:
    shared, histogram, profiles = synthetic(customers, seed)
    params = detection.Params()
    started = time.perf_counter()
    comps, linking = inprocess.compute(shared, histogram, params.hub_floor, params.hub_percentile)
    components_s = time.perf_counter() - started
    found = detection.classify(comps.groups, linking, profiles, params)
    total = time.perf_counter() - started
    return {"customers": customers, "seed": seed, "shared_identifiers": len(shared),
            "links": sum(s.degree for s in shared), "groups": len(comps.groups), "rings": len(found.rings),
            "households": len(found.households), "hubs": len(comps.hubs),
            "components_s": round(components_s, 2), "compute_s": round(total, 2),
            "peak_rss_mib": round(_peak_rss_mib(), 1)}  # fmt: skip


def _child(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "bench.bench_analytics", *args],
                         capture_output=True, text=True, check=True)  # fmt: skip
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="mode", required=True)
    g = sub.add_parser("graph")
    g.add_argument("--engines", nargs="+", default=list(pipeline.ENGINES), choices=pipeline.ENGINES)
    c = sub.add_parser("compute")
    c.add_argument("--customers", nargs="+", type=int, default=[100_000])
    c.add_argument("--seed", type=int, default=360)
    child = sub.add_parser("child")
    child.add_argument("what")
    child.add_argument("arg")
    child.add_argument("--seed", type=int, default=360)
    args = parser.parse_args()
    if args.mode == "child":
        result = graph_child(args.arg) if args.what == "graph" else compute_child(int(args.arg), args.seed)
        print(json.dumps(result))
        return
    print_machine()
    if args.mode == "graph":
        for name in args.engines:
            print(json.dumps(_child("child", "graph", name)), flush=True)
    else:
        print(f"seed {args.seed}")
        for n in args.customers:
            print(json.dumps(_child("child", "compute", str(n), "--seed", str(args.seed))), flush=True)


if __name__ == "__main__":
    main()
