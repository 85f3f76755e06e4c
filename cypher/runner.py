"""Running a library query read-only, and its values as plain text or JSON for people and scripts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time

from cypher.catalog import LibraryQuery

#: Business keys by label, for naming a node in a path; the first that a node has wins.
_KEYS = ("customer_id", "account_no", "device_id", "merchant_id", "txn_id", "alert_id", "e164", "address",
         "key", "value")  # fmt: skip


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    #: Records as the driver returns them (neo4j types: paths, temporal values).
    records: list[neo4j.Record]

    def plain_rows(self) -> list[dict[str, Any]]:
        """Rows of JSON-ready values: temporal values as ISO 8601, paths and nodes as text."""
        return [{c: plain(r[c]) for c in self.columns} for r in self.records]


def run(
    driver: neo4j.Driver, database: str, query: LibraryQuery, params: Mapping[str, object]
) -> QueryResult:
    """Run in a read transaction routed to a reader: a library query never writes (the server
    refuses a write in a read transaction, so a mistaken edit to a file cannot change the graph)."""
    records, summary, keys = driver.execute_query(
        query.cypher, dict(params), database_=database, routing_=neo4j.RoutingControl.READ
    )
    del summary
    return QueryResult(list(keys), list(records))


def plain(value: Any) -> Any:
    if isinstance(value, Path):
        return path_text(value)
    if isinstance(value, Node):
        return node_text(value)
    if isinstance(value, Relationship):
        return f"[:{value.type}]"
    if isinstance(value, Date | DateTime | Time):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def node_text(node: Node) -> str:
    label = next((lbl for lbl in sorted(node.labels) if lbl != "Identifier"), "")
    key = next((node[k] for k in _KEYS if k in node), node.element_id)
    return f"({label} {key})"


def path_text(path: Path) -> str:
    """`(Customer CUS1)-[:HAS_PHONE]->(Phone +849…)<-[:HAS_PHONE]-(Customer CUS2)`, directions kept."""
    parts = [node_text(path.start_node)]
    here = path.start_node
    for rel in path.relationships:
        assert rel.start_node is not None and rel.end_node is not None  # always set on a path's rels
        forward = rel.start_node.element_id == here.element_id
        parts.append(f"-[:{rel.type}]->" if forward else f"<-[:{rel.type}]-")
        here = rel.end_node if forward else rel.start_node
        parts.append(node_text(here))
    return "".join(parts)
