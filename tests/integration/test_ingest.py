"""Ingestion on SQLite and PostgreSQL: every row is loaded or quarantined with its reason, counts
reconcile, and a second run of the same file changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from relational.ingest import IngestFileError, IngestReport, ingest_file
from tests.bank import account, count, customer, fetch, insert_rows, migrated

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "ingest"
#: Parents before children: each example file refers only to what an earlier one loaded.
EXAMPLE_ORDER = [
    ("customers", "customers.csv"),
    ("addresses", "addresses.csv"),
    ("phones", "phones.csv"),
    ("emails", "emails.jsonl"),
    ("devices", "devices.jsonl"),
    ("accounts", "accounts.xml"),
    ("account-holders", "account-holders.csv"),
    ("device-usage", "device-usage.csv"),
    ("merchants", "merchants.xml"),
    ("transactions", "transactions.csv"),
]

CUSTOMERS_HEADER = (
    "customer_id,customer_type,full_name,date_of_birth,national_id,segment,kyc_level,opened_at\n"
)
GOOD_CUSTOMERS = (
    "C1,individual,An,1990-01-01,079090000001,mass,2,2024-01-01T09:00:00\n"
    "C2,individual,Binh,1991-02-02,079091000002,mass,1,2024-01-02T09:00:00\n"
)
BROKEN_CUSTOMERS = (
    CUSTOMERS_HEADER
    + GOOD_CUSTOMERS
    + "C3,individual,Chi,1992-03-03,079092000003,mass,high,2024-01-03T09:00:00\n"  # line 4: bad_type
    + "C4,individual,Dung,1993-04-04,07909,mass,2,2024-01-04T09:00:00\n"  # line 5: bad CCCD
    + "C1,individual,An again,1990-01-01,079090000009,mass,2,2024-01-01T09:00:00\n"  # line 6: duplicate
    + "C5,individual,Em,1994-05-05,079094000005,mass,2,2024-01-05T09:00:00\n"
    + "C6,individual,Giang,1995-06-06,0790950"  # line 8: cut off mid-row, no newline
)


def _reconciles(report: IngestReport) -> None:
    assert report.read == report.loaded + report.updated + report.unchanged + report.rejected
    assert report.reconciles


def test_every_example_file_in_the_docs_loads_without_a_rejection(database_url: str) -> None:
    with migrated(database_url) as engine:
        for kind, name in EXAMPLE_ORDER:
            report = ingest_file(engine, EXAMPLES / name, kind)
            assert report.rejected == 0, (name, report.examples)
            assert report.loaded == report.read > 0, name
        assert count(engine, "transactions") == 3
        assert count(engine, "quarantine") == 0


def test_broken_csv_rows_are_quarantined_with_rule_line_and_payload_and_the_rest_load(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(BROKEN_CUSTOMERS, encoding="utf-8")
    with migrated(database_url) as engine:
        report = ingest_file(engine, path, "customers")

        assert (report.read, report.loaded, report.rejected) == (7, 3, 4)
        _reconciles(report)
        rows = fetch(
            engine, "SELECT line_no, rule, field, message, raw_payload FROM quarantine ORDER BY line_no"
        )
        assert [(r.line_no, r.rule, r.field) for r in rows] == [
            (4, "bad_type", "kyc_level"),
            (5, "invalid_national_id", "national_id"),
            (6, "duplicate_key", "customer_id"),
            (8, "truncated_line", "segment"),
        ]
        assert "customers line 4 (customer_id C3)" in rows[0].message and "'high'" in rows[0].message
        assert "as line 2" in rows[2].message
        assert rows[3].raw_payload == "C6,individual,Giang,1995-06-06,0790950"
        loaded = fetch(engine, "SELECT customer_id, full_name FROM customers ORDER BY customer_id")
        assert [(r.customer_id, r.full_name) for r in loaded] == [("C1", "An"), ("C2", "Binh"), ("C5", "Em")]


def test_a_second_run_of_the_same_file_changes_nothing_and_does_not_requarantine(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(BROKEN_CUSTOMERS, encoding="utf-8")
    with migrated(database_url) as engine:
        ingest_file(engine, path, "customers")
        before = fetch(engine, "SELECT customer_id, updated_at FROM customers ORDER BY customer_id")
        quarantined = fetch(
            engine, "SELECT quarantine_id, line_no, rule FROM quarantine ORDER BY quarantine_id"
        )

        again = ingest_file(engine, path, "customers")

        assert (again.read, again.loaded, again.updated, again.unchanged, again.rejected) == (7, 0, 0, 3, 4)
        assert again.quarantined == 0
        _reconciles(again)
        assert fetch(engine, "SELECT customer_id, updated_at FROM customers ORDER BY customer_id") == before
        assert fetch(
            engine, "SELECT quarantine_id, line_no, rule FROM quarantine ORDER BY quarantine_id"
        ) == (quarantined)


def test_a_changed_row_is_updated_and_its_updated_at_moves(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS_HEADER + GOOD_CUSTOMERS, encoding="utf-8")
    with migrated(database_url) as engine:
        ingest_file(engine, path, "customers")
        (c1_before,) = fetch(engine, "SELECT updated_at, created_at FROM customers WHERE customer_id = 'C1'")
        (c2_before,) = fetch(engine, "SELECT updated_at FROM customers WHERE customer_id = 'C2'")

        path.write_text(
            CUSTOMERS_HEADER + GOOD_CUSTOMERS.replace(",2,2024-01-01", ",3,2024-01-01"), encoding="utf-8"
        )
        report = ingest_file(engine, path, "customers")

        assert (report.loaded, report.updated, report.unchanged) == (0, 1, 1)
        (c1,) = fetch(
            engine, "SELECT kyc_level, updated_at, created_at FROM customers WHERE customer_id = 'C1'"
        )
        assert c1.kyc_level == 3
        assert c1.updated_at > c1_before.updated_at
        assert c1.created_at == c1_before.created_at
        assert fetch(engine, "SELECT updated_at FROM customers WHERE customer_id = 'C2'") == [c2_before]


def test_identifier_rows_are_keyed_by_customer_and_normalized_value_and_bad_phones_are_quarantined(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "phones.csv"
    path.write_text(
        "customer_id,phone,kind\n"
        "C1,0912 345 678,mobile\n"
        "C1,+84 912-345-678,mobile\n"  # the same number written differently: a duplicate
        "C1,12345,mobile\n"  # too short
        "C2,0912345678,home\n"  # the same number for another customer: allowed
        "C9,0987654321,mobile\n",  # unknown customer
        encoding="utf-8",
    )
    with migrated(database_url) as engine:
        insert_rows(engine, "customers", [customer("C1", "079090000001"), customer("C2", "079090000002")])
        report = ingest_file(engine, path, "phones")

        assert (report.read, report.loaded, report.rejected) == (5, 2, 3)
        _reconciles(report)
        rules = fetch(engine, "SELECT line_no, rule, field FROM quarantine ORDER BY line_no")
        assert [tuple(r) for r in rules] == [
            (3, "duplicate_key", "e164"),
            (4, "invalid_phone", "phone"),
            (6, "unknown_reference", "customer_id"),
        ]
        stored = fetch(engine, "SELECT customer_id, raw, e164 FROM phones ORDER BY customer_id")
        assert [tuple(r) for r in stored] == [
            ("C1", "0912 345 678", "+84912345678"),
            ("C2", "0912345678", "+84912345678"),
        ]


def test_jsonl_rows_with_wrong_types_an_unknown_account_and_a_cut_object_are_quarantined(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "transactions.jsonl"
    base = '"channel": "mobile", "occurred_at": "2026-10-01T10:00:00", "status": "completed"'
    path.write_text(
        f'{{"txn_id": "T1", "from_account_no": "A1", "to_account_no": "A2", "amount_vnd": 500000, {base}}}\n'
        f'{{"txn_id": "T2", "from_account_no": "A1", "to_account_no": "A2", "amount_vnd": "lots", {base}}}\n'
        f'{{"txn_id": "T3", "from_account_no": "A1", "to_account_no": "A2", "amount_vnd": -5, {base}}}\n'
        f'{{"txn_id": "T4", "from_account_no": "A404", "to_account_no": "A2", "amount_vnd": 1, {base}}}\n'
        f'{{"txn_id": "T5", "from_account_no": "A1", "to_account_no": "A2", "amount_vnd": 7, {base}}}\n'
        '{"txn_id": "T6", "from_account_no": "A1", "amou',
        encoding="utf-8",
    )
    with migrated(database_url) as engine:
        insert_rows(engine, "accounts", [account("A1"), account("A2")])
        report = ingest_file(engine, path, "transactions")

        assert (report.read, report.loaded, report.rejected) == (6, 2, 4)
        _reconciles(report)
        rules = fetch(engine, "SELECT line_no, rule, field FROM quarantine ORDER BY line_no")
        assert [tuple(r) for r in rules] == [
            (2, "bad_type", "amount_vnd"),
            (3, "invalid_amount", "amount_vnd"),
            (4, "unknown_reference", "from_account_no"),
            (6, "truncated_line", None),
        ]
        assert fetch(engine, "SELECT txn_id FROM transactions ORDER BY txn_id") == [("T1",), ("T5",)]


XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<T24Export entity="MERCHANTS" exported="2026-11-01T02:00:00">\n'
)


def test_xml_export_loads_its_records_and_quarantines_the_bad_ones(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "merchants.xml"
    path.write_text(
        XML_HEAD + '<record id="M1"><field name="merchant_id">M1</field><field name="name">Phở 24</field>'
        '<field name="mcc">5812</field></record>\n'
        + '<record id="M2"><field name="merchant_id">M2</field><field name="name">Bún</field>'
        '<field name="mcc">58</field></record>\n'
        + '<record id="M3"><field name="merchant_id">M3</field><field name="mcc">5812</field></record>\n'
        + "</T24Export>\n",
        encoding="utf-8",
    )
    with migrated(database_url) as engine:
        report = ingest_file(engine, path, "merchants")
        assert (report.read, report.loaded, report.rejected) == (3, 1, 2)
        rules = fetch(engine, "SELECT line_no, rule, field, raw_payload FROM quarantine ORDER BY line_no")
        assert [(r.line_no, r.rule, r.field) for r in rules] == [
            (4, "invalid_value", "mcc"),
            (5, "missing_field", "name"),
        ]
        assert rules[0].raw_payload.startswith('<record id="M2">')
        assert fetch(engine, "SELECT name FROM merchants") == [("Phở 24",)]
        assert ingest_file(engine, path, "merchants").unchanged == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<record id="M1"><field name="merchant_id">M1</field>', "not well-formed XML: line 5"),
        ("<record><oops/></record></T24Export>", "unexpected <oops>"),
    ],
)
def test_a_broken_xml_document_is_one_error_and_loads_nothing(
    database_url: str, tmp_path: Path, body: str, expected: str
) -> None:
    path = tmp_path / "merchants.xml"
    good = (
        '<record id="M0"><field name="merchant_id">M0</field><field name="name">A</field>'
        '<field name="mcc">5812</field></record>\n'
    )
    path.write_text(XML_HEAD + good + body + "\n", encoding="utf-8")
    with migrated(database_url) as engine:
        with pytest.raises(IngestFileError, match=expected):
            ingest_file(engine, path, "merchants")
        assert count(engine, "merchants") == 0
        assert count(engine, "quarantine") == 0


def test_xml_with_an_entity_declaration_is_refused(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "merchants.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE T24Export [<!ENTITY a "aaaaaaaaaa">]>\n'
        '<T24Export entity="MERCHANTS"><record><field name="name">&a;</field></record></T24Export>\n',
        encoding="utf-8",
    )
    with migrated(database_url) as engine, pytest.raises(IngestFileError, match="DTD or entities"):
        ingest_file(engine, path, "merchants")


def test_a_latin1_byte_in_a_utf8_file_is_one_error_naming_the_line_and_byte(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "customers.csv"
    path.write_bytes(
        (CUSTOMERS_HEADER + GOOD_CUSTOMERS).encode() + "C3,individual,Ngô Đức".encode("latin-1", "replace")
    )
    with migrated(database_url) as engine:
        with pytest.raises(IngestFileError, match=r"not valid UTF-8: line 4, byte 17 .* 0xf4"):
            ingest_file(engine, path, "customers")
        # One transaction per file: the good rows before the bad byte are not left behind.
        assert count(engine, "customers") == 0
