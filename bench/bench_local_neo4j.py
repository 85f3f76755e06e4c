"""Cold install time, start time until Bolt answers, and idle resident memory of the local Neo4j.

    .venv/bin/python -m bench.bench_local_neo4j            # cold: empty Maven cache, new home
    .venv/bin/python -m bench.bench_local_neo4j --warm     # Maven's cache (~/.m2) already filled

Runs the real `c360` CLI in subprocesses, on spare ports, in a temporary home it removes at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import print_machine
from c360.net import free_port

C360 = str(Path(sys.executable).with_name("c360"))


def _run(args: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    subprocess.run([C360, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--warm", action="store_true", help="reuse ~/.m2 instead of an empty Maven cache")
    parser.add_argument("--idle", type=float, default=30.0, help="seconds to idle before reading RSS")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="c360-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "C360_"))}
        env.update(
            C360_HOME=str(Path(tmp) / "home"),
            NEO4J_BOLT_PORT=str(free_port()),
            NEO4J_HTTP_PORT=str(free_port()),
        )
        if not args.warm:
            # Maven honours MAVEN_OPTS: an empty local repository makes every jar a real download.
            env["MAVEN_OPTS"] = f"-Dmaven.repo.local={Path(tmp) / 'm2'}"
        install_s = _run(["neo4j", "install"], env)
        start_s = _run(["neo4j", "start"], env)
        time.sleep(args.idle)
        status = json.loads(
            subprocess.run(
                [C360, "neo4j", "status", "--json"], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        _run(["neo4j", "stop"], env)

    print_machine()
    print(f"neo4j:   {status['version']} (heap {os.environ.get('NEO4J_HEAP', '1g')} default settings)")
    print(f"install: {install_s:6.1f} s  ({'warm Maven cache' if args.warm else 'cold: empty Maven cache'})")
    print(f"start:   {start_s:6.1f} s  until Bolt answered (c360 neo4j start, wall time)")
    print(f"idle:    {status['rss_mib']:6.0f} MiB resident after {args.idle:.0f} s idle")


if __name__ == "__main__":
    main()
