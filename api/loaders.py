"""Per-request DataLoaders: every relation of the 360 is fetched for all the objects that ask for
it at one level of the query in ONE Cypher round trip, so the number of round trips depends on
the shape of the query, never on how much data it touches (no N+1). The batch functions get
each key once (`api.batching` caches a key's future from its first `load`).

Paged relations (an account's transactions, a device's users) are keyed by (id, page args): keys
with the same page args share one query.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
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
        rows = await graph.rows(name, ids=keys)
        by_key = {pick(r): r for r in rows}
        return [by_key.get(k) for k in keys]

    return DataLoader(load)


def _many(graph: RequestGraph, name: str, **extra: Any) -> DataLoader[str, list[Row]]:
    """Loader of the rows of each key (grouped by the rows' `id` column, in query order)."""

    async def load(keys: list[str]) -> Sequence[list[Row]]:
        rows = await graph.rows(name, ids=keys, **extra)
        grouped: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            grouped[r["id"]].append(r)
        return [grouped.get(k, []) for k in keys]

    return DataLoader(load)


PagedKey = tuple[str, tuple[tuple[str, Hashable], ...]]


def paged_key(key: str, **args: Hashable) -> PagedKey:
    return key, tuple(sorted(args.items()))


def transactions_key(
    account_no: str,
    *,
    limit: int,
    since: datetime | None = None,
    until: datetime | None = None,
    min_vnd: int | None = None,
    max_vnd: int | None = None,
    counterparty: str | None = None,
    after_at: datetime | None = None,
    after_id: str | None = None,
) -> PagedKey:
    """The key of one page of an account's transactions (the parameters of account_transactions)."""
    return paged_key(
        account_no,
        limit=limit,
        since=since,
        until=until,
        min_vnd=min_vnd,
        max_vnd=max_vnd,
        counterparty=counterparty,
        after_at=after_at,
        after_id=after_id,
    )


def device_users_key(device_id: str, *, limit: int, after: str | None = None) -> PagedKey:
    """The key of one page of a device's users (the parameters of device_users)."""
    return paged_key(device_id, after=after, limit=limit)


@dataclass(frozen=True)
class Prefetch:
    """What the combined read of the 360 brings beyond the customers' first level, decided from
    the query's selection: what the query will ask for next, read in the same round trip."""

    #: Newest transactions per account (`recentTransactions`' page size); 0 reads none.
    transactions: int = 0
    #: Users per device (`coUsers`' page size + 1); 0 reads none.
    co_users: int = 0
    households: bool = False
    household_members: bool = False
    rings: bool = False
    ring_members: bool = False


def _by_page_args(keys: list[PagedKey]) -> dict[tuple[tuple[str, Hashable], ...], list[str]]:
    """The keys' ids grouped by their page args (one query per group), in order."""
    by_args: dict[tuple[tuple[str, Hashable], ...], list[str]] = defaultdict(list)
    for key, args in keys:
        by_args[args].append(key)
    return by_args


def _paged(graph: RequestGraph, name: str) -> DataLoader[PagedKey, list[Row]]:
    """Loader of (id, page args) keys: one query per distinct page args, for all their ids."""

    async def load(keys: list[PagedKey]) -> Sequence[list[Row]]:
        grouped: dict[PagedKey, list[Row]] = defaultdict(list)
        for args, ids in _by_page_args(keys).items():
            for r in await graph.rows(name, ids=ids, **dict(args)):
                grouped[(r["id"], args)].append(r)
        return [grouped.get(k, []) for k in keys]

    return DataLoader(load)


def _scalar(graph: RequestGraph, name: str, column: str) -> DataLoader[PagedKey, int]:
    """Loader of one number per (id, page args) key, e.g. a filtered count; 0 for a missing row."""

    async def load(keys: list[PagedKey]) -> Sequence[int]:
        found: dict[PagedKey, int] = {}
        for args, ids in _by_page_args(keys).items():
            for r in await graph.rows(name, ids=ids, **dict(args)):
                found[(r["id"], args)] = int(r[column])
        return [found.get(k, 0) for k in keys]

    return DataLoader(load)


def _decisions(engine: Engine) -> DataLoader[str, list[Decision]]:
    """Decisions live in the relational store (with the CLI's); SQLAlchemy is blocking, so a thread."""

    async def load(keys: list[str]) -> Sequence[list[Decision]]:
        found = await asyncio.to_thread(store.decisions_for, engine, keys)
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

    async def prefetch_360(self, ids: list[str], plan: Prefetch) -> list[Row | None]:
        """The 360 of these customers in one round trip (cypher/api/customer360): their first level,
        and what `plan` says the query asks for below it, primed into the per-relation loaders
        so the resolvers find it there. Returns the customer rows, in order (None for an unknown
        ID)."""
        rows = await self._graph.rows(
            "customer360",
            ids=list(dict.fromkeys(ids)),
            alerts=self._alerts_per_customer,
            transactions=plan.transactions,
            co_users=plan.co_users,
            households=plan.households,
            household_members=plan.household_members,
            rings=plan.rings,
            ring_members=plan.ring_members,
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
            if plan.transactions:
                self._prime_pages(
                    self.transactions,
                    r["transactions"],
                    [a["account"]["account_no"] for a in r["accounts"]],
                    lambda no: transactions_key(no, limit=plan.transactions),
                )
            if plan.co_users:
                self._prime_pages(
                    self.device_users,
                    r["co_users"],
                    [d["device"]["device_id"] for d in r["devices"]],
                    lambda did: device_users_key(did, limit=plan.co_users),
                )
            for h in r["households"]:
                self.household.prime(h["household"]["id"], h)
            for f in r["rings"]:
                self.ring.prime(f["ring"]["id"], f)
            for m in r["members"]:
                self.customer.prime(m["customer_id"], {"customer": m})
        return [found.get(i) for i in ids]

    @staticmethod
    def _prime_pages(
        loader: DataLoader[PagedKey, list[Row]],
        rows: list[Row],
        ids: list[str],
        key: Callable[[str], PagedKey],
    ) -> None:
        # Every id gets its page, an empty one included: an account without transactions is
        # an answer, not a reason to ask again.
        grouped: dict[str, list[Row]] = {i: [] for i in ids}
        for r in rows:
            grouped.setdefault(r["id"], []).append(r)
        for i, page in grouped.items():
            loader.prime(key(i), page)
