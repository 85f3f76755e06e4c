"""Page sizes and keyset cursors.

A cursor is opaque to clients (URL-safe base64 of a small JSON list) and carries the sort key of
the last item of a page: the next page starts strictly after it, so paging while data changes
never shows an item twice. A cursor that does not decode is the client's error, said clearly.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from api.errors import BadRequestError


def page_size(first: int | None, default: int, maximum: int) -> int:
    if first is None:
        return default
    if first < 1 or first > maximum:
        raise BadRequestError(f"`first` must be between 1 and {maximum}, got {first}")
    return first


def encode(*key: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key), default=str).encode()).decode()


def decode(cursor: str | None, arity: int, what: str) -> list[Any] | None:
    if cursor is None:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadRequestError(f"`after` is not a cursor from a {what} page") from exc
    if not isinstance(key, list) or len(key) != arity:
        raise BadRequestError(f"`after` is not a cursor from a {what} page")
    return key
