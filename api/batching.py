"""A per-request batch loader that waits for the query's whole level before it reads.

strawberry's DataLoader dispatches two event-loop turns after the first `load`. graphql-core
reaches sibling objects' resolvers after different numbers of turns (it depends on how deep each
one awaited), so a level of a big page could be split into several batches, and the number of
round trips would depend on the data. This loader lets the loop settle for a fixed number of
turns (microseconds in all) before it takes the keys, so one level is one batch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: Event-loop turns to wait before a batch goes: more than any nesting between sibling resolvers.
SETTLE_TURNS = 24


class BatchLoader(Generic[K, V]):
    def __init__(self, load_fn: Callable[[list[K]], Awaitable[Sequence[V]]]) -> None:
        self._load_fn = load_fn
        self._cache: dict[K, asyncio.Future[V]] = {}
        self._pending: list[K] = []
        self._scheduled = False

    def load(self, key: K) -> asyncio.Future[V]:
        found = self._cache.get(key)
        if found is not None:
            return found
        future: asyncio.Future[V] = asyncio.get_running_loop().create_future()
        self._cache[key] = future
        self._pending.append(key)
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().create_task(self._dispatch())
        return future

    def prime(self, key: K, value: V) -> None:
        """Give the loader a value it would otherwise fetch (a no-op when it has the key)."""
        if key not in self._cache:
            future: asyncio.Future[V] = asyncio.get_running_loop().create_future()
            future.set_result(value)
            self._cache[key] = future

    async def load_many(self, keys: Iterable[K]) -> list[V]:
        return list(await asyncio.gather(*(self.load(k) for k in keys)))

    async def _dispatch(self) -> None:
        for _ in range(SETTLE_TURNS):
            await asyncio.sleep(0)
        keys, self._pending, self._scheduled = self._pending, [], False
        try:
            values = await self._load_fn(keys)
            if len(values) != len(keys):
                raise RuntimeError(f"batch function returned {len(values)} values for {len(keys)} keys")
        except Exception as exc:  # every waiter gets the failure, and a later load tries afresh
            for k in keys:
                failed = self._cache.pop(k)
                if not failed.done():
                    failed.set_exception(exc)
            return
        for k, v in zip(keys, values, strict=True):
            future = self._cache[k]
            if not future.done():
                future.set_result(v)
