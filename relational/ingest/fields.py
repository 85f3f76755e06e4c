"""Field converters: text from a file to a typed column value, or a `FieldError` with the rule.

Each converter takes the stripped, non-empty text of one field. Emptiness (a missing field) is
decided by the caller, so a converter only sees something to parse.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from relational import normalize

#: Timestamps are stored naive, in the bank's local time (Vietnam, UTC+7, no daylight saving), so a
#: "calendar day" in the daily-limit rule is the bank's day. Inputs with an offset are converted.
BANK_TZ = timezone(timedelta(hours=7))

#: ISO 4217 codes a Vietnamese retail bank holds accounts in. Anything else is rejected rather than
#: stored, because a typo ("VDN") would otherwise become a new currency.
CURRENCIES = frozenset(
    {"VND", "USD", "EUR", "JPY", "GBP", "AUD", "SGD", "CNY", "KRW", "THB", "CAD", "CHF", "HKD"}
)

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}


class FieldError(ValueError):
    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


Converter = Callable[[str], Any]


def text(value: str) -> str:
    return value


def enum(*allowed: str) -> Converter:
    def convert(value: str) -> str:
        if value not in allowed:
            raise FieldError("invalid_value", f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return convert


def integer(low: int | None = None, high: int | None = None) -> Converter:
    def convert(value: str) -> int:
        if not re.fullmatch(r"[+-]?\d+", value):
            raise FieldError("bad_type", f"{value!r} is not a whole number")
        number = int(value)
        if (low is not None and number < low) or (high is not None and number > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise FieldError("invalid_value", f"{number} must be {bounds}")
        return number

    return convert


def boolean(value: str) -> bool:
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise FieldError("bad_type", f"{value!r} is not a boolean (true/false)")


def _decimal(value: str) -> Decimal:
    # Thousands separators are refused: "1,500" is 1.5 in half the world.
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", value):
        raise FieldError("bad_type", f"{value!r} is not a number")
    try:
        return Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above already rules it out
        raise FieldError("bad_type", f"{value!r} is not a number") from exc


def money(*, places: int, positive: bool = False, non_negative: bool = False) -> Converter:
    """An amount with at most `places` decimals (0 for whole dong) that fits Numeric(20, places)."""

    def convert(value: str) -> Decimal:
        number = _decimal(value)
        if positive and number <= 0:
            raise FieldError("invalid_amount", f"{value} must be greater than zero")
        if non_negative and number < 0:
            raise FieldError("invalid_amount", f"{value} must not be negative")
        quantum = Decimal(1).scaleb(-places)
        if number != number.quantize(quantum):
            unit = "whole dong" if places == 0 else f"at most {places} decimals"
            raise FieldError("invalid_amount", f"{value} must be in {unit}")
        if abs(number) >= Decimal(10) ** (20 - places):
            raise FieldError("invalid_amount", f"{value} is too large")
        return number.quantize(quantum)

    return convert


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise FieldError("bad_type", f"{value!r} is not a date (YYYY-MM-DD)") from exc


def iso_datetime(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise FieldError("bad_type", f"{value!r} is not a date-time (YYYY-MM-DDTHH:MM:SS)") from exc
    if moment.tzinfo is not None:
        moment = moment.astimezone(BANK_TZ).replace(tzinfo=None)
    return moment


def currency(value: str) -> str:
    code = value.upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise FieldError("invalid_currency", f"{value!r} is not a 3-letter ISO 4217 code")
    if code not in CURRENCIES:
        raise FieldError(
            "invalid_currency", f"{code} is not an accepted currency ({', '.join(sorted(CURRENCIES))})"
        )
    return code


def ip_address(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError as exc:
        raise FieldError("bad_type", f"{value!r} is not an IPv4 or IPv6 address") from exc


def digits(count: int) -> Converter:
    def convert(value: str) -> str:
        if not re.fullmatch(rf"\d{{{count}}}", value):
            raise FieldError("invalid_value", f"{value!r} must be exactly {count} digits")
        return value

    return convert


def _normalizer(rule: str, function: Callable[[str], str]) -> Converter:
    def convert(value: str) -> str:
        try:
            return function(value)
        except normalize.InvalidValueError as exc:
            raise FieldError(rule, str(exc)) from exc

    return convert


national_id = _normalizer("invalid_national_id", normalize.national_id)
tax_code = _normalizer("invalid_tax_code", normalize.tax_code)
phone = _normalizer("invalid_phone", normalize.phone_e164)
email = _normalizer("invalid_email", normalize.email_normalized)
address = _normalizer("invalid_address", normalize.address_canonical)


def now() -> datetime:
    """The watermark written to created_at / updated_at: naive UTC with microseconds, set by us
    rather than by the server clock, so SQLite (second resolution) still shows a change."""
    return datetime.now(UTC).replace(tzinfo=None)
