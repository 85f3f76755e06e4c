"""Stable IDs and change tracking between runs, and what decisions do to a ring (no I/O)."""

from __future__ import annotations

from datetime import datetime
from itertools import count

from analytics.decisions import Decision, is_raised, status
from analytics.stable_ids import assign


def minter() -> object:
    numbers = count(100)
    return lambda: f"FR-{next(numbers):06d}"


def g(*members: str) -> frozenset[str]:
    return frozenset(members)


def test_adding_one_member_keeps_the_ring_id_and_reports_grown() -> None:
    changes = assign({"FR-1": g("a", "b", "c", "d", "e")}, [g("a", "b", "c", "d", "e", "f")], 0.5, minter())  # type: ignore[arg-type]
    assert [(a.id, a.change, a.detail) for a in changes.assigned] == [("FR-1", "grown", "+1 member(s)")]


def test_an_unchanged_ring_keeps_its_id_and_a_new_one_gets_a_fresh_id() -> None:
    changes = assign({"FR-1": g("a", "b", "c")}, [g("a", "b", "c"), g("x", "y", "z")], 0.5, minter())  # type: ignore[arg-type]
    assert [(a.id, a.change) for a in changes.assigned] == [("FR-1", "unchanged"), ("FR-000100", "new")]
    assert changes.counts() == {"new": 1, "unchanged": 1}


def test_a_ring_that_is_gone_is_dissolved() -> None:
    changes = assign({"FR-1": g("a", "b", "c")}, [], 0.5, minter())  # type: ignore[arg-type]
    assert changes.retired == [("FR-1", "dissolved", "")]
    assert changes.counts() == {"dissolved": 1}


def test_two_rings_joined_are_merged_and_the_smaller_id_is_retired_into_the_other() -> None:
    previous = {"FR-1": g("a", "b", "c", "d"), "FR-2": g("x", "y", "z")}
    changes = assign(previous, [g("a", "b", "c", "d", "x", "y", "z")], 0.5, minter())  # type: ignore[arg-type]
    assert [(a.id, a.change) for a in changes.assigned] == [("FR-1", "merged")]
    assert changes.retired == [("FR-2", "merged", "merged into FR-1")]


def test_a_ring_cut_in_two_is_split() -> None:
    previous = {"FR-1": g("a", "b", "c", "d", "e", "f", "x", "y", "z")}
    changes = assign(previous, [g("a", "b", "c", "d", "e", "f"), g("x", "y", "z")], 0.5, minter())  # type: ignore[arg-type]
    assert [(a.id, a.change) for a in changes.assigned] == [("FR-1", "split"), ("FR-000100", "split")]


def _decision(kind: str, *members: str) -> Decision:
    return Decision("FR-1", kind, "checked", "lan", datetime(2026, 1, 2, 3, 4), g(*members))


def test_a_dismissed_ring_with_the_same_members_is_not_raised_again() -> None:
    ring_status, _ = status(g("a", "b", "c"), _decision("dismissed", "a", "b", "c"))
    assert ring_status == "dismissed" and not is_raised(ring_status)


def test_a_dismissed_ring_that_changed_is_raised_again_with_what_changed() -> None:
    ring_status, why = status(g("a", "b", "c", "d"), _decision("dismissed", "a", "b", "c"))
    assert ring_status == "reopened" and is_raised(ring_status)
    assert "joined: d" in why


def test_a_ring_without_decision_is_open_and_a_confirmed_one_stays_confirmed() -> None:
    assert status(g("a", "b"), None) == ("open", "")
    assert status(g("a", "b", "z"), _decision("confirmed", "a", "b"))[0] == "confirmed"
