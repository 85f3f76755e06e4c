"""Household typing: which customers of a group are a family, and is the group a ring at all.

Two customers are tied as family when they share a *home* address (a ring borrows addresses as
mailing addresses, a family lives there) and at least one family reason holds: the same family
name (children take the father's), a joint account (spouses keep their own names), or ages that
fit spouses (within 15 years) or a parent and child (16-50 years apart). Households are the
connected groups of such ties.

A group whose members all belong to households is families linked to each other (neighbours
sharing a tablet): households, not a ring. A group with members outside any household is a ring,
even when a household sits inside it: being family does not excuse a ring.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import networkx as nx

from analytics.model import Profile, Tie

_SPOUSE_GAP = 15
_GENERATION_GAP = (16, 50)


@dataclass(frozen=True, slots=True)
class Typed:
    """One group after typing: the households inside it and whether it is a ring."""

    members: frozenset[str]
    households: list[tuple[frozenset[str], list[Tie]]]
    is_ring: bool


def surname(full_name: str) -> str:
    """The family name: the first word of a Vietnamese "Surname Middle Given" name."""
    words = full_name.split()
    return words[0].casefold() if words else ""


def _years(a: date | None, b: date | None) -> float | None:
    if a is None or b is None:
        return None
    return abs((a - b).days) / 365.25


def family_reasons(a: Profile, b: Profile) -> tuple[str, ...]:
    """Why two people sharing a home are family; empty if nothing says so. O(1)."""
    reasons = []
    if a.surname and a.surname == b.surname:
        reasons.append("surname")
    if b.customer_id in a.joint_with or a.customer_id in b.joint_with:
        reasons.append("joint_account")
    gap = _years(a.date_of_birth, b.date_of_birth)
    if gap is not None and (gap <= _SPOUSE_GAP or _GENERATION_GAP[0] <= gap <= _GENERATION_GAP[1]):
        reasons.append("ages")
    return tuple(reasons)


def family_ties(members: Sequence[str], profiles: Mapping[str, Profile]) -> list[Tie]:
    """Family ties among `members`. O(sum of k^2) over homes shared by k members."""
    by_home: dict[str, list[str]] = defaultdict(list)
    for cid in sorted(members):
        profile = profiles.get(cid)
        if profile is not None:
            for home in profile.home_addresses:
                by_home[home].append(cid)
    ties: dict[tuple[str, str], Tie] = {}
    for home, people in sorted(by_home.items()):
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                reasons = family_reasons(profiles[a], profiles[b])
                if reasons and (a, b) not in ties:
                    ties[(a, b)] = Tie(a, b, home, reasons)
    return list(ties.values())


def type_group(members: frozenset[str], profiles: Mapping[str, Profile], min_ring_size: int) -> Typed:
    """Households inside a group, and whether what is left makes it a ring. O(k^2) worst case."""
    ties = family_ties(sorted(members), profiles)
    graph: nx.Graph = nx.Graph()
    graph.add_edges_from((t.a, t.b) for t in ties)
    households = []
    in_household: set[str] = set()
    for comp in sorted(nx.connected_components(graph), key=lambda c: min(c)):
        fam = frozenset(comp)
        households.append((fam, [t for t in ties if t.a in fam]))
        in_household |= fam
    outsiders = members - in_household
    is_ring = bool(outsiders) and len(members) >= min_ring_size
    return Typed(members, households, is_ring)
