"""Where the planted groups sit among the customer indices.

The plan is decided up front from the seed: rings, households and lone fraudsters become units that
own a contiguous range of indices, spread evenly among the ordinary customers. Only the group units
are kept (a few per hundred customers); singles are the gaps between them. Keeping every customer's
index known in advance is what lets the bank be written in one streamed pass.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from c360.errors import C360Error
from relational.generator.keys import mix, salt
from relational.generator.profiles import ScaleProfile, scaled
from relational.truth import RING_SHAPES

MIN_CUSTOMERS = 100
#: CCCD serials and home IPs are bijections of the index that stay unique up to here.
MAX_CUSTOMERS = 1_000_000
_HOUSEHOLD_SIZES = (2, 3, 4, 5, 6)
_HOUSEHOLD_WEIGHTS = (30, 28, 25, 11, 6)


@dataclass(slots=True)
class Unit:
    kind: str  # single, household, ring, lone
    start: int
    size: int
    number: int = 0
    shape: str = ""
    #: ring: size of the household inside it (0: none) and that household's number.
    household_size: int = 0
    household_number: int = -1
    #: household: one member also uses the previous household's family device.
    shares_device: bool = False

    @property
    def end(self) -> int:
        return self.start + self.size


def make_plan(seed: int, customers: int, profile: ScaleProfile) -> list[Unit]:
    """The group units in index order (singles are not listed)."""
    if customers < MIN_CUSTOMERS:
        raise C360Error(
            f"--customers must be at least {MIN_CUSTOMERS}, got {customers}",
            hint="a smaller bank cannot hold one of every ring shape, household and hub",
        )
    if customers > MAX_CUSTOMERS:
        raise C360Error(
            f"--customers can be at most {MAX_CUSTOMERS:,}, got {customers:,}",
            hint="national IDs are unique by construction only up to a million customers",
        )
    rng = random.Random(mix(seed, salt("plan")))
    groups: list[Unit] = []
    n_rings = scaled(profile.rings_per_100k, customers, len(RING_SHAPES) + 1)
    with_household = max(1, round(n_rings * profile.ring_household_share))
    # Small banks get small rings so that the planted share stays realistic.
    cap = min(profile.ring_size_max, max(5, customers // 40))
    for r in range(n_rings):
        shape = RING_SHAPES[r] if r < len(RING_SHAPES) else rng.choice(RING_SHAPES)
        size = min(cap, 3 + int(rng.expovariate(1 / 4)))
        family = 0
        if r >= len(RING_SHAPES) and r < len(RING_SHAPES) + with_household:
            family = rng.choice((2, 3))
            size = max(size, family + 2)
        groups.append(Unit("ring", 0, size, number=r, shape=shape, household_size=family))
    for n in range(scaled(profile.lone_fraudsters_per_100k, customers, 1)):
        groups.append(Unit("lone", 0, 1, number=n))
    target, placed = round(profile.household_share * customers), 0
    while placed < target:
        size = rng.choices(_HOUSEHOLD_SIZES, _HOUSEHOLD_WEIGHTS)[0]
        groups.append(Unit("household", 0, size))
        placed += size
    rng.shuffle(groups)

    households = 0
    for unit in groups:  # households are numbered in index order, so "the previous one" exists
        if unit.kind == "household":
            unit.number, households = households, households + 1
        elif unit.household_size:
            unit.household_number, households = households, households + 1
    plain = [u for u in groups if u.kind == "household" and u.number > 0]
    sharing = max(1, round(len(plain) * profile.household_shared_device_share))
    for unit in rng.sample(plain, min(sharing, len(plain))):
        unit.shares_device = True

    grouped = sum(u.size for u in groups)
    if grouped > customers:
        raise C360Error(f"{customers} customers are too few for the planted groups ({grouped} members)")
    singles, start = customers - grouped, 0
    for i, unit in enumerate(groups):
        # Spread the singles evenly before each group (and leave some after the last one).
        start += singles * (i + 1) // (len(groups) + 1) - singles * i // (len(groups) + 1)
        unit.start = start
        start += unit.size
    return groups


def iter_units(groups: list[Unit], customers: int) -> Iterator[Unit]:
    """Every customer index exactly once: the planned groups and single customers between them."""
    idx = 0
    for unit in groups:
        while idx < unit.start:
            yield Unit("single", idx, 1)
            idx += 1
        yield unit
        idx = unit.end
    while idx < customers:
        yield Unit("single", idx, 1)
        idx += 1
