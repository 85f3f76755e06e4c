"""Aggregates the graph keeps, recomputed from the source for whatever a batch touched.

Recomputing (instead of adding a batch's figures to what the graph has) makes every write
idempotent: a replayed batch after a crash sets the same numbers again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from graph_loader.convert import iso, value
from relational.models import Base, DeviceUsage, Transaction

Row = Mapping[str, Any]
Statement = tuple[str, dict[str, Any]]
#: Bound parameters per IN list: well under SQLite's limit of 32766.
_CHUNK = 5000


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def device_usage(conn: Connection, rows: Sequence[Row]) -> list[Statement]:
    """USES (customer, device) and USES_IP (customer, ip), from every live usage row of the
    customers this batch touched."""
    customers = sorted({r["customer_id"] for r in rows})
    touched_devices = {(r["customer_id"], r["device_id"]) for r in rows}
    touched_ips = {(r["customer_id"], r["ip_address"]) for r in rows}
    u = Base.metadata.tables[DeviceUsage.__tablename__].c
    uses: list[dict[str, Any]] = []
    ips: list[dict[str, Any]] = []
    for chunk in _chunks(customers):
        live = (u.deleted_at.is_(None), u.customer_id.in_(chunk))
        for key, target in ((u.device_id, uses), (u.ip_address, ips)):
            stmt = (
                select(
                    u.customer_id,
                    key,
                    func.min(u.first_seen_at),
                    func.max(u.last_seen_at),
                    func.sum(u.login_count),
                )
                .where(*live)
                .group_by(u.customer_id, key)
            )
            for cid, k, first, last, logins in conn.execute(stmt):
                target.append(
                    {
                        "customer_id": cid,
                        "key": k,
                        "first_seen": first,
                        "last_seen": last,
                        "logins": int(logins),
                    }
                )
    live_devices = {(x["customer_id"], x["key"]) for x in uses}
    live_ips = {(x["customer_id"], x["key"]) for x in ips}
    return [
        (
            "load/delete_device_uses",
            {"keys": [{"customer_id": c, "device_id": d} for c, d in sorted(touched_devices - live_devices)]},
        ),
        (
            "load/delete_ip_uses",
            {"keys": [{"customer_id": c, "ip": i} for c, i in sorted(touched_ips - live_ips)]},
        ),
        ("load/upsert_device_uses", {"rows": [{**_drop_key(x), "device_id": x["key"]} for x in uses]}),
        ("load/upsert_ip_uses", {"rows": [{**_drop_key(x), "ip": x["key"]} for x in ips]}),
    ]


def _drop_key(x: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in x.items() if k != "key"}


def _transfer_summary(*where: Any) -> Any:
    """Completed live transfers per (sender, receiver): count, total, first and last."""
    t = Base.metadata.tables[Transaction.__tablename__].c
    return (
        select(t.from_account_no, t.to_account_no, func.count(), func.sum(t.amount_vnd),
               func.min(t.occurred_at), func.max(t.occurred_at))
        .where(t.deleted_at.is_(None), t.status == "completed", t.to_account_no.is_not(None), *where)
        .group_by(t.from_account_no, t.to_account_no)
    )  # fmt: skip


def _transfer_rows(part: Sequence[Any]) -> list[dict[str, Any]]:
    return [
        {"src": s, "dst": d, "count": int(n), "total_vnd": value(total), "first_at": f, "last_at": last}
        for s, d, n, total, f, last in part
    ]


def transfers(conn: Connection, rows: Sequence[Row]) -> list[Statement]:
    """TRANSFERRED_TO between our own accounts, for the senders this batch touched."""
    touched = {(r["from_account_no"], r["to_account_no"]) for r in rows if r["to_account_no"]}
    senders = sorted({src for src, _dst in touched})
    sender = Base.metadata.tables[Transaction.__tablename__].c.from_account_no
    summary: list[dict[str, Any]] = []
    for chunk in _chunks(senders):
        summary.extend(_transfer_rows(list(conn.execute(_transfer_summary(sender.in_(chunk))))))
    live = {(x["src"], x["dst"]) for x in summary}
    gone = [{"src": s, "dst": d} for s, d in sorted(touched - live)]
    return [("load/delete_transfers", {"keys": gone}), ("load/upsert_transfers", {"rows": summary})]


def _stream(conn: Connection, stmt: Any, size: int) -> Iterator[Sequence[Any]]:
    yield from conn.execution_options(stream_results=True, yield_per=size).execute(stmt).partitions()


def all_device_usage(conn: Connection, size: int) -> Iterator[list[Statement]]:
    """Every USES and USES_IP at once, for the first load into an empty graph: one grouped pass
    instead of one per page, each pair once, so the insert_* statements CREATE the links. Times
    go as ISO text (`convert.temporal_as_text` says why)."""
    u = Base.metadata.tables[DeviceUsage.__tablename__].c
    aggs = (func.min(u.first_seen_at), func.max(u.last_seen_at), func.sum(u.login_count))
    for key, cypher, name in (
        (u.device_id, "load/insert_device_uses", "device_id"),
        (u.ip_address, "load/insert_ip_uses", "ip"),
    ):
        stmt = select(u.customer_id, key, *aggs).where(u.deleted_at.is_(None)).group_by(u.customer_id, key)
        for part in _stream(conn, stmt, size):
            rows = [
                {"customer_id": c, name: k, "first_seen": iso(f), "last_seen": iso(last), "logins": int(n)}
                for c, k, f, last, n in part
            ]
            yield [(cypher, {"rows": rows})]


def all_transfers(conn: Connection, size: int) -> Iterator[list[Statement]]:
    """Every TRANSFERRED_TO at once, for the first load into an empty graph (each pair once)."""
    for part in _stream(conn, _transfer_summary(), size):
        rows = [
            {**r, "first_at": iso(r["first_at"]), "last_at": iso(r["last_at"])} for r in _transfer_rows(part)
        ]
        yield [("load/insert_transfers", {"rows": rows})]
