"""Evidence for each candidate ring, in numbers an analyst can check in Browser.

Four reads per run (accounts, transfers, untrusted devices and alerts), each for all rings at once
through `UNWIND $rings`; the rest is arithmetic here. Evidence is a JSON-ready dict.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any

import neo4j
import networkx as nx

import cypher
from analytics.model import FraudRing


def _read(driver: neo4j.Driver, database: str, name: str, rings: list[dict[str, Any]]) -> list[neo4j.Record]:
    records, _, _ = driver.execute_query(
        cypher.text(name), rings=rings, database_=database, routing_=neo4j.RoutingControl.READ
    )
    return records


def _when(value: Any) -> datetime | None:
    native = value.to_native() if hasattr(value, "to_native") else value
    return native if isinstance(native, datetime) else None


def bursts(openings: list[tuple[str, str, datetime]], window: timedelta) -> list[dict[str, Any]]:
    """Per device, the most accounts opened on it within `window` (two or more), from
    (device_id, customer_id, opened_at) rows. O(n log n)."""
    by_device: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    for device, cid, at in openings:
        by_device[device].append((at, cid))
    out: list[dict[str, Any]] = []
    for device, rows in sorted(by_device.items()):
        rows.sort()
        best: tuple[int, int] = (0, 0)
        lo = 0
        for hi in range(len(rows)):
            while rows[hi][0] - rows[lo][0] > window:
                lo += 1
            if hi - lo + 1 > best[1] - best[0]:
                best = (lo, hi + 1)
        picked = rows[best[0] : best[1]]
        if len(picked) >= 2:
            span = (picked[-1][0] - picked[0][0]).total_seconds() / 3600
            out.append({
                "device": device,
                "accounts": len(picked),
                "members": len({cid for _, cid in picked}),
                "first_at": picked[0][0].isoformat(timespec="minutes"),
                "span_hours": round(span, 1),
            })  # fmt: skip
    out.sort(key=lambda b: (-b["accounts"], b["device"]))
    return out


def money_flow(transfers: list[tuple[str, str, int, int]]) -> dict[str, Any]:
    """Counts, amounts and cycles of transfers inside a ring. Cycles are strongly connected
    groups of two or more accounts: money that comes back round. O(V + E)."""
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_edges_from((a, b) for a, b, _, _ in transfers)
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) >= 2]
    return {
        "transfers": sum(c for _, _, c, _ in transfers),
        "account_pairs": len(transfers),
        "total_vnd": sum(t for _, _, _, t in transfers),
        "cycles": len(cycles),
        "accounts_in_cycles": sum(len(c) for c in cycles),
    }


def collect(driver: neo4j.Driver, database: str, rings: list[FraudRing], burst_window: timedelta) -> None:
    """Fill `evidence`, `transfers` and `accounts` of each ring in place."""
    if not rings:
        return
    param = [{"id": r.id, "members": sorted(r.members)} for r in rings]
    by_id = {r.id: r for r in rings}
    openings: dict[str, list[tuple[str, str, datetime]]] = defaultdict(list)
    for rec in _read(driver, database, "analytics/ring_accounts", param):
        ring = by_id[rec["ring"]]
        ring.accounts[rec["account_no"]] = rec["customer_id"]
        at = _when(rec["opened_at"])
        if rec["device_id"] is not None and at is not None:
            openings[ring.id].append((rec["device_id"], rec["customer_id"], at))
    transfers: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for rec in _read(driver, database, "analytics/ring_transfers", param):
        transfers[rec["ring"]].append(
            (rec["from_account"], rec["to_account"], int(rec["count"] or 0), int(rec["total_vnd"] or 0))
        )
    untrusted: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    alerts: dict[str, Counter[str]] = defaultdict(Counter)
    for rec in _read(driver, database, "analytics/ring_signals", param):
        for device in rec["untrusted"]:
            untrusted[rec["ring"]][device].add(rec["customer_id"])
        alerts[rec["ring"]].update(rec["alerts"])
    for ring in rings:
        ring.transfers = sorted(transfers[ring.id])
        ring.evidence = {
            "members": len(ring.members),
            "identifiers": [
                {"kind": kind, "key": key, "members": len(users)}
                for (kind, key), users in sorted(
                    ring.identifiers.items(), key=lambda kv: (-len(kv[1]), kv[0])
                )
            ],
            "money": money_flow(ring.transfers),
            "bursts": bursts(openings[ring.id], burst_window),
            "untrusted_devices": [
                {"device": d, "members": len(m)} for d, m in sorted(untrusted[ring.id].items())
            ],
            "alerts": dict(sorted(alerts[ring.id].items())),
            "households": list(ring.household_ids),
        }
