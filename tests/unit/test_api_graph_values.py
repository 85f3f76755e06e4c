"""The API reads records as plain dicts (not `Result.data()`), which is only right while its
queries return maps and scalars: development mode checks every row for nodes and paths."""

from __future__ import annotations

import pytest
from neo4j.graph import Graph, Node

from api.graph import _no_graph_values


def test_maps_lists_and_scalars_pass() -> None:
    _no_graph_values("q", [{"customer": {"id": "C1", "tags": [1, "a", None]}, "n": 3}])


def test_a_node_anywhere_is_refused_with_the_query() -> None:
    node = Node(Graph(), "4:db:1", 1, ["Customer"], {"customer_id": "C1"})
    with pytest.raises(TypeError, match=r"returned a Node; return a map .*\n.*MATCH \(c\)"):
        _no_graph_values("MATCH (c) RETURN c", [{"rows": [{"c": node}]}])
