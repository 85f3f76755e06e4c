from __future__ import annotations

import pytest

from relational.normalize import (
    PLACEHOLDER_PHONE,
    InvalidValueError,
    address_canonical,
    email_normalized,
    national_id,
    phone_e164,
    tax_code,
)


@pytest.mark.parametrize(
    "raw", ["0912345678", "0912 345 678", "+84 912-345-678", "84912345678", "(+84) 912.345.678"]
)
def test_vietnamese_mobile_numbers_normalize_to_one_e164(raw: str) -> None:
    assert phone_e164(raw) == "+84912345678"


def test_the_placeholder_phone_is_one_value_not_an_error() -> None:
    assert phone_e164("0000000000") == PLACEHOLDER_PHONE == phone_e164("00 000 000 00")


@pytest.mark.parametrize("raw", ["", "abc", "+1 415 555 0100", "091234", "09123456789012"])
def test_bad_phones_are_rejected_with_the_value_in_the_message(raw: str) -> None:
    with pytest.raises(InvalidValueError, match="phone"):
        phone_e164(raw)


def test_emails_are_trimmed_and_lowercased() -> None:
    assert email_normalized("  Nguyen.An@Example.COM ") == "nguyen.an@example.com"


@pytest.mark.parametrize("raw", ["no-at-sign", "a@b", "a..b@example.com", "a@-example.com"])
def test_bad_emails_are_rejected(raw: str) -> None:
    with pytest.raises(InvalidValueError, match="e-mail"):
        email_normalized(raw)


def test_address_spellings_of_one_place_are_equal() -> None:
    a = address_canonical("12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM")
    b = address_canonical("12 le loi  phuong ben nghe quan 1 thanh pho ho chi minh")
    assert a == b == "12 le loi phuong ben nghe quan 1 thanh pho ho chi minh"


def test_d_with_stroke_loses_its_stroke() -> None:
    assert address_canonical("Đường Điện Biên Phủ, Đà Nẵng") == "duong dien bien phu da nang"


def test_cccd_must_have_twelve_digits() -> None:
    assert national_id("001 090 012345") == "001090012345"
    with pytest.raises(InvalidValueError, match="12 digits"):
        national_id("00109001234")


def test_tax_codes_allow_a_branch_suffix() -> None:
    assert tax_code("0101234567-001") == "0101234567-001"
    with pytest.raises(InvalidValueError):
        tax_code("01012345")
