"""Canonical forms of identifiers, so that the same phone, e-mail or address is one graph node.

Each function returns the normalized value or raises `InvalidValueError` naming what was wrong; callers
(the generator, ingestion) decide whether that rejects a row.
"""

from __future__ import annotations

import re
import unicodedata


class InvalidValueError(ValueError):
    """A value that cannot be normalized; the message says why, for a quarantine record."""


_DIGITS = re.compile(r"\d+")
#: Vietnamese mobile and landline numbers: 9 or 10 national digits after the trunk 0 / +84.
_VN_NATIONAL = re.compile(r"^[1-9]\d{8,9}$")
PLACEHOLDER_PHONE = "+840000000000"


def phone_e164(raw: str) -> str:
    """'0912 345 678', '+84 912-345-678', '84912345678' -> '+84912345678'.

    The all-zero placeholder that branches type when a customer gives no phone
    ('0000000000') maps to one fixed value, so it shows up as the hub it is instead of failing.
    """
    text = raw.strip()
    digits = "".join(_DIGITS.findall(text))
    if not digits:
        raise InvalidValueError(f"phone {raw!r} has no digits")
    if set(digits) == {"0"}:
        return PLACEHOLDER_PHONE
    if text.startswith("+") and not digits.startswith("84"):
        raise InvalidValueError(f"phone {raw!r} is not a Vietnamese (+84) number")
    if digits.startswith("84") and len(digits) >= 11:
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    if not _VN_NATIONAL.match(national):
        raise InvalidValueError(f"phone {raw!r} must have 9 or 10 digits after +84/0, got {len(national)}")
    return "+84" + national


_EMAIL = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9-]+)+$")


def email_normalized(raw: str) -> str:
    """Trim and lowercase; reject what is not a plausible address."""
    value = raw.strip().lower()
    if not _EMAIL.match(value) or ".." in value or len(value) > 254:
        raise InvalidValueError(f"e-mail {raw!r} is not a valid address")
    return value


def email_domain(normalized: str) -> str:
    return normalized.rsplit("@", 1)[1]


_ABBREVIATIONS = {
    "p.": "phuong ",
    "q.": "quan ",
    "tp.": "thanh pho ",
    "tt.": "thi tran ",
    "h.": "huyen ",
    "x.": "xa ",
}
_WORD_ABBREVIATIONS = {"tp": "thanh pho", "hcm": "ho chi minh", "hn": "ha noi", "d.": "duong"}


def strip_accents(text: str) -> str:
    """Vietnamese without diacritics ('Đường Lê Lợi' -> 'Duong Le Loi'); đ is not a combining mark."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def address_canonical(raw: str) -> str:
    """One canonical form per street address: lower case, no diacritics, abbreviations expanded,
    punctuation reduced to single spaces. '12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM' and
    '12 le loi phuong ben nghe quan 1 thanh pho ho chi minh' compare equal."""
    if not raw or not raw.strip():
        raise InvalidValueError("address is empty")
    text = strip_accents(raw).lower()
    for short, full in _ABBREVIATIONS.items():
        text = re.sub(rf"(?<![a-z]){re.escape(short)}\s*", full, text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    expanded: list[str] = []
    for word in words:
        expanded.extend(_WORD_ABBREVIATIONS.get(word, word).split())
    return " ".join(expanded)


_CCCD = re.compile(r"^\d{12}$")


def national_id(raw: str) -> str:
    """A CCCD (citizen identity card) number: exactly 12 digits, spaces tolerated."""
    value = re.sub(r"\s+", "", raw)
    if not _CCCD.match(value):
        raise InvalidValueError(f"national ID {raw!r} must be 12 digits (CCCD)")
    return value


_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")


def tax_code(raw: str) -> str:
    """A Vietnamese enterprise tax code: 10 digits, or 10 + '-' + 3 for a branch."""
    value = raw.strip()
    if not _TAX_CODE.match(value):
        raise InvalidValueError(f"tax code {raw!r} must be 10 digits, or 10-3 for a branch")
    return value
