"""One graph load in its own process, so its peak RSS is the loader's alone (bench_graph_load).

Prints one JSON line: rows read, seconds and the process's peak resident memory.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from c360.bootstrap import neo4j_driver, sql_engine
from c360.settings import get_settings
from graph_loader import schema
from graph_loader.bulk.importer import bulk_load
from graph_loader.sync import full_load


def main() -> None:
    path = sys.argv[1]
    settings = get_settings()
    engine = sql_engine(settings)
    started = time.monotonic()
    stages: dict[str, float] = {}
    if path == "bulk":
        report = bulk_load(settings, engine, settings.home, connect=lambda: neo4j_driver(settings))
        rows = report.nodes + report.relationships
        stages = {"export_s": report.export_seconds, "import_and_restart_s": report.import_seconds}
    else:
        with neo4j_driver(settings) as driver:
            schema.apply(driver, settings.neo4j_database)
            rows = full_load(engine, driver, settings.neo4j_database).rows
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    # The largest child: a bulk export worker, or neo4j-admin's JVM (its heap is --heap).
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "seconds": time.monotonic() - started, "peak_rss_mib": peak,
                      "children_peak_rss_mib": children, **stages}))  # fmt: skip


if __name__ == "__main__":
    main()
