"""A ring's score (0-100) and its evidence in words.

Five signals, each capped so no single one can carry a ring alone:
ties (25) shared identifiers, 3 or more count in full; money (25) 10 for any transfer between
members plus 15 when money goes round a cycle; burst (25) accounts opened on one device within the
window, 4 or more in full; untrusted devices (10) members on untrusted devices, 3 or more in full;
alerts (15) existing risk alerts, 3 or more in full.
"""

from __future__ import annotations

from typing import Any

from analytics.model import FraudRing

WEIGHTS = {"ties": 25.0, "money": 25.0, "burst": 25.0, "untrusted": 10.0, "alerts": 15.0}


def parts(evidence: dict[str, Any]) -> dict[str, float]:
    """Each signal's points. O(size of the evidence)."""
    money = evidence["money"]
    burst = max((b["accounts"] for b in evidence["bursts"]), default=0)
    on_untrusted = max((u["members"] for u in evidence["untrusted_devices"]), default=0)
    alerts = sum(evidence["alerts"].values())
    return {
        "ties": WEIGHTS["ties"] * min(1.0, len(evidence["identifiers"]) / 3),
        "money": (10.0 if money["transfers"] else 0.0) + (15.0 if money["cycles"] else 0.0),
        "burst": WEIGHTS["burst"] * min(1.0, max(0, burst - 1) / 3),
        "untrusted": WEIGHTS["untrusted"] * min(1.0, on_untrusted / 3),
        "alerts": WEIGHTS["alerts"] * min(1.0, alerts / 3),
    }


def score(ring: FraudRing) -> float:
    return round(sum(parts(ring.evidence).values()), 1)


def _vnd(amount: int) -> str:
    return f"{amount:,} VND"


def explain(ev: dict[str, Any]) -> list[str]:
    """The evidence as sentences, strongest first."""
    lines = []
    for ident in ev["identifiers"][:8]:
        lines.append(f"{ident['members']} members share {ident['kind']} {ident['key']}")
    if len(ev["identifiers"]) > 8:
        lines.append(f"... and {len(ev['identifiers']) - 8} more shared identifiers")
    money = ev["money"]
    if money["transfers"]:
        cyc = (
            f", {money['cycles']} cycle(s) over {money['accounts_in_cycles']} accounts"
            if money["cycles"]
            else ""
        )
        lines.append(f"{money['transfers']} transfers between members, {_vnd(money['total_vnd'])}{cyc}")
    for b in ev["bursts"][:3]:
        lines.append(
            f"{b['accounts']} accounts by {b['members']} member(s) opened on device {b['device']} "
            f"within {b['span_hours']} h from {b['first_at']}"
        )
    for u in ev["untrusted_devices"][:3]:
        lines.append(f"{u['members']} member(s) use untrusted device {u['device']}")
    if ev["alerts"]:
        lines.append("risk alerts: " + ", ".join(f"{n} {rule}" for rule, n in ev["alerts"].items()))
    if ev["households"]:
        lines.append("contains household(s) " + ", ".join(ev["households"]))
    return lines
