"""The in-process engine: pull shared identifiers with Cypher, compute components with scipy.

Two reads (the degree histogram and the shared identifiers, each O(links) in the server), then
O(links) here; see analytics.components.
"""

from __future__ import annotations

from collections.abc import Mapping

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
    driver: neo4j.Driver, database: str, floor: int, percentile: float
) -> tuple[Components, list[SharedIdentifier]]:
    histogram = identifier_graph.fetch_degree_histogram(driver, database)
    return compute(identifier_graph.fetch_shared(driver, database), histogram, floor, percentile)
