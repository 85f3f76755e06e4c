"""`c360 generate` as a user runs it: a subprocess, a database URL, a JSON summary."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.cli import run_c360


def test_generate_writes_a_bank_and_prints_a_json_summary_with_the_checksum(tmp_path: Path) -> None:
    env = {**os.environ, "C360_HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bank.sqlite3'}"}
    done = run_c360("generate", "--customers", "200", "--seed", "5", "--scale-profile", "small", "--json",
                    "--checksum", env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["rows"]["customers"] == 200 and doc["planted"]["rings"] >= 4
    assert len(doc["checksum"]) == 64 and "seed 5" in done.stderr

    again = run_c360("generate", "--customers", "200", "--seed", "5", env=env)
    assert again.returncode == 1
    assert "already holds 200 customers" in again.stderr and "Traceback" not in again.stderr
