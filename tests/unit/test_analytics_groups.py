"""Hub suppression, components and splitting over hand-made identifier graphs (no I/O)."""

from __future__ import annotations

import random

from analytics import components, hubs, splitting
from analytics.model import SharedIdentifier


def ident(kind: str, key: str, *members: str) -> SharedIdentifier:
    return SharedIdentifier(kind, key, tuple(sorted(members)))


SEED = 5


def ring(prefix: str, size: int) -> list[SharedIdentifier]:
    """A chain ring as the generator plants it: each member borrows the previous one's phone, and
    a random 60 % (seeded) opened accounts on one device."""
    rng = random.Random(f"{SEED}-{prefix}")
    print(f"ring {prefix}: seed {SEED}")
    people = [f"{prefix}{i:02d}" for i in range(size)]
    chain = [ident("phone", f"{prefix}-p{i}", people[i], people[i + 1]) for i in range(size - 1)]
    return [*chain, ident("device", f"{prefix}-burst", *rng.sample(people, max(2, round(size * 0.6))))]


def histogram(shared: list[SharedIdentifier], own: int) -> dict[int, int]:
    """Degrees of `shared` plus `own` identifiers of one customer each (their own phones...)."""
    out = {1: own}
    for s in shared:
        out[s.degree] = out.get(s.degree, 0) + 1
    return out


def test_hub_limit_is_the_floor_when_few_identifiers_are_shared() -> None:
    assert hubs.hub_limit({1: 5000, 2: 900, 3: 90, 200: 5}, floor=12, percentile=99.0) == 12


def test_hub_limit_rises_to_the_percentile_when_big_groups_are_common() -> None:
    assert hubs.hub_limit({1: 50, 30: 50}, floor=12, percentile=90.0) == 30


def test_hub_limit_of_no_identifier_is_the_floor() -> None:
    assert hubs.hub_limit({}, floor=12, percentile=99.0) == 12


def test_shared_kiosk_device_does_not_merge_two_rings() -> None:
    kiosk = ident("device", "kiosk", *(f"K{i:03d}" for i in range(40)), "A00", "B00")
    shared = [*ring("A", 5), *ring("B", 5), kiosk]
    linking, found = hubs.split_hubs(shared, hubs.hub_limit(histogram(shared, own=300), 12, 99.0))
    groups = components.customer_groups(linking)
    assert [h.key for h in found] == ["kiosk"]
    assert sorted(sorted(g) for g in groups) == [
        [f"A{i:02d}" for i in range(5)],
        [f"B{i:02d}" for i in range(5)],
    ]


def test_components_join_customers_through_any_chain_of_identifiers_and_drop_loners() -> None:
    shared = [ident("phone", "p1", "a", "b"), ident("email", "e1", "b", "c"), ident("ip", "x", "d", "e")]
    assert components.customer_groups(shared) == [frozenset("abc"), frozenset("de")]


def test_one_weak_link_does_not_merge_two_rings() -> None:
    a, b = ring("A", 25), ring("B", 25)
    # One e-mail shared by a member of each ring (both well inside their own ring).
    weak = ident("email", "shared-once", a[-1].members[0], b[-1].members[0])
    shared = [*a, *b, weak]
    groups = components.customer_groups(shared)
    assert len(groups) == 1, "the weak link makes one component"
    parts = splitting.split_oversized(groups, shared, split_above=40, min_size=3, seed=360)
    assert sorted(sorted(p) for p in parts) == [
        [f"A{i:02d}" for i in range(25)],
        [f"B{i:02d}" for i in range(25)],
    ]


def test_a_long_chain_ring_under_the_split_size_is_kept_whole() -> None:
    shared = ring("C", 30)
    groups = components.customer_groups(shared)
    assert splitting.split_oversized(groups, shared, split_above=40, min_size=3, seed=360) == groups


def test_rarer_identifiers_weigh_more() -> None:
    assert splitting.rarity(2) > splitting.rarity(12) > 0
