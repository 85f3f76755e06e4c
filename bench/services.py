"""What the benchmarks share to run `c360` against services of their own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from c360.net import free_port
from c360.settings import Settings

C360 = str(Path(sys.executable).with_name("c360"))


def child_env(
    home: Path, url: str, bolt: int, http: int, heap: str, pagecache: str, **extra: str
) -> dict[str, str]:
    """The environment of a `c360` child: this one without any project setting (a developer's own
    would point it elsewhere), then the benchmark's home, database, Neo4j ports and memory."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "C360_", "DATABASE_URL", "API_"))
    }
    env.update(
        C360_HOME=str(home),
        DATABASE_URL=url,
        NEO4J_BOLT_PORT=str(bolt),
        NEO4J_HTTP_PORT=str(http),
        NEO4J_HEAP=heap,
        NEO4J_PAGECACHE=pagecache,
        NEO4J_START_TIMEOUT="300",
        **extra,
    )
    return env


def generated_bank(path: Path, customers: int, seed: int) -> str:
    """The URL of a generated bank at `path`, generated first if it is not there (minutes at 1M)."""
    url = f"sqlite:///{path}"
    if not path.exists():
        print(f"generating {customers:,} customers into {path} ...", flush=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [C360, "generate", "--customers", str(customers), "--seed", str(seed)],
            env={**os.environ, "DATABASE_URL": url},
            check=True,
        )
    return url


def neo4j_settings(home: Path, heap: str, pagecache: str) -> Settings:
    """Settings for a benchmark's own Neo4j in `home`, on spare ports, never a developer's."""
    return Settings(
        _env_file=None,
        c360_home=home,
        neo4j_bolt_port=free_port(),
        neo4j_http_port=free_port(),
        neo4j_heap=heap,
        neo4j_pagecache=pagecache,
        neo4j_start_timeout=300,
    )
