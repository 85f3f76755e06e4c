"""Split oversized groups, so that one weak link cannot merge two rings.

A group bigger than `split_above` customers is split into Louvain communities of the customer
graph, where two customers are joined by every non-hub identifier they share, weighted by its
rarity: 1 / log2(1 + degree). A device shared by two people says more than an address shared by
twelve. Communities smaller than `min_size` go back to the community they are most tied to, so
a split never strands a tail of two or three members as a group of their own.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import networkx as nx

from analytics.model import SharedIdentifier


def rarity(degree: int) -> float:
    """How much sharing an identifier used by `degree` customers says: 1 / log2(1 + degree)."""
    return 1.0 / math.log2(1 + degree)


def weighted_graph(members: frozenset[str], shared: Sequence[SharedIdentifier]) -> nx.Graph:
    """Customers of one group joined by rarity-weighted shared identifiers. O(sum of k^2)."""
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(sorted(members))
    for ident in shared:
        users = [m for m in ident.members if m in members]
        w = rarity(ident.degree)
        for i, a in enumerate(users):
            for b in users[i + 1 :]:
                prev = graph.get_edge_data(a, b, {}).get("weight", 0.0)
                graph.add_edge(a, b, weight=prev + w)
    return graph


def split_group(
    members: frozenset[str], shared: Sequence[SharedIdentifier], min_size: int, seed: int
) -> list[frozenset[str]]:
    """Louvain communities of one group (seeded), small ones folded into their best neighbour.

    Louvain is O(E log V) in practice for E weighted edges.
    """
    graph = weighted_graph(members, shared)
    parts = [set(c) for c in nx.community.louvain_communities(graph, weight="weight", seed=seed)]
    parts.sort(key=lambda p: (-len(p), min(p)))
    while len(parts) > 1 and len(small := min(parts, key=lambda p: (len(p), min(p)))) < min_size:
        parts.remove(small)
        pull: dict[int, float] = defaultdict(float)
        for a in small:
            for b, data in graph[a].items():
                for i, p in enumerate(parts):
                    if b in p:
                        pull[i] += data["weight"]
        target = max(pull, key=lambda i: (pull[i], -i)) if pull else 0
        parts[target] |= small
    return [frozenset(p) for p in parts]


def split_oversized(
    groups: Sequence[frozenset[str]],
    shared: Sequence[SharedIdentifier],
    split_above: int,
    min_size: int,
    seed: int,
) -> list[frozenset[str]]:
    """Every group, the oversized ones replaced by their parts. Groups at or under `split_above`
    are kept whole: a chain ring is a string of single links and must not be cut."""
    by_member: dict[str, list[SharedIdentifier]] = defaultdict(list)
    big = {m for g in groups if len(g) > split_above for m in g}
    for ident in shared:
        if ident.members and ident.members[0] in big:
            by_member[ident.members[0]].append(ident)
    out: list[frozenset[str]] = []
    for group in groups:
        if len(group) <= split_above:
            out.append(group)
            continue
        idents = [i for m in sorted(group) for i in by_member.get(m, [])]
        out.extend(split_group(group, idents, min_size, seed))
    return sorted(out, key=lambda g: (-len(g), min(g)))
