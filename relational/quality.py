"""Data-quality report over the relational source: counts, not verdicts.

Four kinds of finding, each a count with a sample of offending keys:
- `null`: a nullable column that should be filled (the reason is in `EXPECTED_FILLED`);
- `duplicate`: one value held by several customers (a national ID, a phone, an e-mail, an
  address). Some sharing is legitimate (a household's address) and the unique constraint on
  national_id makes that one impossible in this schema, but a source loaded without it is exactly
  where such duplicates hide, so it is checked;
- `format`: a stored value that does not pass the ingestion normalizers (a raw phone that does not
  normalize, an e-mail that is not one, a CCCD that is not 12 digits);
- `orphan`: a live row whose reference points to a missing or soft-deleted parent.

Everything is a bounded query or a streamed scan; nothing loads a table into memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Table, and_, func, or_, select, true

from relational import normalize
from relational.models import Base

_T = Base.metadata.tables
SOURCE_TABLES = (
    "customers",
    "addresses",
    "phones",
    "emails",
    "accounts",
    "account_holders",
    "devices",
    "device_usage",
    "auth_methods",
    "customer_auth_methods",
    "merchants",
    "transactions",
    "risk_alerts",
)
SAMPLE = 5

#: (table, column, only where, why it should be filled)
EXPECTED_FILLED: tuple[tuple[str, str, Callable[[Table], ColumnElement[bool]], str], ...] = (
    ("customers", "gender", lambda t: t.c.customer_type == "individual", "an individual's gender"),
    ("customers", "monthly_income_vnd", lambda t: t.c.customer_type == "individual", "income drives segment"),
    ("addresses", "province", lambda t: true(), "province groups households"),
    ("merchants", "city", lambda t: true(), "merchant location"),
    (
        "transactions",
        "device_id",
        lambda t: t.c.channel.in_(("mobile", "internet")),
        "a digital transaction comes from a device",
    ),
    (
        "transactions",
        "auth_method",
        lambda t: t.c.channel.in_(("mobile", "internet")),
        "a digital transaction is authenticated",
    ),
)

#: (child table, column, parent table, parent key)
REFERENCES = (
    ("addresses", "customer_id", "customers", "customer_id"),
    ("phones", "customer_id", "customers", "customer_id"),
    ("emails", "customer_id", "customers", "customer_id"),
    ("account_holders", "customer_id", "customers", "customer_id"),
    ("account_holders", "account_no", "accounts", "account_no"),
    ("accounts", "opened_device_id", "devices", "device_id"),
    ("device_usage", "customer_id", "customers", "customer_id"),
    ("device_usage", "device_id", "devices", "device_id"),
    ("customer_auth_methods", "customer_id", "customers", "customer_id"),
    ("transactions", "from_account_no", "accounts", "account_no"),
    ("transactions", "to_account_no", "accounts", "account_no"),
    ("transactions", "merchant_id", "merchants", "merchant_id"),
    ("transactions", "device_id", "devices", "device_id"),
    ("risk_alerts", "customer_id", "customers", "customer_id"),
)

#: (table, column, who holds the value): one value shared by several customers.
SHARED_VALUES = (
    ("customers", "national_id", "customer_id"),
    ("customers", "tax_code", "customer_id"),
    ("phones", "e164", "customer_id"),
    ("emails", "normalized", "customer_id"),
    ("addresses", "normalized", "customer_id"),
)

#: (table, column, normalizer): stored values that ingestion would have rejected.
FORMATS: tuple[tuple[str, str, Callable[[str], str]], ...] = (
    ("phones", "raw", normalize.phone_e164),
    ("emails", "raw", normalize.email_normalized),
    ("customers", "national_id", normalize.national_id),
    ("customers", "tax_code", normalize.tax_code),
)


@dataclass
class Finding:
    kind: str
    table: str
    column: str
    count: int
    note: str
    sample: list[str] = field(default_factory=list)


@dataclass
class QualityReport:
    #: table -> {"rows": live rows, "deleted": soft-deleted rows}
    tables: dict[str, dict[str, int]]
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        return {"tables": self.tables, "findings": [asdict(f) for f in self.findings]}

    def count(self, kind: str, table: str, column: str) -> int:
        return sum(f.count for f in self.findings if (f.kind, f.table, f.column) == (kind, table, column))


def _live(table: Table) -> ColumnElement[bool]:
    return table.c.deleted_at.is_(None) if "deleted_at" in table.c else true()


def _table_counts(conn: Connection) -> dict[str, dict[str, int]]:
    counts = {}
    for name in SOURCE_TABLES:
        t = _T[name]
        live = conn.execute(select(func.count()).select_from(t).where(_live(t))).scalar_one()
        total = conn.execute(select(func.count()).select_from(t)).scalar_one()
        counts[name] = {"rows": int(live), "deleted": int(total - live)}
    return counts


def _key(table: Table) -> ColumnElement[Any]:
    return next(iter(table.primary_key.columns))


def _nulls(conn: Connection) -> list[Finding]:
    findings = []
    for name, column, where, why in EXPECTED_FILLED:
        t = _T[name]
        condition = and_(_live(t), where(t), t.c[column].is_(None))
        n = conn.execute(select(func.count()).select_from(t).where(condition)).scalar_one()
        sample = conn.execute(select(_key(t)).where(condition).order_by(_key(t)).limit(SAMPLE)).scalars()
        findings.append(Finding("null", name, column, int(n), why, [str(s) for s in sample]))
    return findings


def _duplicates(conn: Connection) -> list[Finding]:
    findings = []
    for name, column, holder in SHARED_VALUES:
        t = _T[name]
        shared = (
            select(t.c[column])
            .where(_live(t), t.c[column].is_not(None))
            .group_by(t.c[column])
            .having(func.count(func.distinct(t.c[holder])) > 1)
        )
        n = conn.execute(select(func.count()).select_from(shared.subquery())).scalar_one()
        sample = conn.execute(shared.order_by(t.c[column]).limit(SAMPLE)).scalars()
        note = f"values held by more than one {holder}"
        findings.append(Finding("duplicate", name, column, int(n), note, [str(s) for s in sample]))
    return findings


def _formats(conn: Connection) -> list[Finding]:
    findings = []
    for name, column, check in FORMATS:
        t = _T[name]
        query = select(_key(t), t.c[column]).where(_live(t), t.c[column].is_not(None))
        bad = 0
        sample: list[str] = []
        # Streamed in chunks: the normalizers are Python, so the rows must come to us.
        for key, value in conn.execution_options(yield_per=2000).execute(query):
            try:
                check(value)
            except normalize.InvalidValueError:
                bad += 1
                if len(sample) < SAMPLE:
                    sample.append(f"{key}: {value!r}")
        findings.append(Finding("format", name, column, bad, f"does not pass {check.__name__}", sample))
    return findings


def _orphans(conn: Connection) -> list[Finding]:
    findings = []
    for child_name, column, parent_name, parent_key in REFERENCES:
        child, parent = _T[child_name], _T[parent_name]
        joined = child.outerjoin(parent, child.c[column] == parent.c[parent_key])
        condition = and_(
            _live(child),
            child.c[column].is_not(None),
            or_(parent.c[parent_key].is_(None), parent.c.deleted_at.is_not(None)),
        )
        n = conn.execute(select(func.count()).select_from(joined).where(condition)).scalar_one()
        sample = conn.execute(
            select(_key(child)).select_from(joined).where(condition).order_by(_key(child)).limit(SAMPLE)
        ).scalars()
        note = f"points to a missing or deleted {parent_name} row"
        findings.append(Finding("orphan", child_name, column, int(n), note, [str(s) for s in sample]))
    return findings


def report(engine: Engine) -> QualityReport:
    with engine.connect() as conn:
        tables = _table_counts(conn)
        findings = _nulls(conn) + _duplicates(conn) + _formats(conn) + _orphans(conn)
    return QualityReport(tables, findings)
