"""`dq` finds the problems planted in a small hand-built bank, and only those."""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext

from relational.quality import report
from tests.bank import customer, insert_rows, migrated
from tests.cli import run_c360
from tests.conftest import make_test_settings, settings_env

DELETED = datetime(2026, 1, 1)


def _without_unique_national_id(engine: sa.Engine) -> None:
    """A legacy source that never had the constraint: the only way a duplicate CCCD can exist."""
    with engine.begin() as conn:
        operations = Operations(MigrationContext.configure(conn))
        with operations.batch_alter_table("customers") as batch:
            batch.drop_constraint("uq_customers_national_id", type_="unique")


def _plant(engine: sa.Engine) -> None:
    insert_rows(
        engine,
        "customers",
        [
            customer("C1", "079090000001", gender="M", monthly_income_vnd=10),
            customer("C2", "079090000002", gender=None, monthly_income_vnd=10),  # null gender
            customer("C3", "079090000003", gender="F", monthly_income_vnd=10, deleted_at=DELETED),
            customer("C4", "079090000001", gender="F", monthly_income_vnd=10),  # C1's national ID
        ],
    )
    phone = {"kind": "mobile", "is_primary": True}
    insert_rows(
        engine,
        "phones",
        [
            {"customer_id": "C1", "raw": "0912 345 678", "e164": "+84912345678", **phone},
            {"customer_id": "C2", "raw": "0912345678", "e164": "+84912345678", **phone},  # shared
            {"customer_id": "C4", "raw": "12-34", "e164": "+841234", **phone},  # raw does not normalize
            {"customer_id": "C3", "raw": "0987654321", "e164": "+84987654321", **phone},  # deleted owner
        ],
    )
    insert_rows(
        engine,
        "emails",
        [{"customer_id": "C1", "raw": "an@example.vn", "normalized": "an@example.vn", "is_primary": True}],
    )


def test_dq_finds_the_orphan_the_duplicate_national_id_and_the_bad_raw_phone(database_url: str) -> None:
    with migrated(database_url) as engine:
        _without_unique_national_id(engine)
        _plant(engine)
        result = report(engine)

    assert result.tables["customers"] == {"rows": 3, "deleted": 1}
    assert result.tables["phones"] == {"rows": 4, "deleted": 0}
    planted = {
        ("duplicate", "customers", "national_id"): 1,
        ("duplicate", "phones", "e164"): 1,
        ("format", "phones", "raw"): 1,
        ("orphan", "phones", "customer_id"): 1,
        ("null", "customers", "gender"): 1,
    }
    for (kind, table, column), n in planted.items():
        assert result.count(kind, table, column) == n, (kind, table, column)
    unplanted = [f for f in result.findings if (f.kind, f.table, f.column) not in planted and f.count]
    assert unplanted == []
    (bad_phone,) = [f for f in result.findings if (f.kind, f.table, f.column) == ("format", "phones", "raw")]
    assert bad_phone.sample and "'12-34'" in bad_phone.sample[0]


def test_dq_on_the_cli_reports_as_json_and_exits_zero_even_with_findings(database_url: str) -> None:
    with migrated(database_url) as engine:
        _without_unique_national_id(engine)
        _plant(engine)
    result = run_c360("dq", "--json", env=settings_env(make_test_settings(database_url=database_url)))
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)["findings"]
    orphans = [f for f in findings if f["kind"] == "orphan" and f["count"]]
    shown = [(f["table"], f["column"], f["count"], len(f["sample"])) for f in orphans]
    assert shown == [("phones", "customer_id", 1, 1)]


def test_dq_says_plainly_when_the_database_is_unreachable() -> None:
    env = settings_env(make_test_settings(database_url="postgresql+psycopg2://nobody:x@127.0.0.1:1/none"))
    result = run_c360("dq", env=env)
    assert result.returncode == 1
    assert "cannot reach the database" in result.stderr
    assert "Traceback" not in result.stderr
