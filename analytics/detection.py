"""From components to rings and households: split, type, and gather the ties.

Shared by both engines, so that "same components in, same rings out" holds by construction and
the differential test can compare the engines on what they really compute.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import neo4j

import cypher
from analytics import households as typing_
from analytics import splitting
from analytics.model import FraudRing, Household, Identifier, Profile, SharedIdentifier


@dataclass(frozen=True, slots=True)
class Params:
    hub_floor: int = 20
    hub_percentile: float = 99.9
    split_above: int = 40
    min_ring_size: int = 3
    seed: int = 360


@dataclass(slots=True)
class Detected:
    rings: list[FraudRing]
    households: list[Household]


#: Customers per profile read, and reads at once: the server works on several batches side by side.
_PROFILE_BATCH = 10_000
_PROFILE_READERS = 2


def _profiles(driver: neo4j.Driver, database: str, ids: list[str]) -> list[Profile]:
    records, _, _ = driver.execute_query(
        cypher.text("analytics/customer_profiles"), ids=ids, database_=database,
        routing_=neo4j.RoutingControl.READ,
    )  # fmt: skip
    out = []
    for r in records:
        dob = r["date_of_birth"]
        out.append(
            Profile(
                r["customer_id"],
                typing_.surname(r["full_name"] or ""),
                dob.to_native() if hasattr(dob, "to_native") else dob,
                frozenset(r["homes"]),
                frozenset(r["joint_with"]),
            )
        )
    return out


def fetch_profiles(driver: neo4j.Driver, database: str, ids: list[str]) -> dict[str, Profile]:
    """Names, birth dates, home addresses and joint holders of `ids`, in batches of 10k, two
    batches at a time."""
    batches = [ids[start : start + _PROFILE_BATCH] for start in range(0, len(ids), _PROFILE_BATCH)]
    with ThreadPoolExecutor(_PROFILE_READERS) as pool:
        return {
            p.customer_id: p
            for part in pool.map(lambda b: _profiles(driver, database, b), batches)
            for p in part
        }


def classify(
    groups: Sequence[frozenset[str]],
    shared: Sequence[SharedIdentifier],
    profiles: Mapping[str, Profile],
    params: Params,
) -> Detected:
    """Split oversized groups, type each part, and name rings and households provisionally
    (stable IDs come later). O(links + sum of k^2) over parts of size k."""
    parts = splitting.split_oversized(groups, shared, params.split_above, params.min_ring_size, params.seed)
    users: dict[str, list[SharedIdentifier]] = {}
    for ident in shared:
        for m in ident.members:
            users.setdefault(m, []).append(ident)
    rings: list[FraudRing] = []
    found: list[Household] = []
    for part in parts:
        typed = typing_.type_group(part, profiles, params.min_ring_size)
        ring_id = f"ring-{len(rings) + 1}" if typed.is_ring else None
        hh_ids = []
        for members, ties in typed.households:
            hid = f"household-{len(found) + 1}"
            hh_ids.append(hid)
            found.append(Household(hid, members, ties[0].address, ties, ring_id=ring_id))
        if ring_id is None:
            continue
        idents: dict[Identifier, frozenset[str]] = {}
        for m in sorted(part):
            for ident in users.get(m, []):
                inside = frozenset(ident.members) & part
                if len(inside) >= 2:
                    idents[(ident.kind, ident.key)] = inside
        rings.append(FraudRing(ring_id, part, idents, household_ids=hh_ids))
    return Detected(rings, found)
