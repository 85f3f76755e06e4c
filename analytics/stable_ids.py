"""Stable IDs across runs, and what changed: new, unchanged, grown, shrunk, changed, merged, split,
dissolved.

A group keeps the ID of the previous run's group it overlaps most, by Jaccard similarity of the
members, when that similarity reaches `threshold` (one-to-one, best pairs first). Adding one
member to a ring of five keeps its ID (5/6 = 0.83). Everything else follows from the overlaps.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Assigned:
    id: str
    members: frozenset[str]
    change: str
    detail: str


@dataclass(slots=True)
class Changes:
    assigned: list[Assigned]
    #: IDs of the previous run that no group carries on: (id, "dissolved"|"merged"|"split", detail).
    retired: list[tuple[str, str, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        tally = Counter(a.change for a in self.assigned)
        tally.update(kind for _, kind, _ in self.retired if kind == "dissolved")
        return dict(sorted(tally.items()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _delta(old: frozenset[str], new: frozenset[str]) -> tuple[str, str]:
    added, removed = len(new - old), len(old - new)
    if not added and not removed:
        return "unchanged", ""
    if not removed:
        return "grown", f"+{added} member(s)"
    if not added:
        return "shrunk", f"-{removed} member(s)"
    return "changed", f"+{added} -{removed} member(s)"


def assign(
    previous: Mapping[str, frozenset[str]],
    current: Sequence[frozenset[str]],
    threshold: float,
    new_id: Callable[[], str],
) -> Changes:
    """IDs and changes for `current` groups given the previous run's `previous` {id: members}.

    `new_id` returns a fresh ID. O(total members + candidate pairs log pairs).
    """
    owner: dict[str, str] = {m: gid for gid, members in previous.items() for m in members}
    overlap: list[Counter[str]] = []
    for group in current:
        overlap.append(Counter(owner[m] for m in group if m in owner))
    pairs = sorted(
        ((jaccard(group, previous[o]), i, o) for i, group in enumerate(current) for o in overlap[i]),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    matched: dict[int, str] = {}
    taken: set[str] = set()
    for sim, i, o in pairs:
        if sim >= threshold and i not in matched and o not in taken:
            matched[i] = o
            taken.add(o)
    # Where each previous group's members went.
    spread: dict[str, set[int]] = defaultdict(set)
    for i, counts in enumerate(overlap):
        for o in counts:
            spread[o].add(i)

    assigned: list[Assigned] = []
    for i, group in enumerate(current):
        majors = sorted(o for o, n in overlap[i].items() if n * 2 >= len(previous[o]))
        if i in matched:
            old = matched[i]
            change, detail = _delta(previous[old], group)
            if len(majors) >= 2:
                change, detail = "merged", "merged from " + ", ".join(majors)
            elif len(spread[old]) >= 2:
                change, detail = "split", f"split from {old}; {detail}".rstrip("; ")
            assigned.append(Assigned(old, group, change, detail))
            continue
        gid = new_id()
        if len(majors) >= 2:
            assigned.append(Assigned(gid, group, "merged", "merged from " + ", ".join(majors)))
        elif overlap[i] and len(spread[(src := overlap[i].most_common(1)[0][0])]) >= 2:
            assigned.append(Assigned(gid, group, "split", f"split from {src}"))
        else:
            assigned.append(Assigned(gid, group, "new", ""))

    retired: list[tuple[str, str, str]] = []
    carried = {a.id for a in assigned}
    for old in sorted(previous):
        if old in carried:
            continue
        homes = [assigned[i].id for i in sorted(spread[old])]
        if len(homes) == 1 and overlap[sorted(spread[old])[0]][old] * 2 >= len(previous[old]):
            retired.append((old, "merged", f"merged into {homes[0]}"))
        elif len(homes) >= 2:
            retired.append((old, "split", "split into " + ", ".join(homes)))
        else:
            retired.append((old, "dissolved", ""))
    return Changes(assigned, retired)
