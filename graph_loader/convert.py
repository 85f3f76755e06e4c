"""Relational values to values the Neo4j driver can send."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
