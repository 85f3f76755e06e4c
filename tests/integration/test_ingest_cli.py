"""`c360 ingest` as a user runs it: a file that is not what it claims is one clear error, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bank import migrated
from tests.cli import run_c360
from tests.conftest import make_test_settings, settings_env

HEADER = "customer_id,customer_type,full_name,date_of_birth,national_id,segment,kyc_level,opened_at\n"
ROW = "C1,individual,Ngô An,1990-01-01,079090000001,mass,2,2024-01-01T09:00:00\n"

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "latin-1 bytes": (
        (HEADER + ROW).encode("latin-1", "replace"),
        "UTF-8: line 2, byte 17 of that line is 0xf4",
    ),
    "UTF-16": ((HEADER + ROW).encode("utf-16"), "is UTF-16"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "is binary data"),
    "no header": (ROW.encode(), "has no customers header"),
    "another kind's header": (
        b"account_no,customer_id,role\n1,C1,primary\n",
        "columns a customers file does not have",
    ),
    "empty": (b"", "is empty"),
}


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    with migrated(database_url):
        pass
    return settings_env(make_test_settings(database_url=database_url))


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_file_that_is_not_what_it_claims_is_one_clear_error_without_a_traceback(
    env: dict[str, str], tmp_path: Path, case: str
) -> None:
    content, expected = BAD_FILES[case]
    path = tmp_path / "customers.csv"
    path.write_bytes(content)
    result = run_c360("ingest", str(path), "--kind", "customers", env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.count("error:") == 1
    assert expected in " ".join(result.stderr.split()), result.stderr


def test_a_good_file_exits_zero_and_reports_reconciled_counts_as_json(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(
        HEADER + ROW + "C2,individual,Bad,1990-01-01,123,mass,2,2024-01-01T09:00:00\n", encoding="utf-8"
    )
    result = run_c360("ingest", str(path), "--kind", "customers", "--json", env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["read"], report["loaded"], report["updated"], report["unchanged"], report["rejected"]) == (
        2,
        1,
        0,
        0,
        1,
    )
    assert report["reconciles"] is True
    assert report["rejected_by_rule"] == {"invalid_national_id": 1}


def test_a_file_whose_every_row_is_rejected_exits_non_zero_after_reporting(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "customers.jsonl"
    path.write_text('{"customer_id": "C1"}\n{"customer_id": "C2", "kyc_level": "x"}\n', encoding="utf-8")
    result = run_c360("ingest", str(path), "--kind", "customers", env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "every row was rejected" in result.stderr
    assert "missing_field 2" in " ".join(result.stdout.split())
