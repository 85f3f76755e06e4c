"""Hub suppression: an identifier shared by very many customers (a branch kiosk, public Wi-Fi,
the placeholder phone, an employer's domain) does not link them; it is reported as a hub.

The limit is data-driven: the `percentile` of the degrees of all identifiers (used by one
customer or many), but never below `floor`. The floor (12 by default; Neo4j's P2P demo and
Microsoft's Intelligence Toolkit cut at 10) sits above the biggest family and typical ring ties.
A very big ring's onboarding device (more than 12 mules) is then reported as a hub, but the ring
stays connected through the identifiers its members borrowed from each other. The percentile lets
the limit rise in a bank where big legitimate groups are common.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from analytics.model import Hub, SharedIdentifier


def hub_limit(histogram: Mapping[int, int], floor: int, percentile: float) -> int:
    """max(floor, nearest-rank percentile of identifier degrees) from {degree: identifiers}.

    Nearest rank: the smallest degree with at least `percentile` % of all identifiers at or below
    it; the in-database engine computes the same in Cypher. O(d log d) for d distinct degrees.
    Identifiers of one customer count: without them a bank with few shared identifiers would
    have its hubs inside the top percent and the limit would climb to the hubs themselves.
    """
    total = sum(histogram.values())
    if not total:
        return floor
    rank = max(1, math.ceil(percentile / 100 * total))
    seen = 0
    for degree in sorted(histogram):
        seen += histogram[degree]
        if seen >= rank:
            return max(floor, degree)
    return floor  # unreachable: seen ends at total >= rank


def split_hubs(shared: Sequence[SharedIdentifier], limit: int) -> tuple[list[SharedIdentifier], list[Hub]]:
    """(identifiers that link, hubs), hubs sorted by degree, largest first. O(n)."""
    linking = [s for s in shared if s.degree <= limit]
    hubs = [Hub(s.kind, s.key, s.degree) for s in shared if s.degree > limit]
    hubs.sort(key=lambda h: (-h.degree, h.kind, h.key))
    return linking, hubs
