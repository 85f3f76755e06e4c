"""Per-request DataLoaders: every relation of the 360 is fetched for all the objects that ask for
it at one level of the query in ONE Cypher round trip, so the number of round trips depends on
the shape of the query, never on how much data it touches (no N+1).

Paged relations (an account's transactions, a device's users) are keyed by (id, page args): keys
with the same page args share one query.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from sqlalchemy import Engine

from analytics import store
from analytics.decisions import Decision
from api.batching import BatchLoader as DataLoader
from api.graph import RequestGraph

Row = dict[str, Any]


def _one(graph: RequestGraph, name: str, pick: Callable[[Row], str]) -> DataLoader[str, Row | None]:
    """Loader of one row per key (None for an unknown key)."""

    async def load(keys: list[str]) -> Sequence[Row | None]:
        rows = await graph.rows(name, ids=list(dict.fromkeys(keys)))
        by_key = {pick(r): r for r in rows}
        return [by_key.get(k) for k in keys]

    return DataLoader(load)


def _many(graph: RequestGraph, name: str, **extra: Any) -> DataLoader[str, list[Row]]:
    """Loader of the rows of each key (grouped by the rows' `id` column, in query order)."""

    async def load(keys: list[str]) -> Sequence[list[Row]]:
        rows = await graph.rows(name, ids=list(dict.fromkeys(keys)), **extra)
        grouped: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            grouped[r["id"]].append(r)
        return [grouped.get(k, []) for k in keys]

    return DataLoader(load)


PagedKey = tuple[str, tuple[tuple[str, Hashable], ...]]


def paged_key(key: str, **args: Hashable) -> PagedKey:
    return key, tuple(sorted(args.items()))


def _paged(graph: RequestGraph, name: str) -> DataLoader[PagedKey, list[Row]]:
    """Loader of (id, page args) keys: one query per distinct page args, for all their ids."""

    async def load(keys: list[PagedKey]) -> Sequence[list[Row]]:
        by_args: dict[tuple[tuple[str, Hashable], ...], list[str]] = defaultdict(list)
        for key, args in keys:
            by_args[args].append(key)
        grouped: dict[PagedKey, list[Row]] = defaultdict(list)
        for args, ids in by_args.items():
            for r in await graph.rows(name, ids=list(dict.fromkeys(ids)), **dict(args)):
                grouped[(r["id"], args)].append(r)
        return [grouped.get(k, []) for k in keys]

    return DataLoader(load)


def _scalar(graph: RequestGraph, name: str, column: str) -> DataLoader[PagedKey, int]:
    async def load(keys: list[PagedKey]) -> Sequence[int]:
        by_args: dict[tuple[tuple[str, Hashable], ...], list[str]] = defaultdict(list)
        for key, args in keys:
            by_args[args].append(key)
        found: dict[PagedKey, int] = {}
        for args, ids in by_args.items():
            for r in await graph.rows(name, ids=list(dict.fromkeys(ids)), **dict(args)):
                found[(r["id"], args)] = int(r[column])
        return [found.get(k, 0) for k in keys]

    return DataLoader(load)


def _decisions(engine: Engine) -> DataLoader[str, list[Decision]]:
    """Decisions live in the relational store (with the CLI's); SQLAlchemy is blocking, so a thread."""

    async def load(keys: list[str]) -> Sequence[list[Decision]]:
        found = await asyncio.to_thread(store.decisions_for, engine, list(dict.fromkeys(keys)))
        return [found.get(k, []) for k in keys]

    return DataLoader(load)


class Loaders:
    def __init__(self, graph: RequestGraph, engine: Engine, alerts_per_customer: int) -> None:
        self._graph = graph
        self._alerts_per_customer = alerts_per_customer
        self.customer = _one(graph, "customers_by_id", lambda r: r["customer"]["customer_id"])
        self.account = _one(graph, "accounts_by_no", lambda r: r["account"]["account_no"])
        self.device = _one(graph, "devices_by_id", lambda r: r["device"]["device_id"])
        self.ring = _one(graph, "rings_by_id", lambda r: r["ring"]["id"])
        self.household = _one(graph, "households_by_id", lambda r: r["household"]["id"])
        self.identifiers = _many(graph, "identifiers_of")
        self.accounts = _many(graph, "accounts_of")
        self.holders = _many(graph, "holders_of")
        self.devices = _many(graph, "devices_of")
        self.groups = _many(graph, "groups_of")
        self.alerts = _many(graph, "alerts_of", limit=alerts_per_customer)
        self.counts = _one(graph, "counts_of", lambda r: r["id"])
        self.transactions = _paged(graph, "account_transactions")
        self.transaction_counts = _scalar(graph, "account_transaction_counts", "total")
        self.device_users = _paged(graph, "device_users")
        self.decisions = _decisions(engine)

    async def prefetch_360(self, ids: list[str]) -> list[Row | None]:
        """The first level of the 360 for these customers in one round trip (cypher/api/customer360),
        primed into the per-relation loaders so the resolvers find it there. Returns the customer
        rows, in order (None for an unknown ID)."""
        rows = await self._graph.rows(
            "customer360", ids=list(dict.fromkeys(ids)), alerts=self._alerts_per_customer
        )
        found: dict[str, Row] = {}
        for r in rows:
            cid = r["customer"]["customer_id"]
            found[cid] = r
            self.customer.prime(cid, {"customer": r["customer"]})
            self.identifiers.prime(cid, r["identifiers"])
            self.accounts.prime(cid, r["accounts"])
            self.devices.prime(cid, r["devices"])
            self.groups.prime(cid, r["groups"])
            self.alerts.prime(cid, r["alerts"])
            self.counts.prime(cid, r["counts"])
        return [found.get(i) for i in ids]
