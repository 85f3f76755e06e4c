"""The batch loader: one batch per query level, even when siblings arrive at different depths."""

from __future__ import annotations

import asyncio

import pytest

from api.batching import SETTLE_TURNS, BatchLoader


async def _after_turns(loader: BatchLoader[int, int], key: int, turns: int) -> int:
    for _ in range(turns):
        await asyncio.sleep(0)
    return await loader.load(key)


def test_keys_arriving_a_few_turns_apart_share_one_batch() -> None:
    batches: list[list[int]] = []

    async def double(keys: list[int]) -> list[int]:
        batches.append(keys)
        return [k * 2 for k in keys]

    async def run() -> list[int]:
        loader: BatchLoader[int, int] = BatchLoader(double)
        return list(await asyncio.gather(*(_after_turns(loader, k, k % 7) for k in range(20))))

    assert asyncio.run(run()) == [k * 2 for k in range(20)]
    assert batches == [list(range(20))] or len(batches) == 1
    assert SETTLE_TURNS > 7


def test_a_key_is_loaded_once_per_request() -> None:
    calls: list[list[str]] = []

    async def echo(keys: list[str]) -> list[str]:
        calls.append(keys)
        return keys

    async def run() -> None:
        loader: BatchLoader[str, str] = BatchLoader(echo)
        assert await loader.load_many(["a", "b", "a"]) == ["a", "b", "a"]
        assert await loader.load("a") == "a"

    asyncio.run(run())
    assert calls == [["a", "b"]]


def test_a_failed_batch_fails_every_waiter_and_is_not_cached() -> None:
    attempts = 0

    async def flaky(keys: list[int]) -> list[int]:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise ConnectionError("neo4j went away")
        return keys

    async def run() -> None:
        loader: BatchLoader[int, int] = BatchLoader(flaky)
        with pytest.raises(ConnectionError):
            await loader.load_many([1, 2])
        assert await loader.load(1) == 1

    asyncio.run(run())


def test_a_batch_function_returning_the_wrong_count_is_an_error() -> None:
    async def short(keys: list[int]) -> list[int]:
        return keys[:-1]

    async def run() -> None:
        loader: BatchLoader[int, int] = BatchLoader(short)
        with pytest.raises(RuntimeError, match="returned 1 values for 2 keys"):
            await loader.load_many([1, 2])

    asyncio.run(run())
