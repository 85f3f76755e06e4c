"""The Timo risk rules on hand-built transfers: each fires where it should, nowhere else, once."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from relational.risk import Thresholds, scan
from tests.bank import account, customer, fetch, insert_rows, migrated
from tests.cli import run_c360
from tests.conftest import make_test_settings, settings_env

THRESHOLDS = Thresholds(high_value_vnd=10_000_000, strong_auth_level=4, daily_limit_vnd=500_000_000)
DAY = datetime(2026, 10, 30, 9, 0)


def transfer(txn_id: str, amount: int, **extra: Any) -> dict[str, Any]:
    values = {
        "txn_id": txn_id,
        "from_account_no": "A1",
        "to_account_no": "A2",
        "merchant_id": None,
        "counterparty_account": None,
        "amount_vnd": amount,
        "channel": "mobile",
        "device_id": "trusted-phone",
        "auth_method": "biometric",
        "occurred_at": DAY,
        "status": "completed",
    }
    return {**values, **extra}


def _bank(engine: sa.Engine) -> None:
    insert_rows(engine, "customers", [customer("C1", "079090000001"), customer("C2", "079090000002")])
    insert_rows(
        engine,
        "devices",
        [
            {
                "device_id": "trusted-phone",
                "device_type": "mobile",
                "os": "iOS 18",
                "is_trusted": True,
                "first_seen_at": DAY,
            },
            {
                "device_id": "new-laptop",
                "device_type": "desktop",
                "os": "Linux",
                "is_trusted": False,
                "first_seen_at": DAY,
            },
        ],
    )
    insert_rows(engine, "accounts", [account("A1"), account("A2"), account("A3")])
    insert_rows(
        engine,
        "account_holders",
        [
            {"account_no": "A1", "customer_id": "C2", "role": "joint"},
            {"account_no": "A1", "customer_id": "C1", "role": "primary"},
            {"account_no": "A2", "customer_id": "C2", "role": "primary"},
            {"account_no": "A3", "customer_id": "C2", "role": "primary"},
        ],
    )
    insert_rows(
        engine,
        "transactions",
        [
            # Clean: high value with biometrics, on a trusted phone.
            transfer("T-clean-big", 20_000_000),
            # Clean: small with a weak method; a merchant payment from an untrusted device.
            transfer("T-clean-small", 9_999_999, auth_method="otp_sms"),
            transfer(
                "T-merchant", 15_000_000, to_account_no=None, merchant_id=None, counterparty_account=None
            )
            | {
                "counterparty_account": None,
                "to_account_no": None,
                "merchant_id": "M1",
                "device_id": "new-laptop",
            },
            # Fires high_value_weak_auth: exactly at the threshold with an OTP, and with no method at all.
            transfer("T-weak-otp", 10_000_000, auth_method="otp_app"),
            transfer(
                "T-weak-none", 50_000_000, auth_method=None, to_account_no=None, counterparty_account="9704"
            ),
            # Fires untrusted_device only.
            transfer("T-untrusted", 1_000_000, device_id="new-laptop"),
            # Failed transfers raise nothing.
            transfer("T-failed", 90_000_000, auth_method="password", device_id="new-laptop", status="failed"),
            # A3: 300M + 250M completed on one day breaches 500M; a pending 400M the next day does not.
            transfer("T-a3-1", 300_000_000, from_account_no="A3", occurred_at=DAY.replace(hour=8)),
            transfer(
                "T-a3-2", 250_000_000, from_account_no="A3", occurred_at=DAY.replace(hour=23, minute=59)
            ),
            transfer(
                "T-a3-3", 400_000_000, from_account_no="A3", occurred_at=DAY.replace(day=31), status="pending"
            ),
        ],
    )


def test_each_rule_fires_on_the_rows_that_break_it_and_not_on_clean_ones(database_url: str) -> None:
    with migrated(database_url) as engine:
        insert_rows(engine, "merchants", [{"merchant_id": "M1", "name": "Shop", "mcc": "5411"}])
        _bank(engine)
        counts = scan(engine, THRESHOLDS)

        assert {c.rule: c.new for c in counts} == {
            "high_value_weak_auth": 2,
            "untrusted_device": 1,
            "daily_limit_breach": 1,
        }
        alerts = fetch(engine, "SELECT rule, subject_key, customer_id, account_no, txn_id FROM risk_alerts")
        assert sorted(tuple(a) for a in alerts) == [
            ("daily_limit_breach", "A3@2026-10-30", "C2", "A3", None),
            ("high_value_weak_auth", "T-weak-none", "C1", "A1", "T-weak-none"),
            ("high_value_weak_auth", "T-weak-otp", "C1", "A1", "T-weak-otp"),
            ("untrusted_device", "T-untrusted", "C1", "A1", "T-untrusted"),
        ]
        (breach,) = fetch(engine, "SELECT message FROM risk_alerts WHERE rule = 'daily_limit_breach'")
        assert "550000000" in breach.message and "2 transfer(s)" in breach.message


def test_a_rescan_adds_nothing_and_a_new_breach_is_added_alone(database_url: str) -> None:
    with migrated(database_url) as engine:
        insert_rows(engine, "merchants", [{"merchant_id": "M1", "name": "Shop", "mcc": "5411"}])
        _bank(engine)
        scan(engine, THRESHOLDS)
        before = fetch(
            engine, "SELECT alert_id, rule, subject_key, raised_at FROM risk_alerts ORDER BY alert_id"
        )

        again = scan(engine, THRESHOLDS)
        assert [c.new for c in again] == [0, 0, 0]
        assert [c.total for c in again] == [2, 1, 1]
        assert (
            fetch(engine, "SELECT alert_id, rule, subject_key, raised_at FROM risk_alerts ORDER BY alert_id")
            == before
        )

        insert_rows(engine, "transactions", [transfer("T-late", 12_000_000, auth_method="password")])
        assert {c.rule: c.new for c in scan(engine, THRESHOLDS)}["high_value_weak_auth"] == 1


def test_thresholds_are_parameters_not_constants(database_url: str) -> None:
    with migrated(database_url) as engine:
        insert_rows(engine, "merchants", [{"merchant_id": "M1", "name": "Shop", "mcc": "5411"}])
        _bank(engine)
        strict = Thresholds(high_value_vnd=1_000_000, strong_auth_level=5, daily_limit_vnd=600_000_000)
        counts = {c.rule: c.new for c in scan(engine, strict)}
        # Every non-failed transfer of at least 1M is now "weak" (no method reaches level 5).
        assert counts["high_value_weak_auth"] == 8
        assert counts["daily_limit_breach"] == 0


def test_the_cli_scan_reads_thresholds_from_settings_and_a_rerun_reports_nothing_new(
    database_url: str,
) -> None:
    with migrated(database_url) as engine:
        insert_rows(engine, "merchants", [{"merchant_id": "M1", "name": "Shop", "mcc": "5411"}])
        _bank(engine)
    env = settings_env(make_test_settings(database_url=database_url)) | {"RISK_DAILY_LIMIT_VND": "600000000"}
    first = run_c360("risk", "scan", "--json", env=env)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["daily_limit_breach"] == {"new": 0, "total": 0}
    assert json.loads(first.stdout)["high_value_weak_auth"] == {"new": 2, "total": 2}
    second = json.loads(run_c360("risk", "scan", "--json", env=env).stdout)
    assert {rule: counts["new"] for rule, counts in second.items()} == {
        "high_value_weak_auth": 0,
        "untrusted_device": 0,
        "daily_limit_breach": 0,
    }
