"""Connected components of customers over shared identifiers, with scipy's csgraph.

The graph is bipartite (customers and identifiers); components are read off the customer side.
csgraph labels 1M+ nodes in well under a second, where networkx needs seconds and a lot of memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from analytics.model import SharedIdentifier


def customer_groups(linking: Sequence[SharedIdentifier]) -> list[frozenset[str]]:
    """Groups of two or more customers connected through `linking` identifiers.

    O(E) for E customer-identifier links, plus sorting the groups for a stable order.
    """
    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for j, ident in enumerate(linking):
        for cid in ident.members:
            rows.append(index.setdefault(cid, len(index)))
            cols.append(j)
    if not rows:
        return []
    n_customers = len(index)
    # Identifier j is node n_customers + j: one undirected edge per (customer, identifier) link.
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64) + n_customers
    size = n_customers + len(linking)
    adjacency = coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(size, size)).tocsr()
    _, labels = connected_components(adjacency, directed=False)
    by_label: dict[int, list[str]] = defaultdict(list)
    for cid, i in index.items():
        by_label[int(labels[i])].append(cid)
    groups = [frozenset(m) for m in by_label.values() if len(m) >= 2]
    return sort_groups(groups)


def sort_groups(groups: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    """Largest first, then by smallest member: one order whatever computed them."""
    return sorted(groups, key=lambda g: (-len(g), min(g)))
