"""The bulk projection: one CSV per node label and relationship type, for `neo4j-admin database
import full`. Each file is a SELECT over the source that applies the same rules as the online
loader (`graph_loader.sources`): live rows only, relationships between live ends, identifier nodes
for values someone links to, aggregates computed the same way. `verify` checks both paths alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    CompoundSelect,
    Date,
    DateTime,
    Integer,
    Numeric,
    Select,
    Table,
    exists,
    func,
    literal,
    select,
    union,
)

from graph_loader.sources import (
    ACCOUNT_PROPS,
    ALERT_PROPS,
    CUSTOMER_PROPS,
    DEVICE_PROPS,
    MERCHANT_PROPS,
    TXN_PROPS,
)
from relational import models as m

_T = m.Base.metadata.tables
C, A, D, MER, H = _T["customers"], _T["accounts"], _T["devices"], _T["merchants"], _T["account_holders"]
P, E, ADR, U, TX, R = (
    _T["phones"],
    _T["emails"],
    _T["addresses"],
    _T["device_usage"],
    _T["transactions"],
    _T["risk_alerts"],
)


@dataclass(frozen=True)
class CsvSpec:
    """One import file: `header` names columns in neo4j-admin's syntax, `query` yields its rows."""

    file: str
    kind: str  # "nodes" or "relationships"
    header: tuple[str, ...]
    query: Select[Any] | CompoundSelect[Any]


def _type(col: ColumnElement[Any]) -> str:
    t = col.type
    if isinstance(t, Boolean):
        return "boolean"
    if isinstance(t, DateTime):
        return "localdatetime"
    if isinstance(t, Date):
        return "date"
    if isinstance(t, Integer):
        return "long"
    if isinstance(t, Numeric):
        return "long" if (t.scale or 0) == 0 else "double"
    return "string"


def _props(table: Table, names: tuple[str, ...]) -> tuple[list[str], list[ColumnElement[Any]]]:
    cols: list[ColumnElement[Any]] = [table.c[n] for n in names]
    return [f"{n}:{_type(c)}" for n, c in zip(names, cols, strict=True)], cols


def _live(t: Table) -> ColumnElement[bool]:
    return t.c.deleted_at.is_(None)


def _live_ref(parent: Table, key: str, ref: ColumnElement[Any]) -> ColumnElement[bool]:
    return exists().where(parent.c[key] == ref, _live(parent))


def _entity(file: str, label: str, table: Table, key: str, names: tuple[str, ...]) -> CsvSpec:
    headers, cols = _props(table, names)
    key_col = table.c[key]
    return CsvSpec(
        file,
        "nodes",
        (f":ID({label})", f"{key}:{_type(key_col)}", *headers, ":LABEL"),
        select(key_col, key_col, *cols, literal(label)).where(_live(table)),
    )


def _identifier_nodes(file: str, label: str, prop: str, value: ColumnElement[Any], t: Table) -> CsvSpec:
    live_customer = _live_ref(C, "customer_id", t.c.customer_id)
    q = select(value, value, literal(f"{label};Identifier")).where(_live(t), live_customer).distinct()
    return CsvSpec(file, "nodes", (f":ID({label})", f"{prop}:string", ":LABEL"), q)


def _identifier_rels(
    file: str, rtype: str, label: str, t: Table, pk: str, value: str, names: tuple[str, ...]
) -> CsvSpec:
    headers, cols = _props(t, names)
    q = select(t.c.customer_id, t.c[value], t.c[pk], *cols, literal(rtype)).where(
        _live(t), _live_ref(C, "customer_id", t.c.customer_id)
    )
    return CsvSpec(
        file,
        "relationships",
        (":START_ID(Customer)", f":END_ID({label})", "source_id:long", *headers, ":TYPE"),
        q,
    )


def _rel(
    file: str,
    rtype: str,
    start: str,
    end: str,
    q: Select[Any] | CompoundSelect[Any],
    headers: tuple[str, ...] = (),
) -> CsvSpec:
    return CsvSpec(file, "relationships", (f":START_ID({start})", f":END_ID({end})", *headers, ":TYPE"), q)


def specs() -> list[CsvSpec]:
    ids = union(
        select(C.c.national_id.label("v"), literal("cccd").label("k")).where(
            _live(C), C.c.national_id.is_not(None)
        ),
        select(C.c.tax_code.label("v"), literal("tax_code").label("k")).where(
            _live(C), C.c.tax_code.is_not(None)
        ),
    ).subquery()
    ext_key = func.coalesce(TX.c.counterparty_bank, literal("?")) + literal(":") + TX.c.counterparty_account
    ext_bank = func.coalesce(TX.c.counterparty_bank, literal("?"))
    has_ext = TX.c.counterparty_account.is_not(None)
    live_usage = (_live(U), _live_ref(C, "customer_id", U.c.customer_id))
    usage_aggs = (func.min(U.c.first_seen_at), func.max(U.c.last_seen_at), func.sum(U.c.login_count))
    usage_headers = ("first_seen:localdatetime", "last_seen:localdatetime", "logins:long")
    return [
        _entity("customers", "Customer", C, "customer_id", CUSTOMER_PROPS),
        _entity("accounts", "Account", A, "account_no", ACCOUNT_PROPS),
        _entity("devices", "Device", D, "device_id", DEVICE_PROPS),
        _entity("merchants", "Merchant", MER, "merchant_id", MERCHANT_PROPS),
        _entity("transactions", "Transaction", TX, "txn_id", TXN_PROPS),
        _entity("risk_alerts", "RiskAlert", R, "alert_id", ALERT_PROPS),
        CsvSpec(
            "national_ids",
            "nodes",
            (":ID(NationalId)", "value:string", "kind:string", ":LABEL"),
            select(ids.c.v, ids.c.v, ids.c.k, literal("NationalId;Identifier")),
        ),
        _identifier_nodes("phones", "Phone", "e164", P.c.e164, P),
        _identifier_nodes("emails", "Email", "address", E.c.normalized, E),
        CsvSpec(
            "addresses",
            "nodes",
            (":ID(Address)", "key:string", "raw:string", "province:string", ":LABEL"),
            select(
                ADR.c.normalized,
                ADR.c.normalized,
                func.min(ADR.c.raw),
                func.min(ADR.c.province),
                literal("Address;Identifier"),
            )
            .where(_live(ADR), _live_ref(C, "customer_id", ADR.c.customer_id))
            .group_by(ADR.c.normalized),
        ),
        CsvSpec(
            "ips",
            "nodes",
            (":ID(IP)", "address:string", ":LABEL"),
            select(U.c.ip_address, U.c.ip_address, literal("IP;Identifier")).where(*live_usage).distinct(),
        ),
        CsvSpec(
            "external_accounts",
            "nodes",
            (":ID(ExternalAccount)", "key:string", "bank:string", "account:string", ":LABEL"),
            select(ext_key, ext_key, ext_bank, TX.c.counterparty_account, literal("ExternalAccount"))
            .where(_live(TX), has_ext)
            .distinct(),
        ),
        _rel(
            "has_id",
            "HAS_ID",
            "Customer",
            "NationalId",
            select(C.c.customer_id, C.c.national_id, literal("HAS_ID"))
            .where(_live(C), C.c.national_id.is_not(None))
            .union_all(
                select(C.c.customer_id, C.c.tax_code, literal("HAS_ID")).where(
                    _live(C), C.c.tax_code.is_not(None)
                )
            ),
        ),
        _rel(
            "holds",
            "HOLDS",
            "Customer",
            "Account",
            select(H.c.customer_id, H.c.account_no, H.c.role, H.c.created_at, literal("HOLDS")).where(
                _live(H),
                _live_ref(C, "customer_id", H.c.customer_id),
                _live_ref(A, "account_no", H.c.account_no),
            ),
            ("role:string", "since:localdatetime"),
        ),
        _identifier_rels(
            "has_phone", "HAS_PHONE", "Phone", P, "phone_id", "e164", ("kind", "is_primary", "raw")
        ),
        _identifier_rels(
            "has_email", "HAS_EMAIL", "Email", E, "email_id", "normalized", ("is_primary", "raw")
        ),
        _identifier_rels(
            "lives_at", "LIVES_AT", "Address", ADR, "address_id", "normalized", ("kind", "is_primary")
        ),
        _rel(
            "opened_on",
            "OPENED_ON",
            "Account",
            "Device",
            select(A.c.account_no, A.c.opened_device_id, literal("OPENED_ON")).where(
                _live(A), _live_ref(D, "device_id", A.c.opened_device_id)
            ),
        ),
        _rel(
            "uses",
            "USES",
            "Customer",
            "Device",
            select(U.c.customer_id, U.c.device_id, *usage_aggs, literal("USES"))
            .where(*live_usage, _live_ref(D, "device_id", U.c.device_id))
            .group_by(U.c.customer_id, U.c.device_id),
            usage_headers,
        ),
        _rel(
            "uses_ip",
            "USES_IP",
            "Customer",
            "IP",
            select(U.c.customer_id, U.c.ip_address, *usage_aggs, literal("USES_IP"))
            .where(*live_usage)
            .group_by(U.c.customer_id, U.c.ip_address),
            usage_headers,
        ),
        _rel(
            "sent",
            "SENT",
            "Account",
            "Transaction",
            select(TX.c.from_account_no, TX.c.txn_id, literal("SENT")).where(
                _live(TX), _live_ref(A, "account_no", TX.c.from_account_no)
            ),
        ),
        _rel(
            "to",
            "TO",
            "Transaction",
            "Account",
            select(TX.c.txn_id, TX.c.to_account_no, literal("TO")).where(
                _live(TX), _live_ref(A, "account_no", TX.c.to_account_no)
            ),
        ),
        _rel(
            "paid",
            "PAID",
            "Transaction",
            "Merchant",
            select(TX.c.txn_id, TX.c.merchant_id, literal("PAID")).where(
                _live(TX), _live_ref(MER, "merchant_id", TX.c.merchant_id)
            ),
        ),
        _rel(
            "to_external",
            "TO_EXTERNAL",
            "Transaction",
            "ExternalAccount",
            select(TX.c.txn_id, ext_key, literal("TO_EXTERNAL")).where(_live(TX), has_ext),
        ),
        _rel(
            "from_device",
            "FROM_DEVICE",
            "Transaction",
            "Device",
            select(TX.c.txn_id, TX.c.device_id, literal("FROM_DEVICE")).where(
                _live(TX), _live_ref(D, "device_id", TX.c.device_id)
            ),
        ),
        _rel(
            "transferred_to",
            "TRANSFERRED_TO",
            "Account",
            "Account",
            select(
                TX.c.from_account_no,
                TX.c.to_account_no,
                func.count(),
                func.sum(TX.c.amount_vnd),
                func.min(TX.c.occurred_at),
                func.max(TX.c.occurred_at),
                literal("TRANSFERRED_TO"),
            )
            .where(
                _live(TX),
                TX.c.status == "completed",
                _live_ref(A, "account_no", TX.c.from_account_no),
                _live_ref(A, "account_no", TX.c.to_account_no),
            )
            .group_by(TX.c.from_account_no, TX.c.to_account_no),
            ("count:long", "total_vnd:long", "first_at:localdatetime", "last_at:localdatetime"),
        ),
        _rel(
            "has_alert",
            "HAS_ALERT",
            "Customer",
            "RiskAlert",
            select(R.c.customer_id, R.c.alert_id, literal("HAS_ALERT")).where(
                _live(R), _live_ref(C, "customer_id", R.c.customer_id)
            ),
        ),
        _rel(
            "on_transaction",
            "ON_TRANSACTION",
            "RiskAlert",
            "Transaction",
            select(R.c.alert_id, R.c.txn_id, literal("ON_TRANSACTION")).where(
                _live(R), _live_ref(TX, "txn_id", R.c.txn_id)
            ),
        ),
        _rel(
            "on_account",
            "ON_ACCOUNT",
            "RiskAlert",
            "Account",
            select(R.c.alert_id, R.c.account_no, literal("ON_ACCOUNT")).where(
                _live(R), _live_ref(A, "account_no", R.c.account_no)
            ),
        ),
    ]
