"""The generator's pure parts: the plan, exact selections, identifiers, ages. No I/O."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from c360.errors import C360Error
from relational import normalize
from relational.generator import keys, reference
from relational.generator.households import _ages, _roles
from relational.generator.people import make_home, raw_phone
from relational.generator.plan import MAX_CUSTOMERS, MIN_CUSTOMERS, iter_units, make_plan
from relational.generator.profiles import PROFILES, get_profile
from relational.truth import RING_SHAPES

SEED = 20260101


@pytest.mark.parametrize("customers", [100, 257, 5_000])
def test_the_plan_covers_every_customer_index_exactly_once(customers: int) -> None:
    units = list(iter_units(make_plan(SEED, customers, PROFILES["default"]), customers))
    covered = [i for u in units for i in range(u.start, u.end)]
    assert covered == list(range(customers))


def test_a_small_bank_still_gets_every_ring_shape_and_a_ring_with_a_household() -> None:
    groups = make_plan(SEED, 200, PROFILES["default"])
    rings = [u for u in groups if u.kind == "ring"]
    assert {u.shape for u in rings} == set(RING_SHAPES)
    assert any(u.household_size for u in rings)
    assert all(3 <= u.size <= 30 for u in rings)
    assert any(u.kind == "lone" for u in groups)
    assert any(u.shares_device for u in groups)


def test_planted_counts_grow_with_the_bank() -> None:
    small = Counter(u.kind for u in make_plan(SEED, 1_000, PROFILES["default"]))
    big = Counter(u.kind for u in make_plan(SEED, 100_000, PROFILES["default"]))
    assert big["ring"] == 40 and small["ring"] == len(RING_SHAPES) + 1
    assert big["household"] > 50 * small["household"]


def test_too_few_or_too_many_customers_is_an_error_that_says_the_limit() -> None:
    with pytest.raises(C360Error, match=str(MIN_CUSTOMERS)):
        make_plan(SEED, MIN_CUSTOMERS - 1, PROFILES["default"])
    with pytest.raises(C360Error, match="1,000,000"):
        make_plan(SEED, MAX_CUSTOMERS + 1, PROFILES["default"])


def test_an_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(C360Error) as info:
        get_profile("huge")
    assert info.value.hint is not None and "default" in info.value.hint


@pytest.mark.parametrize(("n", "k"), [(200, 15), (1_000, 1), (300_007, 6_000)])
def test_a_selection_picks_exactly_k_indices(n: int, k: int) -> None:
    selection = keys.Selection(n, k, SEED, "kiosk_device")
    ranks = [r for i in range(n) if (r := selection.rank(i)) is not None]
    assert sorted(ranks) == list(range(k))


def test_a_cccd_starts_with_the_province_code_and_encodes_gender_and_century() -> None:
    from datetime import date

    assert keys.cccd("079", "F", date(1990, 5, 1), 12, SEED)[:6] == "079190"
    assert keys.cccd("001", "M", date(2003, 5, 1), 12, SEED)[:6] == "001203"
    ids = {keys.cccd("079", "F", date(1990, 5, 1), i, SEED) for i in range(10_000)}
    assert len(ids) == 10_000 and all(len(i) == 12 and i.isdigit() for i in ids)


def test_every_raw_phone_format_normalizes_to_the_same_e164() -> None:
    rng = random.Random(SEED)
    national = keys.mobile_phone_digits(4242, SEED)
    assert {normalize.phone_e164(raw_phone(rng, national)) for _ in range(60)} == {f"+84{national}"}


def test_both_spellings_of_a_home_normalize_to_one_address() -> None:
    rng = random.Random(SEED)
    for idx, (province, _code) in enumerate(reference.PROVINCES):
        home = make_home(rng, idx, province)
        assert normalize.address_canonical(home.short) == normalize.address_canonical(home.full)


@pytest.mark.parametrize("size", [2, 3, 4, 5, 6])
def test_household_ages_are_plausible(size: int) -> None:
    rng = random.Random(SEED + size)
    for _ in range(500):
        roles = _roles(rng, size)
        all_ages = _ages(rng, roles)
        parents = [a for r, a in zip(roles, all_ages, strict=True) if r in ("head", "spouse")]
        if "spouse" in roles:
            assert abs(parents[0] - parents[1]) <= 10
        for role, age in zip(roles, all_ages, strict=True):
            if role == "child":
                assert age >= 16
                assert all(18 <= p - age <= 45 for p in parents)
        assert all_ages[0] >= 24


def test_phones_and_house_numbers_never_collide_between_customers() -> None:
    n = 60_000
    assert len({keys.mobile_phone_digits(i, SEED) for i in range(n)}) == n
    assert len({keys.scatter(i, SEED) for i in range(n)}) == n
    assert keys.scatter(n - 1, SEED) < 1_000_003 and keys.home_ip(0) != keys.home_ip(1)
