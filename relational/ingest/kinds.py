"""What each kind of file holds: its fields, how they convert, its business key, its references.

One `Kind` per `--kind` value. Field names in files are the column names of the target table,
except for the identifier kinds, whose value field (`phone`, `email`, `address`) fills both the raw
column and the normalized one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table

from relational import models as m
from relational.ingest import fields as f
from relational.ingest.fields import FieldError

#: A check across fields of one row: returns (rule, field, message) or None.
RowCheck = Callable[[dict[str, Any]], tuple[str, str, str] | None]


@dataclass(frozen=True)
class Field:
    name: str
    convert: f.Converter
    required: bool = False
    #: Used when the field is absent or empty, for NOT NULL columns that have a natural default.
    default: Any = None
    #: A field that refers to another table: (table, key column).
    references: tuple[str, str] | None = None
    #: The identifier fields: the stripped text goes to this column, the converted value to `column`.
    raw_column: str | None = None
    column: str | None = None

    @property
    def target(self) -> str:
        return self.column or self.name


@dataclass(frozen=True)
class Kind:
    name: str
    table: Table
    fields: tuple[Field, ...]
    #: Columns of the business key, in the target table (for identifiers: includes the normalized value).
    key: tuple[str, ...]
    checks: tuple[RowCheck, ...] = ()
    #: Columns that are unique across the table besides the key (customers' national_id, tax_code).
    unique: tuple[str, ...] = ()
    field_names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "field_names", frozenset(x.name for x in self.fields))

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(x.name for x in self.fields if x.required)

    @property
    def xml_entity(self) -> str:
        return self.name.upper().replace("-", "_")


def _identity_document(row: dict[str, Any]) -> tuple[str, str, str] | None:
    if row.get("customer_type") == "individual":
        for name in ("national_id", "date_of_birth"):
            if row.get(name) is None:
                return "missing_field", name, f"an individual needs {name}"
    elif row.get("customer_type") == "organization" and row.get("tax_code") is None:
        return "missing_field", "tax_code", "an organization needs tax_code"
    return None


def _balance_sign(row: dict[str, Any]) -> tuple[str, str, str] | None:
    balance = row.get("balance")
    if balance is not None and balance < 0 and row.get("account_type") not in ("loan", "card"):
        return (
            "invalid_amount",
            "balance",
            f"a {row.get('account_type')} account cannot have a negative balance",
        )
    return None


def _seen_order(row: dict[str, Any]) -> tuple[str, str, str] | None:
    first, last = row.get("first_seen_at"), row.get("last_seen_at")
    if first is not None and last is not None and last < first:
        return "inconsistent_fields", "last_seen_at", f"last_seen_at {last} is before first_seen_at {first}"
    return None


def _one_destination(row: dict[str, Any]) -> tuple[str, str, str] | None:
    given = [n for n in ("to_account_no", "merchant_id", "counterparty_account") if row.get(n) is not None]
    if len(given) != 1:
        return (
            "inconsistent_fields",
            "to_account_no",
            f"exactly one of to_account_no, merchant_id, counterparty_account is needed, got {len(given)}",
        )
    if row.get("to_account_no") is not None and row.get("to_account_no") == row.get("from_account_no"):
        return "inconsistent_fields", "to_account_no", "a transfer cannot go to the account it comes from"
    return None


def _customer_ref(required: bool = True) -> Field:
    return Field("customer_id", f.text, required=required, references=("customers", "customer_id"))


_TABLES = m.Base.metadata.tables

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "customers",
            _TABLES["customers"],
            (
                Field("customer_id", f.text, required=True),
                Field("customer_type", f.enum(*m.CUSTOMER_TYPES), required=True),
                Field("full_name", f.text, required=True),
                Field("date_of_birth", f.iso_date),
                Field("gender", f.enum(*m.GENDERS)),
                Field("national_id", f.national_id),
                Field("tax_code", f.tax_code),
                Field("segment", f.enum(*m.SEGMENTS), required=True),
                Field("monthly_income_vnd", f.money(places=0, non_negative=True)),
                Field("kyc_level", f.integer(1, 3), required=True),
                Field("opened_at", f.iso_datetime, required=True),
            ),
            key=("customer_id",),
            checks=(_identity_document,),
            unique=("national_id", "tax_code"),
        ),
        Kind(
            "addresses",
            _TABLES["addresses"],
            (
                _customer_ref(),
                Field("kind", f.enum("home", "work", "mailing"), required=True),
                Field("address", f.address, required=True, raw_column="raw", column="normalized"),
                Field("province", f.text),
                Field("is_primary", f.boolean, default=False),
            ),
            key=("customer_id", "kind", "normalized"),
        ),
        Kind(
            "phones",
            _TABLES["phones"],
            (
                _customer_ref(),
                Field("phone", f.phone, required=True, raw_column="raw", column="e164"),
                Field("kind", f.enum("mobile", "home", "work"), default="mobile"),
                Field("is_primary", f.boolean, default=False),
            ),
            key=("customer_id", "e164"),
        ),
        Kind(
            "emails",
            _TABLES["emails"],
            (
                _customer_ref(),
                Field("email", f.email, required=True, raw_column="raw", column="normalized"),
                Field("is_primary", f.boolean, default=False),
            ),
            key=("customer_id", "normalized"),
        ),
        Kind(
            "accounts",
            _TABLES["accounts"],
            (
                Field("account_no", f.text, required=True),
                Field("account_type", f.enum(*m.ACCOUNT_TYPES), required=True),
                Field("currency", f.currency, default="VND"),
                Field("balance", f.money(places=2), required=True),
                Field("status", f.enum(*m.ACCOUNT_STATUSES), required=True),
                Field("opened_at", f.iso_datetime, required=True),
                Field("branch_code", f.text, required=True),
                Field("opened_device_id", f.text, references=("devices", "device_id")),
            ),
            key=("account_no",),
            checks=(_balance_sign,),
        ),
        Kind(
            "account-holders",
            _TABLES["account_holders"],
            (
                Field("account_no", f.text, required=True, references=("accounts", "account_no")),
                _customer_ref(),
                Field("role", f.enum(*m.HOLDER_ROLES), required=True),
            ),
            key=("account_no", "customer_id"),
        ),
        Kind(
            "devices",
            _TABLES["devices"],
            (
                Field("device_id", f.text, required=True),
                Field("device_type", f.enum(*m.DEVICE_TYPES), required=True),
                Field("os", f.text, required=True),
                Field("is_trusted", f.boolean, default=False),
                Field("first_seen_at", f.iso_datetime, required=True),
            ),
            key=("device_id",),
        ),
        Kind(
            "device-usage",
            _TABLES["device_usage"],
            (
                _customer_ref(),
                Field("device_id", f.text, required=True, references=("devices", "device_id")),
                Field("ip_address", f.ip_address, required=True),
                Field("first_seen_at", f.iso_datetime, required=True),
                Field("last_seen_at", f.iso_datetime, required=True),
                Field("login_count", f.integer(1), required=True),
            ),
            key=("customer_id", "device_id", "ip_address"),
            checks=(_seen_order,),
        ),
        Kind(
            "merchants",
            _TABLES["merchants"],
            (
                Field("merchant_id", f.text, required=True),
                Field("name", f.text, required=True),
                Field("mcc", f.digits(4), required=True),
                Field("city", f.text),
            ),
            key=("merchant_id",),
        ),
        Kind(
            "transactions",
            _TABLES["transactions"],
            (
                Field("txn_id", f.text, required=True),
                Field("from_account_no", f.text, required=True, references=("accounts", "account_no")),
                Field("to_account_no", f.text, references=("accounts", "account_no")),
                Field("merchant_id", f.text, references=("merchants", "merchant_id")),
                Field("counterparty_account", f.text),
                Field("counterparty_bank", f.text),
                Field("amount_vnd", f.money(places=0, positive=True), required=True),
                Field("channel", f.enum(*m.CHANNELS), required=True),
                Field("device_id", f.text, references=("devices", "device_id")),
                Field("auth_method", f.text, references=("auth_methods", "auth_method")),
                Field("occurred_at", f.iso_datetime, required=True),
                Field("status", f.enum(*m.TXN_STATUSES), required=True),
                Field("description", f.text),
            ),
            key=("txn_id",),
            checks=(_one_destination,),
        ),
    )
}

__all__ = ["KINDS", "Field", "FieldError", "Kind"]
