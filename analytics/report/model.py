"""What a ring's picture is drawn from. Plain data."""

from __future__ import annotations

from dataclasses import dataclass

from analytics.model import Identifier


@dataclass(frozen=True, slots=True)
class RingPicture:
    members: frozenset[str]
    #: Shared identifiers inside the ring and who uses each.
    identifiers: dict[Identifier, frozenset[str]]
    #: Money between members: (from customer, to customer) -> total VND.
    money: dict[tuple[str, str], int]
