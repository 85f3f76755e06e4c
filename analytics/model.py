"""Domain types of ring and household detection. Plain data: no SQLAlchemy, no neo4j.

Every identifier is named by `(kind, key)`: kind is one of IDENTIFIER_KINDS and key is the
node's business key (device_id, e164, e-mail address, canonical address, national ID, IP).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

IDENTIFIER_KINDS = ("device", "phone", "email", "address", "national_id", "ip")
#: What happened to a group between two runs.
CHANGE_KINDS = ("new", "unchanged", "grown", "shrunk", "changed", "merged", "split", "dissolved")
#: Analyst-facing status of a ring.
STATUSES = ("open", "confirmed", "dismissed", "reopened")

Identifier = tuple[str, str]


@dataclass(frozen=True, slots=True)
class SharedIdentifier:
    """An identifier used by two or more customers, with who uses it."""

    kind: str
    key: str
    members: tuple[str, ...]

    @property
    def degree(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class Hub:
    """A shared identifier above the hub limit: reported, never used to link customers."""

    kind: str
    key: str
    degree: int


@dataclass(frozen=True, slots=True)
class Components:
    """What an engine computes: groups of two or more customers connected through non-hub
    identifiers, the hubs it suppressed and the limit it used."""

    groups: list[frozenset[str]]
    hubs: list[Hub]
    hub_limit: int


@dataclass(frozen=True, slots=True)
class Profile:
    """What household typing needs to know about one customer."""

    customer_id: str
    surname: str
    date_of_birth: date | None
    home_addresses: frozenset[str]
    joint_with: frozenset[str]


@dataclass(frozen=True, slots=True)
class Tie:
    """Why two customers are family: the shared home and the reasons that make it a family."""

    a: str
    b: str
    address: str
    reasons: tuple[str, ...]


@dataclass(slots=True)
class Household:
    id: str
    members: frozenset[str]
    address: str
    ties: list[Tie]
    ring_id: str | None = None
    change: str = "new"
    change_detail: str = ""


@dataclass(slots=True)
class FraudRing:
    id: str
    members: frozenset[str]
    #: Identifiers tying members together: (kind, key) -> members of the ring who use it.
    identifiers: dict[Identifier, frozenset[str]]
    household_ids: list[str] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)
    score: float = 0.0
    status: str = "open"
    change: str = "new"
    change_detail: str = ""
    #: Transfers between members' accounts: (from, to, count, total_vnd).
    transfers: list[tuple[str, str, int, int]] = field(default_factory=list)
    #: Accounts of members: account_no -> customer_id.
    accounts: dict[str, str] = field(default_factory=dict)
