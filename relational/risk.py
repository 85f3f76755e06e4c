"""Risk rules from the Timo case (SBV Decision 2345/QĐ-NHNN), written to `risk_alerts`.

Each rule is one set-based INSERT ... SELECT, rendered by SQLAlchemy for SQLite or PostgreSQL with
every threshold a bound parameter. `NOT EXISTS` on (rule, subject_key), the table's unique key,
makes a rescan add nothing that is already there.

Which rows count:
- a *transfer* is a transaction to an account (ours or another bank's), not a merchant payment;
- high-value and untrusted-device alerts consider transfers that are completed or pending (money
  moved or about to); the daily limit sums completed transfers only;
- soft-deleted transactions are ignored; an alert is attributed to the account's primary holder
  (the lowest customer_id among holders when no one is marked primary). A transfer from an account
  with no holder cannot be attributed (customer_id is required) and raises nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Engine,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
)

from relational.models import Base

if TYPE_CHECKING:
    from c360.settings import Settings

_T = Base.metadata.tables
TXN, HOLDERS, DEVICES, AUTH, ALERTS = (
    _T["transactions"],
    _T["account_holders"],
    _T["devices"],
    _T["auth_methods"],
    _T["risk_alerts"],
)
RULES = ("high_value_weak_auth", "untrusted_device", "daily_limit_breach")
SEVERITY = {"high_value_weak_auth": 4, "untrusted_device": 3, "daily_limit_breach": 4}


@dataclass(frozen=True)
class Thresholds:
    #: A transfer of at least this many VND needs strong authentication.
    high_value_vnd: int
    #: auth_methods.security_level that counts as strong (biometric, digital signature: 4).
    strong_auth_level: int
    #: Completed outgoing transfers of one account in one calendar day may total at most this.
    daily_limit_vnd: int

    @staticmethod
    def from_settings(settings: Settings) -> Thresholds:
        """The thresholds of the RISK_* settings."""
        return Thresholds(
            high_value_vnd=settings.risk_high_value_vnd,
            strong_auth_level=settings.risk_strong_auth_level,
            daily_limit_vnd=settings.risk_daily_limit_vnd,
        )


@dataclass(frozen=True)
class RuleCount:
    rule: str
    new: int
    total: int


def _holder(account_no: ColumnElement[str]) -> ColumnElement[str]:
    primary_first = case((HOLDERS.c.role == "primary", 0), else_=1)
    return (
        select(HOLDERS.c.customer_id)
        .where(HOLDERS.c.account_no == account_no, HOLDERS.c.deleted_at.is_(None))
        .order_by(primary_first, HOLDERS.c.customer_id)
        .limit(1)
        .scalar_subquery()
    )


def _is_transfer() -> ColumnElement[bool]:
    return and_(
        or_(TXN.c.to_account_no.is_not(None), TXN.c.counterparty_account.is_not(None)),
        TXN.c.deleted_at.is_(None),
    )


def _not_raised(rule: str, subject: ColumnElement[str]) -> ColumnElement[bool]:
    return ~exists().where(ALERTS.c.rule == rule, ALERTS.c.subject_key == subject)


def _per_transfer(
    rule: str, condition: ColumnElement[bool], message: ColumnElement[str]
) -> Select[tuple[object, ...]]:
    holder = _holder(TXN.c.from_account_no)
    return select(
        literal(rule),
        TXN.c.txn_id,
        holder,
        TXN.c.from_account_no,
        TXN.c.txn_id,
        literal(SEVERITY[rule]),
        message,
        bindparam("raised_at"),
        literal("open"),
    ).where(
        _is_transfer(),
        TXN.c.status.in_(("completed", "pending")),
        condition,
        holder.is_not(None),
        _not_raised(rule, TXN.c.txn_id),
    )


def _amount_text(amount: ColumnElement[object]) -> ColumnElement[str]:
    return cast(amount, String)


def _high_value_weak_auth() -> Select[tuple[object, ...]]:
    level = select(AUTH.c.security_level).where(AUTH.c.auth_method == TXN.c.auth_method).scalar_subquery()
    weak = or_(TXN.c.auth_method.is_(None), func.coalesce(level, 0) < bindparam("strong_auth_level"))
    message = (
        literal("transfer of ")
        + _amount_text(TXN.c.amount_vnd)
        + literal(" VND authenticated by ")
        + func.coalesce(TXN.c.auth_method, literal("nothing"))
        + literal(", below the strong level the SBV requires for high-value transfers")
    )
    return _per_transfer(
        "high_value_weak_auth", and_(TXN.c.amount_vnd >= bindparam("high_value_vnd"), weak), message
    )


def _untrusted_device() -> Select[tuple[object, ...]]:
    untrusted = exists().where(DEVICES.c.device_id == TXN.c.device_id, DEVICES.c.is_trusted.is_(False))
    message = literal("transfer made from untrusted device ") + TXN.c.device_id
    return _per_transfer("untrusted_device", untrusted, message)


def _daily_limit(conn: Connection) -> Select[tuple[object, ...]]:
    # A calendar day of the stored (bank-local) timestamp; SQLite has no DATE type to cast to.
    if conn.dialect.name == "sqlite":
        day: ColumnElement[str] = func.date(TXN.c.occurred_at)
    else:
        day = cast(cast(TXN.c.occurred_at, Date), String)
    totals = (
        select(
            TXN.c.from_account_no.label("account_no"),
            day.label("day"),
            func.sum(TXN.c.amount_vnd).label("total"),
            func.count().label("n"),
        )
        .where(_is_transfer(), TXN.c.status == "completed")
        .group_by(TXN.c.from_account_no, day)
        .having(func.sum(TXN.c.amount_vnd) > bindparam("daily_limit_vnd"))
        .subquery()
    )
    subject = totals.c.account_no + literal("@") + totals.c.day
    holder = _holder(totals.c.account_no)
    message = (
        literal("completed transfers on ")
        + totals.c.day
        + literal(" total ")
        + _amount_text(totals.c.total)
        + literal(" VND in ")
        + cast(totals.c.n, String)
        + literal(" transfer(s), above the daily limit")
    )
    return select(
        literal("daily_limit_breach"),
        subject,
        holder,
        totals.c.account_no,
        literal(None, String),
        literal(SEVERITY["daily_limit_breach"]),
        message,
        bindparam("raised_at"),
        literal("open"),
    ).where(holder.is_not(None), _not_raised("daily_limit_breach", subject))


_COLUMNS = [
    "rule",
    "subject_key",
    "customer_id",
    "account_no",
    "txn_id",
    "severity",
    "message",
    "raised_at",
    "status",
]


def scan(engine: Engine, thresholds: Thresholds) -> list[RuleCount]:
    """Raise the alerts that are not raised yet; one transaction for the three rules."""
    params = {
        "high_value_vnd": thresholds.high_value_vnd,
        "strong_auth_level": thresholds.strong_auth_level,
        "daily_limit_vnd": thresholds.daily_limit_vnd,
        "raised_at": datetime.now(UTC).replace(tzinfo=None),
    }
    counts = []
    with engine.begin() as conn:
        for rule, query in (
            ("high_value_weak_auth", _high_value_weak_auth()),
            ("untrusted_device", _untrusted_device()),
            ("daily_limit_breach", _daily_limit(conn)),
        ):
            new = conn.execute(insert(ALERTS).from_select(_COLUMNS, query), params).rowcount
            total = conn.execute(select(func.count()).where(ALERTS.c.rule == rule)).scalar_one()
            counts.append(RuleCount(rule, new, int(total)))
    return counts
