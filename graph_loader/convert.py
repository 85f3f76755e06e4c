"""Relational values to values the Neo4j driver can send."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any


def value(v: Any) -> Any:
    # The driver has no Decimal. Numeric(20, 0) (VND amounts) becomes an integer and a column with
    # decimals a float: decided by the column's scale, so one property never mixes the two types.
    if isinstance(v, Decimal):
        exponent = v.as_tuple().exponent
        return int(v) if isinstance(exponent, int) and exponent >= 0 else float(v)
    return v


def props(row: Mapping[str, Any], columns: Iterable[str]) -> dict[str, Any]:
    return {c: value(row[c]) for c in columns}


def iso(v: Any) -> Any:
    """A date or date-time as ISO text (anything else unchanged), for Cypher's date() and
    localdatetime() to convert in the server."""
    return v.isoformat() if isinstance(v, date) else v


def temporal_as_text(row: dict[str, Any]) -> dict[str, Any]:
    """A mapped row as the first-load (insert_*) statements take it: temporal values as ISO text,
    those of `props` moved into `at`. The driver encodes each date-time in Python, which costs
    more than packing the rest of the row; text is packed natively and parsed in the server."""
    out = {k: iso(v) for k, v in row.items()}
    inner = row.get("props")
    if isinstance(inner, dict):
        out["props"] = {k: v for k, v in inner.items() if not isinstance(v, date)}
        out["at"] = {k: v.isoformat() for k, v in inner.items() if isinstance(v, date)}
    return out
