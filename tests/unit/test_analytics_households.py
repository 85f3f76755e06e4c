"""Household typing: families are households, rings stay rings (no I/O)."""

from __future__ import annotations

from datetime import date

from analytics.households import family_reasons, surname, type_group
from analytics.model import Profile


def person(
    cid: str, name: str, born: int, homes: tuple[str, ...] = (), joint: tuple[str, ...] = ()
) -> Profile:
    return Profile(cid, surname(name), date(born, 5, 1), frozenset(homes), frozenset(joint))


FAMILY = {
    "h": person("h", "Nguyễn Văn An", 1975, ("home-1",), ("w",)),
    "w": person("w", "Trần Thị Bình", 1978, ("home-1",), ("h",)),  # keeps her own family name
    "c": person("c", "Nguyễn Minh Chi", 2004, ("home-1",)),
}


def test_surname_is_the_first_word_of_a_vietnamese_name() -> None:
    assert surname("Nguyễn Văn An") == "nguyễn"


def test_a_wife_with_her_own_surname_is_tied_by_the_joint_account() -> None:
    assert "joint_account" in family_reasons(FAMILY["h"], FAMILY["w"])
    assert "surname" not in family_reasons(FAMILY["h"], FAMILY["w"])


def test_a_family_sharing_a_home_is_a_household_not_a_ring() -> None:
    typed = type_group(frozenset(FAMILY), FAMILY, min_ring_size=3)
    assert not typed.is_ring
    assert [members for members, _ in typed.households] == [frozenset(FAMILY)]


def test_two_households_sharing_a_tablet_are_two_households_and_no_ring() -> None:
    neighbours = {
        "x": person("x", "Lê Văn Xuân", 1960, ("home-2",)),
        "y": person("y", "Lê Thị Yến", 1990, ("home-2",)),
    }
    profiles = {**FAMILY, **neighbours}
    typed = type_group(frozenset(profiles), profiles, min_ring_size=3)
    assert not typed.is_ring
    assert sorted(sorted(m) for m, _ in typed.households) == [["c", "h", "w"], ["x", "y"]]


def test_a_ring_containing_a_household_stays_a_ring() -> None:
    strangers = {
        "r1": person("r1", "Phạm Văn Dũng", 1990, ("home-8",)),
        "r2": person("r2", "Vũ Thị Hà", 1970, ("home-9",)),
    }
    profiles = {**FAMILY, **strangers}
    typed = type_group(frozenset(profiles), profiles, min_ring_size=3)
    assert typed.is_ring
    assert [m for m, _ in typed.households] == [frozenset(FAMILY)]


def test_ring_members_borrowing_an_address_as_mailing_address_are_no_household() -> None:
    # Mailing addresses are not homes: the profiles carry only the members' own homes.
    profiles = {
        "a": person("a", "Đỗ Văn An", 1980, ("home-a",)),
        "b": person("b", "Bùi Văn Bình", 1981, ("home-b",)),
        "c": person("c", "Đặng Văn Chi", 1982, ("home-c",)),
    }
    typed = type_group(frozenset(profiles), profiles, min_ring_size=3)
    assert typed.is_ring and typed.households == []


def test_two_strangers_are_too_few_for_a_ring() -> None:
    profiles = {"a": person("a", "Đỗ Văn An", 1980), "b": person("b", "Bùi Văn Bình", 1981)}
    assert not type_group(frozenset(profiles), profiles, min_ring_size=3).is_ring
