"""Score a stored run against the planted truth: precision, recall and F1, pairwise and B-cubed,
for rings and households, per ring shape and per confounder kind, and hubs.

The only analytics module that reads `relational.truth`. Pairwise: two customers in one group
form a pair; a pair found and planted is a hit. B-cubed: per customer, how much of its found group
is its planted group (precision) and the reverse (recall), averaged; customers outside every
group count as groups of one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from analytics.store import StoredRun
from relational.truth import RING_SHAPES

#: How a planted hub's identifier shows in the graph: which identifier kind carries it.
HUB_IDENTIFIER_KIND = {
    "kiosk_device": "device",
    "public_wifi_ip": "ip",
    "placeholder_phone": "phone",
    "office_address": "address",
    # Employees have their own addresses at the domain: the domain is no node and links no one.
    "company_email_domain": None,
}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(p: float, r: float) -> dict[str, float]:
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4)}


def pairwise(found: Sequence[frozenset[str]], truth: Sequence[frozenset[str]]) -> dict[str, float]:
    """Pairwise precision/recall/F1. O(members) via overlap counts, no pair enumeration."""
    owner = {m: i for i, g in enumerate(truth) for m in g}
    hits = 0
    for g in found:
        for n in Counter(owner[m] for m in g if m in owner).values():
            hits += n * (n - 1) // 2
    found_pairs = sum(len(g) * (len(g) - 1) // 2 for g in found)
    truth_pairs = sum(len(g) * (len(g) - 1) // 2 for g in truth)
    return _prf(hits / found_pairs if found_pairs else 1.0, hits / truth_pairs if truth_pairs else 1.0)


def bcubed(found: Sequence[frozenset[str]], truth: Sequence[frozenset[str]]) -> dict[str, float]:
    """B-cubed precision/recall/F1 over every customer in a found or planted group. O(members)."""
    f_of = {m: g for g in found for m in g}
    t_of = {m: g for g in truth for m in g}
    universe = set(f_of) | set(t_of)
    if not universe:
        return _prf(1.0, 1.0)
    p = r = 0.0
    for m in universe:
        f, t = f_of.get(m, frozenset({m})), t_of.get(m, frozenset({m}))
        both = len(f & t)
        p += both / len(f)
        r += both / len(t)
    return _prf(p / len(universe), r / len(universe))


def _scores(found: Sequence[frozenset[str]], truth: Sequence[frozenset[str]]) -> dict[str, Any]:
    exact = len(set(found) & set(truth))
    return {"planted": len(truth), "found": len(found), "exact": exact,
            "pairwise": pairwise(found, truth), "bcubed": bcubed(found, truth)}  # fmt: skip


def _best(group: frozenset[str], truth: Mapping[str, frozenset[str]]) -> tuple[str | None, float]:
    best: tuple[str | None, float] = (None, 0.0)
    for tid, t in truth.items():
        sim = len(group & t) / len(group | t)
        if sim > best[1]:
            best = (tid, sim)
    return best


def _truth(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:

        def q(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in conn.execute(sa.text(sql))]

        rings: dict[str, set[str]] = defaultdict(set)
        for rid, cid in q("SELECT ring_id, customer_id FROM truth_ring_members"):
            rings[rid].add(cid)
        households: dict[str, set[str]] = defaultdict(set)
        for hid, cid in q("SELECT household_id, customer_id FROM truth_household_members"):
            households[hid].add(cid)
        return {
            "rings": {k: frozenset(v) for k, v in rings.items()},
            "households": {k: frozenset(v) for k, v in households.items()},
            "shapes": {str(r[0]): str(r[1]) for r in q("SELECT ring_id, shape FROM truth_rings")},
            "hubs": [tuple(r) for r in q("SELECT hub_id, kind, identifier, member_count FROM truth_hubs")],
            "confounders": [
                tuple(r) for r in q("SELECT kind, subject, customer_id, detail FROM truth_confounders")
            ],
        }


def evaluate(engine: Engine, run: StoredRun) -> dict[str, Any]:
    """Every figure of `c360 evaluate` for one stored run."""
    truth = _truth(engine)
    found_rings = [g.members for g in run.groups if g.kind == "ring"]
    found_hh = [g.members for g in run.groups if g.kind == "household"]
    t_rings, t_hh = truth["rings"], truth["households"]
    in_ring = {m for g in found_rings for m in g}
    # A multi-device customer can also be a planted ring member: in a ring is then right.
    planted_members = {m for g in t_rings.values() for m in g}

    # Per shape: each found ring is judged against the planted ring it overlaps most.
    assigned: dict[str, list[frozenset[str]]] = defaultdict(list)
    for g in found_rings:
        tid, _ = _best(g, t_rings)
        assigned[truth["shapes"].get(tid, "none") if tid else "none"].append(g)
    by_shape = {
        shape: _scores(assigned[shape], [t for tid, t in t_rings.items() if truth["shapes"][tid] == shape])
        for shape in RING_SHAPES
    }
    by_shape["none"] = {"false_rings": len(assigned["none"])}

    confounders: dict[str, Counter[str]] = defaultdict(Counter)
    ring_of_hh = {hid: frozenset(t) for hid, t in t_hh.items()}
    found_hh_set = set(found_hh)
    for kind, subject, customer_id, detail in truth["confounders"]:
        if kind == "hub":
            continue
        if kind == "ring_with_household":
            ok = t_rings[subject] in set(found_rings)
        elif kind == "household_shared_device":
            pair = [w for w in (detail or "").split() if w in ring_of_hh]
            ok = all(ring_of_hh[h] in found_hh_set for h in pair) and not any(
                m in in_ring for h in pair for m in ring_of_hh[h]
            )
        else:  # lone_fraudster, multi_device_customer: one person's pattern does not make a ring
            who = customer_id or subject
            ok = who not in in_ring or who in planted_members
        confounders[kind]["planted"] += 1
        confounders[kind]["handled"] += int(ok)

    found_hubs = {(h["kind"], h["key"]) for h in run.summary.get("hubs", [])}
    hubs: dict[str, Counter[str]] = defaultdict(Counter)
    expected = set()
    for _hid, kind, identifier, _n in truth["hubs"]:
        ident_kind = HUB_IDENTIFIER_KIND.get(kind)
        hubs[kind]["planted"] += 1
        if ident_kind is None:
            hubs[kind]["not_an_identifier"] += 1
        elif (ident_kind, identifier) in found_hubs:
            hubs[kind]["suppressed"] += 1
            expected.add((ident_kind, identifier))
        else:
            hubs[kind]["missed"] += 1
    return {
        "run_id": run.run_id,
        "engine": run.engine,
        "rings": _scores(found_rings, list(t_rings.values())),
        "households": _scores(found_hh, list(t_hh.values())),
        "by_shape": by_shape,
        "confounders": {k: dict(v) for k, v in sorted(confounders.items())},
        "hubs": {k: dict(v) for k, v in sorted(hubs.items())},
        "other_hubs_found": sorted(f"{k} {v}" for k, v in found_hubs - expected),
    }
