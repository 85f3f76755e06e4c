"""Analysts' decisions, and what they mean for the next run.

A dismissed ring whose membership is unchanged is not raised again; a dismissed ring that has
changed is reopened with what changed. A confirmed ring stays confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Decision:
    ring_id: str
    decision: str  # confirmed | dismissed
    note: str
    decided_by: str
    decided_at: datetime
    members: frozenset[str]


def status(members: frozenset[str], decision: Decision | None) -> tuple[str, str]:
    """(status, why) of a ring with `members` given its latest decision. O(members)."""
    if decision is None:
        return "open", ""
    if decision.decision == "confirmed":
        return "confirmed", f"confirmed by {decision.decided_by} at {decision.decided_at:%Y-%m-%d %H:%M}"
    if members == decision.members:
        return "dismissed", f"dismissed by {decision.decided_by} at {decision.decided_at:%Y-%m-%d %H:%M}"
    added, removed = sorted(members - decision.members), sorted(decision.members - members)
    parts = []
    if added:
        parts.append("joined: " + ", ".join(added))
    if removed:
        parts.append("left: " + ", ".join(removed))
    return "reopened", f"changed since dismissed by {decision.decided_by}: " + "; ".join(parts)


def is_raised(ring_status: str) -> bool:
    """Whether a ring goes on the analysts' list: everything but an unchanged dismissal."""
    return ring_status != "dismissed"
