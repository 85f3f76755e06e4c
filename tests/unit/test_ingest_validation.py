"""Field conversion and row validation, without files or a database."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from relational.ingest import KINDS
from relational.ingest import fields as f
from relational.ingest.records import Problem, RawRecord, Row
from relational.ingest.validate import RowValidator


def _record(line_no: int, **values: str | None) -> RawRecord:
    return RawRecord(line_no, dict(values), raw=str(values))


@pytest.mark.parametrize(
    ("converter", "text", "rule"),
    [
        (f.money(places=0, positive=True), "0", "invalid_amount"),
        (f.money(places=0, positive=True), "-5", "invalid_amount"),
        (f.money(places=0, positive=True), "12.5", "invalid_amount"),
        (f.money(places=0, positive=True), "1,500", "bad_type"),
        (f.money(places=0, positive=True), "NaN", "bad_type"),
        (f.currency, "VDN", "invalid_currency"),
        (f.currency, "dong", "invalid_currency"),
        (f.iso_datetime, "30/10/2026", "bad_type"),
        (f.integer(1, 3), "4", "invalid_value"),
        (f.boolean, "maybe", "bad_type"),
        (f.phone, "12345", "invalid_phone"),
        (f.email, "an@", "invalid_email"),
        (f.national_id, "07909000000A", "invalid_national_id"),
        (f.ip_address, "300.1.1.1", "bad_type"),
    ],
)
def test_a_bad_value_is_refused_with_its_rule(converter: f.Converter, text: str, rule: str) -> None:
    with pytest.raises(f.FieldError) as caught:
        converter(text)
    assert caught.value.rule == rule
    assert text in caught.value.message or repr(text) in caught.value.message


def test_good_values_convert_to_column_types() -> None:
    assert f.money(places=2)("1520.7") == Decimal("1520.70")
    assert f.currency("usd") == "USD"
    # An offset is converted to the bank's local time (UTC+7) and stored naive.
    assert f.iso_datetime("2026-10-30T01:00:00Z") == datetime(2026, 10, 30, 8, 0)
    assert f.phone("+84 912-345-678") == "+84912345678"


def test_an_individual_without_a_national_id_is_missing_a_field_and_the_message_names_row_and_field() -> None:
    validator = RowValidator(KINDS["customers"])
    outcome = validator.validate(
        _record(
            7,
            customer_id="C9",
            customer_type="individual",
            full_name="An",
            date_of_birth="1990-01-01",
            segment="mass",
            kyc_level="2",
            opened_at="2024-01-01T00:00:00",
        )
    )
    assert isinstance(outcome, Problem)
    assert (outcome.rule, outcome.field) == ("missing_field", "national_id")
    assert outcome.message.startswith("customers line 7 (customer_id C9): national_id:")


def test_every_problem_of_a_row_is_in_the_message_and_the_first_one_is_the_rule() -> None:
    validator = RowValidator(KINDS["merchants"])
    outcome = validator.validate(_record(3, merchant_id="M1", name=None, mcc="12", colour="red"))
    assert isinstance(outcome, Problem)
    assert outcome.rule == "unknown_field"
    assert (
        "colour" in outcome.message and "name: is required" in outcome.message and "'12'" in outcome.message
    )


def test_the_same_phone_written_two_ways_is_a_duplicate_of_the_first_line() -> None:
    validator = RowValidator(KINDS["phones"])
    first = validator.validate(_record(2, customer_id="C1", phone="0912 345 678"))
    second = validator.validate(_record(5, customer_id="C1", phone="+84912345678"))
    assert isinstance(first, Row) and first.key == ("C1", "+84912345678")
    assert isinstance(second, Problem) and second.rule == "duplicate_key" and "line 2" in second.message


def test_a_value_longer_than_its_column_is_refused() -> None:
    outcome = RowValidator(KINDS["merchants"]).validate(
        _record(2, merchant_id="M" * 21, name="x", mcc="5411")
    )
    assert isinstance(outcome, Problem) and (outcome.rule, outcome.field) == ("too_long", "merchant_id")
