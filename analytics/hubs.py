"""Hub suppression: an identifier shared by very many customers (a branch kiosk, public Wi-Fi,
the placeholder phone, an employer's domain) does not link them; it is reported as a hub.

The limit is data-driven: the `percentile` of the degrees of all shared identifiers, but never
below `floor`. The floor is what keeps a big but real ring's onboarding device (up to ~20 mules)
linking; the percentile lets the limit rise in a bank where big legitimate groups are common.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from analytics.model import Hub, SharedIdentifier


def hub_limit(degrees: Sequence[int], floor: int, percentile: float) -> int:
    """max(floor, nearest-rank percentile of `degrees`). O(n log n) for n shared identifiers.

    Nearest rank (the smallest degree with at least `percentile` % of the values at or below
    it) is also what Cypher's `percentileDisc` returns, so both engines agree exactly.
    """
    if not degrees:
        return floor
    ordered = sorted(degrees)
    rank = max(1, math.ceil(percentile / 100 * len(ordered)))
    return max(floor, ordered[rank - 1])


def split_hubs(shared: Sequence[SharedIdentifier], limit: int) -> tuple[list[SharedIdentifier], list[Hub]]:
    """(identifiers that link, hubs), hubs sorted by degree, largest first. O(n)."""
    linking = [s for s in shared if s.degree <= limit]
    hubs = [Hub(s.kind, s.key, s.degree) for s in shared if s.degree > limit]
    hubs.sort(key=lambda h: (-h.degree, h.kind, h.key))
    return linking, hubs
