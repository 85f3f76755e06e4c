"""`pii(kind)`: declare a field as personal data; its value then passes through `api.masking`.

This extension is the only caller of `masking.mask` on fields, so no resolver can forget it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.types import Info

from api.masking import Kind, mask


class MaskPII(FieldExtension):
    def __init__(self, kind: Kind | None = None, kind_of: Callable[[Any], Kind | None] | None = None) -> None:
        self.kind = kind
        self.kind_of = kind_of

    def _mask(self, value: Any, source: Any, info: Info) -> Any:
        kind = self.kind if self.kind is not None else self.kind_of(source) if self.kind_of else None
        if kind is None:  # the value is not personal data for this source (a device ID, say)
            return value
        return mask(value, kind, info.context.principal.role)

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        return self._mask(next_(source, info, **kwargs), source, info)

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        return self._mask(await next_(source, info, **kwargs), source, info)


def pii(kind: Kind, description: str | None = None) -> Any:
    """A field carrying personal data of `kind`: null or partly masked for some roles."""
    return strawberry.field(extensions=[MaskPII(kind)], description=description)


def pii_of(kind_of: Callable[[Any], Kind | None], description: str | None = None) -> Any:
    """A field whose kind of personal data depends on the object (an identifier's value)."""
    return strawberry.field(extensions=[MaskPII(kind_of=kind_of)], description=description)
