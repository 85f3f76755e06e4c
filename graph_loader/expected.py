"""What the graph must hold, counted in the relational source by the projection's rules
(see `graph_loader.sources`): nodes for live rows, relationships for live rows between live ends,
identifier nodes for values someone live links to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, Table, exists, func, literal, select, union

from relational import models as m

C = m.Base.metadata.tables[m.Customer.__tablename__]
A = m.Base.metadata.tables[m.Account.__tablename__]
D = m.Base.metadata.tables[m.Device.__tablename__]
MER = m.Base.metadata.tables[m.Merchant.__tablename__]
H = m.Base.metadata.tables[m.AccountHolder.__tablename__]
P = m.Base.metadata.tables[m.Phone.__tablename__]
E = m.Base.metadata.tables[m.Email.__tablename__]
ADR = m.Base.metadata.tables[m.Address.__tablename__]
U = m.Base.metadata.tables[m.DeviceUsage.__tablename__]
T = m.Base.metadata.tables[m.Transaction.__tablename__]
R = m.Base.metadata.tables[m.RiskAlert.__tablename__]


def _live(t: Table) -> ColumnElement[bool]:
    return t.c.deleted_at.is_(None)


def _live_ref(parent: Table, key: str, ref: ColumnElement[str]) -> ColumnElement[bool]:
    return exists().where(parent.c[key] == ref, _live(parent))


def _rows(t: Table, *where: ColumnElement[bool]) -> Select[Any]:
    return select(func.count()).select_from(t).where(_live(t), *where)


def _distinct(*cols: ColumnElement[object], where: list[ColumnElement[bool]]) -> Select[Any]:
    inner = select(*cols).where(*where).distinct().subquery()
    return select(func.count()).select_from(inner)


def _live_customer(t: Table) -> ColumnElement[bool]:
    return _live_ref(C, "customer_id", t.c.customer_id)


def node_counts() -> dict[str, Select[Any]]:
    ids = union(
        select(C.c.national_id.label("v")).where(_live(C), C.c.national_id.is_not(None)),
        select(C.c.tax_code.label("v")).where(_live(C), C.c.tax_code.is_not(None)),
    ).subquery()
    external = func.coalesce(T.c.counterparty_bank, literal("?"))
    return {
        "Customer": _rows(C),
        "Account": _rows(A),
        "Device": _rows(D),
        "Merchant": _rows(MER),
        "Transaction": _rows(T),
        "RiskAlert": _rows(R),
        "Phone": _distinct(P.c.e164, where=[_live(P), _live_customer(P)]),
        "Email": _distinct(E.c.normalized, where=[_live(E), _live_customer(E)]),
        "Address": _distinct(ADR.c.normalized, where=[_live(ADR), _live_customer(ADR)]),
        "NationalId": select(func.count()).select_from(ids),
        "IP": _distinct(U.c.ip_address, where=[_live(U), _live_customer(U)]),
        "ExternalAccount": _distinct(
            external, T.c.counterparty_account, where=[_live(T), T.c.counterparty_account.is_not(None)]
        ),
    }


def relationship_counts() -> dict[str, Select[Any]]:
    live_account = _live_ref(A, "account_no", H.c.account_no)
    return {
        "HOLDS": _rows(H, _live_customer(H), live_account),
        "HAS_PHONE": _rows(P, _live_customer(P)),
        "HAS_EMAIL": _rows(E, _live_customer(E)),
        "LIVES_AT": _rows(ADR, _live_customer(ADR)),
        "HAS_ID": select(
            func.count(C.c.national_id) + func.count(C.c.tax_code)
        ).where(_live(C)),
        "USES": _distinct(
            U.c.customer_id, U.c.device_id,
            where=[_live(U), _live_customer(U), _live_ref(D, "device_id", U.c.device_id)],
        ),
        "USES_IP": _distinct(U.c.customer_id, U.c.ip_address, where=[_live(U), _live_customer(U)]),
        "OPENED_ON": _rows(A, _live_ref(D, "device_id", A.c.opened_device_id)),
        "SENT": _rows(T, _live_ref(A, "account_no", T.c.from_account_no)),
        "TO": _rows(T, _live_ref(A, "account_no", T.c.to_account_no)),
        "PAID": _rows(T, _live_ref(MER, "merchant_id", T.c.merchant_id)),
        "TO_EXTERNAL": _rows(T, T.c.counterparty_account.is_not(None)),
        "FROM_DEVICE": _rows(T, _live_ref(D, "device_id", T.c.device_id)),
        "TRANSFERRED_TO": _distinct(
            T.c.from_account_no, T.c.to_account_no,
            where=[
                _live(T), T.c.status == "completed",
                _live_ref(A, "account_no", T.c.from_account_no),
                _live_ref(A, "account_no", T.c.to_account_no),
            ],
        ),
        "HAS_ALERT": _rows(R, _live_customer(R)),
        "ON_TRANSACTION": _rows(R, _live_ref(T, "txn_id", R.c.txn_id)),
        "ON_ACCOUNT": _rows(R, _live_ref(A, "account_no", R.c.account_no)),
    }  # fmt: skip


def count_all(conn: Connection) -> tuple[dict[str, int], dict[str, int]]:
    nodes = {k: int(conn.execute(q).scalar_one()) for k, q in node_counts().items()}
    rels = {k: int(conn.execute(q).scalar_one()) for k, q in relationship_counts().items()}
    return nodes, rels
