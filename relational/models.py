"""The bank's source schema: SQLAlchemy 2.0 typed models that run on SQLite and PostgreSQL.

Conventions, chosen so the graph can be projected and synced incrementally:
- Core entities are keyed by their **business key** (customer_id, account_no, device_id, txn_id):
  the same value is the MERGE key in Neo4j, and ingestion needs no id look-ups.
- Every table carries `created_at`, `updated_at` (the sync watermark, bumped on every change) and
  `deleted_at` (soft delete: a row is never removed, so a sync can see that it went away).
- Money is VND in whole dong (Numeric(20, 0)); balances allow cents for foreign-currency accounts.
- Ground truth planted by the generator lives in `relational.truth`, on a separate metadata, so a
  detector that loads this schema cannot read it by accident.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Deterministic constraint names: Alembic migrations and error messages can refer to them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CUSTOMER_TYPES = ("individual", "organization")
GENDERS = ("M", "F", "O")
SEGMENTS = ("mass", "affluent", "private", "sme", "corporate")
ACCOUNT_TYPES = ("savings", "checking", "ewallet", "card", "loan")
ACCOUNT_STATUSES = ("active", "dormant", "frozen", "closed")
HOLDER_ROLES = ("primary", "joint")
DEVICE_TYPES = ("mobile", "tablet", "desktop", "kiosk")
AUTH_KINDS = ("password", "otp_sms", "otp_app", "biometric", "digital_signature")
CHANNELS = ("mobile", "internet", "atm", "branch", "pos")
TXN_STATUSES = ("completed", "pending", "failed", "reversed")
ALERT_RULES = ("high_value_weak_auth", "untrusted_device", "daily_limit_breach")
ALERT_STATUSES = ("open", "closed")


#: A surrogate key. SQLite numbers a row by itself only when the key column is exactly INTEGER (an
#: alias of rowid); BIGINT there would need every writer to invent ids. PostgreSQL keeps BIGSERIAL.
SurrogateKey = BigInteger().with_variant(Integer(), "sqlite")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    """Naive UTC with microseconds: the one clock every timestamp column is stamped with."""
    return datetime.now(UTC).replace(tzinfo=None)


class Tracked:
    """created_at / updated_at / deleted_at on every source table.

    The stamps are set in Python (`default` / `onupdate`), so any insert or update made through
    SQLAlchemy bumps `updated_at`, with microseconds. The graph sync's watermark depends on it.
    The server default is for other writers; on SQLite it has whole seconds only.
    """

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.now(), index=True
    )
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class Customer(Tracked, Base):
    __tablename__ = "customers"
    __table_args__ = (
        CheckConstraint(_in("customer_type", CUSTOMER_TYPES), name="customer_type"),
        CheckConstraint(f"gender IS NULL OR {_in('gender', GENDERS)}", name="gender"),
        CheckConstraint(_in("segment", SEGMENTS), name="segment"),
        CheckConstraint("kyc_level BETWEEN 1 AND 3", name="kyc_level"),
        CheckConstraint("monthly_income_vnd IS NULL OR monthly_income_vnd >= 0", name="income"),
        # CCCD: exactly 12 digits. LIKE with 12 single-char wildcards is portable; digits are
        # checked by ingestion, which also names the row.
        CheckConstraint("national_id IS NULL OR length(national_id) = 12", name="cccd_length"),
        CheckConstraint(
            "(customer_type = 'individual' AND national_id IS NOT NULL AND date_of_birth IS NOT NULL)"
            " OR (customer_type = 'organization' AND tax_code IS NOT NULL)",
            name="identity_document",
        ),
    )

    customer_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    customer_type: Mapped[str] = mapped_column(String(12))
    full_name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(1))
    national_id: Mapped[str | None] = mapped_column(String(12), unique=True)
    tax_code: Mapped[str | None] = mapped_column(String(14), unique=True)
    segment: Mapped[str] = mapped_column(String(12))
    monthly_income_vnd: Mapped[Decimal | None] = mapped_column(Numeric(20, 0))
    kyc_level: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(DateTime)


class Address(Tracked, Base):
    __tablename__ = "addresses"
    __table_args__ = (
        UniqueConstraint("customer_id", "kind", "normalized"),
        CheckConstraint(_in("kind", ("home", "work", "mailing")), name="kind"),
    )

    address_id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    raw: Mapped[str] = mapped_column(String(300))
    #: Canonical form: lower case, no diacritics, abbreviations expanded, single spaces.
    normalized: Mapped[str] = mapped_column(String(300), index=True)
    province: Mapped[str | None] = mapped_column(String(60))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class Phone(Tracked, Base):
    __tablename__ = "phones"
    __table_args__ = (
        UniqueConstraint("customer_id", "e164"),
        CheckConstraint(_in("kind", ("mobile", "home", "work")), name="kind"),
    )

    phone_id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    raw: Mapped[str] = mapped_column(String(40))
    #: E.164, e.g. +84912345678. The placeholder 0000000000 normalizes to "+840000000000".
    e164: Mapped[str] = mapped_column(String(16), index=True)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class Email(Tracked, Base):
    __tablename__ = "emails"
    __table_args__ = (UniqueConstraint("customer_id", "normalized"),)

    email_id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), index=True)
    raw: Mapped[str] = mapped_column(String(254))
    normalized: Mapped[str] = mapped_column(String(254), index=True)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class Account(Tracked, Base):
    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint(_in("account_type", ACCOUNT_TYPES), name="account_type"),
        CheckConstraint(_in("status", ACCOUNT_STATUSES), name="status"),
        CheckConstraint("length(currency) = 3", name="currency"),
        # Only loans and cards carry a debit balance.
        CheckConstraint("balance >= 0 OR account_type IN ('loan', 'card')", name="balance"),
    )

    account_no: Mapped[str] = mapped_column(String(20), primary_key=True)
    account_type: Mapped[str] = mapped_column(String(10))
    currency: Mapped[str] = mapped_column(String(3), default="VND")
    balance: Mapped[Decimal] = mapped_column(Numeric(20, 2))
    status: Mapped[str] = mapped_column(String(8))
    opened_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    branch_code: Mapped[str] = mapped_column(String(10))
    #: The device the account was opened on (digital onboarding); bursts of openings on one
    #: device are a fraud signal.
    opened_device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.device_id"), index=True)


class AccountHolder(Tracked, Base):
    __tablename__ = "account_holders"
    __table_args__ = (CheckConstraint(_in("role", HOLDER_ROLES), name="role"),)

    account_no: Mapped[str] = mapped_column(ForeignKey("accounts.account_no"), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(8))


class Device(Tracked, Base):
    __tablename__ = "devices"
    __table_args__ = (CheckConstraint(_in("device_type", DEVICE_TYPES), name="device_type"),)

    #: The device fingerprint (a hash the mobile SDK computes); the business key.
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_type: Mapped[str] = mapped_column(String(8))
    os: Mapped[str] = mapped_column(String(40))
    is_trusted: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime)


class DeviceUsage(Tracked, Base):
    """Who used which device from which IP: logins aggregated per (customer, device, ip)."""

    __tablename__ = "device_usage"
    __table_args__ = (
        UniqueConstraint("customer_id", "device_id", "ip_address"),
        CheckConstraint("login_count >= 1", name="login_count"),
        CheckConstraint("last_seen_at >= first_seen_at", name="seen_order"),
        Index("ix_device_usage_device_id", "device_id"),
    )

    usage_id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), index=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.device_id"))
    ip_address: Mapped[str] = mapped_column(String(45), index=True)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    login_count: Mapped[int] = mapped_column(Integer)


class AuthMethod(Tracked, Base):
    """The catalogue of authentication methods and how strong each is (1 weakest .. 4)."""

    __tablename__ = "auth_methods"
    __table_args__ = (
        CheckConstraint(_in("auth_method", AUTH_KINDS), name="auth_method"),
        CheckConstraint("security_level BETWEEN 1 AND 4", name="security_level"),
    )

    auth_method: Mapped[str] = mapped_column(String(20), primary_key=True)
    description: Mapped[str] = mapped_column(String(200))
    security_level: Mapped[int] = mapped_column(Integer)


class CustomerAuthMethod(Tracked, Base):
    __tablename__ = "customer_auth_methods"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), primary_key=True)
    auth_method: Mapped[str] = mapped_column(ForeignKey("auth_methods.auth_method"), primary_key=True)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)


class Merchant(Tracked, Base):
    __tablename__ = "merchants"
    __table_args__ = (CheckConstraint("length(mcc) = 4", name="mcc"),)

    merchant_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    mcc: Mapped[str] = mapped_column(String(4))
    city: Mapped[str | None] = mapped_column(String(60))


class Transaction(Tracked, Base):
    __tablename__ = "transactions"
    __table_args__ = (
        CheckConstraint("amount_vnd > 0", name="amount_positive"),
        CheckConstraint(_in("channel", CHANNELS), name="channel"),
        CheckConstraint(_in("status", TXN_STATUSES), name="status"),
        # Exactly one destination: an account of ours, a merchant, or an external counterparty.
        CheckConstraint(
            "(CASE WHEN to_account_no IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN merchant_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN counterparty_account IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_destination",
        ),
        CheckConstraint("to_account_no IS NULL OR to_account_no <> from_account_no", name="not_to_itself"),
        Index("ix_transactions_from_account_no_occurred_at", "from_account_no", "occurred_at"),
        Index("ix_transactions_to_account_no", "to_account_no"),
    )

    txn_id: Mapped[str] = mapped_column(String(24), primary_key=True)
    from_account_no: Mapped[str] = mapped_column(ForeignKey("accounts.account_no"))
    to_account_no: Mapped[str | None] = mapped_column(ForeignKey("accounts.account_no"))
    merchant_id: Mapped[str | None] = mapped_column(ForeignKey("merchants.merchant_id"))
    counterparty_account: Mapped[str | None] = mapped_column(String(34))
    counterparty_bank: Mapped[str | None] = mapped_column(String(20))
    amount_vnd: Mapped[Decimal] = mapped_column(Numeric(20, 0))
    channel: Mapped[str] = mapped_column(String(8))
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.device_id"), index=True)
    auth_method: Mapped[str | None] = mapped_column(ForeignKey("auth_methods.auth_method"))
    occurred_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    status: Mapped[str] = mapped_column(String(10))
    description: Mapped[str | None] = mapped_column(String(200))


class RiskAlert(Tracked, Base):
    __tablename__ = "risk_alerts"
    __table_args__ = (
        CheckConstraint(_in("rule", ALERT_RULES), name="rule"),
        CheckConstraint(_in("status", ALERT_STATUSES), name="status"),
        CheckConstraint("severity BETWEEN 1 AND 5", name="severity"),
        # A rule fires once per subject: a rescan is idempotent.
        UniqueConstraint("rule", "subject_key"),
    )

    alert_id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True)
    rule: Mapped[str] = mapped_column(String(24))
    #: What the rule fired on: a txn_id, or "<account_no>@<date>" for a daily-limit breach.
    subject_key: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), index=True)
    account_no: Mapped[str | None] = mapped_column(ForeignKey("accounts.account_no"))
    txn_id: Mapped[str | None] = mapped_column(ForeignKey("transactions.txn_id"))
    severity: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(8), default="open")


class QuarantinedRow(Base):
    """A row that ingestion rejected, kept whole with the reason: nothing is lost."""

    __tablename__ = "quarantine"

    quarantine_id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True)
    source_file: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    line_no: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(60))
    message: Mapped[str] = mapped_column(Text)
    raw_payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


# --- The analytics store (`c360 rings`): runs, their groups and analysts' decisions ----------
# Here rather than in the graph because decisions are business records that must outlive a graph
# rebuild (a bulk load replaces the whole graph), need transactions and an audit trail, and are
# read by the API next to the rest of the bank's data. The graph only carries the latest result.
GROUP_KINDS = ("ring", "household")
DECISIONS = ("confirmed", "dismissed")


class AnalyticsRun(Base):
    """One detection run: when, which engine, the hub limit it used and its summary (JSON)."""

    __tablename__ = "analytics_runs"

    run_id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime] = mapped_column(DateTime)
    engine: Mapped[str] = mapped_column(String(20))
    hub_limit: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)


class AnalyticsGroup(Base):
    """A ring or household found by a run, with its score, status, change and evidence (JSON)."""

    __tablename__ = "analytics_groups"
    __table_args__ = (CheckConstraint(_in("group_kind", GROUP_KINDS), name="group_kind"),)

    run_id: Mapped[int] = mapped_column(ForeignKey("analytics_runs.run_id"), primary_key=True)
    group_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    group_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    score: Mapped[float] = mapped_column(Numeric(6, 1))
    status: Mapped[str] = mapped_column(String(10))
    change: Mapped[str] = mapped_column(String(10))
    change_detail: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)


class AnalyticsGroupMember(Base):
    """Who was in which group in which run: what stable IDs and change tracking compare."""

    __tablename__ = "analytics_group_members"

    run_id: Mapped[int] = mapped_column(ForeignKey("analytics_runs.run_id"), primary_key=True)
    group_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    group_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(20), primary_key=True)


class RingDecision(Base):
    """An analyst's decision on a ring, with the membership it was made on, who and when."""

    __tablename__ = "ring_decisions"
    __table_args__ = (CheckConstraint(_in("decision", DECISIONS), name="decision"),)

    decision_id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True)
    ring_id: Mapped[str] = mapped_column(String(20), index=True)
    decision: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    #: JSON list of the ring's customer_ids when the decision was made.
    members: Mapped[str] = mapped_column(Text)


# --- The API's callers and what they read (`c360 api`, `c360 serve`) -------------------------
# In the relational database, next to the decisions: an audit trail is a business record that
# must survive a graph rebuild and be queried with the bank's other records.
API_ROLES = ("fraud_analyst", "relationship_manager", "service")


class ApiKey(Base):
    """An API key: only its SHA-256 is kept, so a leaked database leaks no usable key."""

    __tablename__ = "api_keys"
    __table_args__ = (CheckConstraint(_in("role", API_ROLES), name="role"),)

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(30))
    secret_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ApiAudit(Base):
    """One row per API request that read customers: who, in which role, which customers, when."""

    __tablename__ = "api_audit"

    audit_id: Mapped[int] = mapped_column(SurrogateKey, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    principal: Mapped[str] = mapped_column(String(100), index=True)
    role: Mapped[str] = mapped_column(String(30))
    operation: Mapped[str] = mapped_column(String(100))
    #: JSON list of the customer_ids the response carried, sorted.
    customer_ids: Mapped[str] = mapped_column(Text)
    request_id: Mapped[str] = mapped_column(String(36))
