"""The in-process engine: pull shared identifiers with Cypher, compute components with scipy.

Two reads (the degree histogram and the shared identifiers, each O(links) in the server, run side
by side), then O(links) here; see analytics.components.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor

import neo4j

from analytics import components, hubs, identifier_graph
from analytics.model import Components, SharedIdentifier


def compute(
    shared: list[SharedIdentifier], histogram: Mapping[int, int], floor: int, percentile: float
) -> tuple[Components, list[SharedIdentifier]]:
    """Components from already-fetched shared identifiers and the degree histogram, and the
    identifiers that link."""
    limit = hubs.hub_limit(histogram, floor, percentile)
    linking, found = hubs.split_hubs(shared, limit)
    return Components(components.customer_groups(linking), found, limit), linking


def run(
    driver: neo4j.Driver,
    database: str,
    floor: int,
    percentile: float,
    done: Callable[[str], None] = lambda _stage: None,
) -> tuple[Components, list[SharedIdentifier]]:
    """`done(stage)` is called as each stage ends (the two reads, components), for a caller that
    times them."""
    # Both reads are work in the server; side by side they use two of its cores.
    with ThreadPoolExecutor(2) as pool:
        pending = pool.submit(identifier_graph.fetch_degree_histogram, driver, database)
        shared = identifier_graph.fetch_shared(driver, database)
        histogram = pending.result()
    done("identifier_reads")
    result = compute(shared, histogram, floor, percentile)
    done("components")
    return result
