"""The query root: the entry points a Customer 360 screen, a search box and a fraud queue need."""

from __future__ import annotations

import asyncio
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from graphql import FieldNode, IntValueNode, SelectionSetNode, VariableNode
from strawberry.types import Info

from api import pages
from api.errors import BadRequestError
from api.loaders import Prefetch
from api.masking import Kind, describe
from api.schema.pii import pii_of
from api.schema.types import (
    CO_USERS,
    PII_OF_IDENTIFIER,
    RECENT_TRANSACTIONS,
    Account,
    AlertConnection,
    Customer,
    CustomerConnection,
    Device,
    Household,
    Long,
    PageInfo,
    Ring,
    RingConnection,
    RingStatus,
    RiskAlert,
    ctx,
    customers_by_id,
    page_size,
)
from api.search import params as search_terms

#: Most links `linkedCustomers` reads per hop, whatever maxHops: a bound on one request's work.
MAX_LINKS_PER_HOP = 2000


@strawberry.input(description="Filters on customers; every field is optional.")
class CustomerFilter:
    segment: str | None = None
    customer_type: str | None = None
    kyc_level: int | None = None
    in_ring: bool | None = strawberry.field(default=None, description="Only (or never) members of a ring.")

    def params(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "customer_type": self.customer_type,
            "kyc_level": self.kyc_level,
            "in_ring": self.in_ring,
        }


@strawberry.enum
class LinkKind(Enum):
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    NATIONAL_ID = "national_id"
    IP = "ip"
    DEVICE = "device"
    JOINT_ACCOUNT = "joint_account"
    TRANSFER = "transfer"


@strawberry.type(description="Why two customers are linked: one shared thing, or money between them.")
class Link:
    from_customer_id: strawberry.ID
    to_customer_id: strawberry.ID
    kind: LinkKind
    via: str | None = pii_of(
        lambda s: PII_OF_IDENTIFIER.get(s.kind.value),
        "The shared identifier (masked by role), device ID or account number (`from` side of a transfer).",
    )
    other_account: str | None = strawberry.field(description="The other side's account, for a transfer.")
    direction: str | None = strawberry.field(
        description="sent or received, from `from`'s side, for a transfer."
    )
    transfers: int | None
    total_vnd: Long | None


@strawberry.type
class LinkedCustomer:
    customer: Customer
    hops: int
    path: list[Link] = strawberry.field(
        description="The links from the start customer to this one, in order."
    )


@strawberry.type
class PathStep:
    kind_key: strawberry.Private[str]
    label: str = strawberry.field(
        description="Customer, Account, Device, Phone, Email, Address, NationalId, IP."
    )
    key: str | None = pii_of(lambda s: PATH_PII.get(s.kind_key), "The node's key (masked by role).")


PATH_PII: dict[str, Kind] = {
    "Phone": Kind.PHONE,
    "Email": Kind.EMAIL,
    "Address": Kind.ADDRESS,
    "NationalId": Kind.NATIONAL_ID,
    "IP": Kind.IP,
}


@strawberry.type
class CustomerPath:
    hops: int
    steps: list[PathStep]
    relationships: list[str]
    customer_ids: strawberry.Private[list[str]]

    @strawberry.field(description="The customers on the path, in order.")
    async def customers(self, info: Info) -> list[Customer]:
        return await customers_by_id(info, self.customer_ids)


@strawberry.type
class MaskingRule:
    kind: str
    visibility: str = strawberry.field(description="full, partial or hidden")


@strawberry.type(description="Who is asking, and what their role lets them see.")
class Viewer:
    name: str
    role: str
    masking: list[MaskingRule]


@strawberry.type
class Query:
    @strawberry.field(description="The caller and their masking rules.")
    def viewer(self, info: Info) -> Viewer:
        p = ctx(info).principal
        rules = [MaskingRule(kind=k, visibility=v) for k, v in describe(p.role).items()]
        return Viewer(name=p.name, role=p.role.value, masking=rules)

    @strawberry.field(description="One customer by ID (e.g. C000000001); null if there is none.")
    async def customer(self, info: Info, id: strawberry.ID) -> Customer | None:
        loaders = ctx(info).loaders
        plan = _prefetch(info, None)
        if plan is not None:
            row = (await loaders.prefetch_360([str(id)], plan))[0]
        else:
            row = await loaders.customer.load(str(id))
        return Customer.of(info, row["customer"]) if row else None

    @strawberry.field(
        description="Customers in ID order: all of them, or those a search matches (a name, phone, e-mail, "
        "national ID or account number), filtered, paged with keyset cursors."
    )
    async def customers(
        self,
        info: Info,
        search: str | None = None,
        filter: CustomerFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> CustomerConnection:
        c = ctx(info)
        n = page_size(info, first)
        cursor = pages.decode(after, 1, "customers")
        filters = (filter or CustomerFilter()).params()
        if search is not None:
            terms = search_terms(search)
            rows = await c.graph.rows(
                "customers_search", **terms, **filters, after=cursor[0] if cursor else None, limit=n + 1
            )
            count: tuple[str, dict[str, Any]] = ("customers_search_count", {**terms, **filters})
        else:
            rows = await c.graph.rows(
                "customers_list", **filters, after=cursor[0] if cursor else None, limit=n + 1
            )
            count = ("customers_count", filters)
        plan = _prefetch(info, "nodes")
        if plan is not None:
            await c.loaders.prefetch_360([r["customer"]["customer_id"] for r in rows[:n]], plan)
        nodes = [Customer.of(info, r["customer"]) for r in rows[:n]]
        end = pages.encode(str(nodes[-1].id)) if nodes else None
        return CustomerConnection(
            nodes=nodes, page_info=PageInfo(has_next_page=len(rows) > n, end_cursor=end), count_query=count
        )

    @strawberry.field(description="One account by number; null if there is none.")
    async def account(self, info: Info, id: strawberry.ID) -> Account | None:
        row = await ctx(info).loaders.account.load(str(id))
        return Account.of(row["account"]) if row else None

    @strawberry.field(description="One device by ID, with its users; null if there is none.")
    async def device(self, info: Info, id: strawberry.ID) -> Device | None:
        row = await ctx(info).loaders.device.load(str(id))
        return Device.of(row["device"], row["users"]) if row else None

    @strawberry.field(description="One household by ID (HS-...); null if there is none.")
    async def household(self, info: Info, id: strawberry.ID) -> Household | None:
        return await Household.load(info, str(id))

    @strawberry.field(description="One fraud ring by ID (FR-...); null if there is none.")
    async def ring(self, info: Info, id: strawberry.ID) -> Ring | None:
        return await Ring.load(info, str(id))

    @strawberry.field(description="Fraud rings, highest score first, with evidence.")
    async def rings(
        self,
        info: Info,
        status: list[RingStatus] | None = None,
        min_score: float = 0.0,
        first: int | None = None,
        after: str | None = None,
    ) -> RingConnection:
        n = page_size(info, first)
        cursor = pages.decode(after, 2, "rings")
        base = {"statuses": [s.value for s in status] if status else None, "min_score": float(min_score)}
        rows = await ctx(info).graph.rows(
            "rings_page",
            **base,
            after_score=cursor[0] if cursor else None,
            after_id=cursor[1] if cursor else None,
            limit=n + 1,
        )
        for r in rows[:n]:
            ctx(info).loaders.ring.prime(r["ring"]["id"], r)
        found = await asyncio.gather(*(Ring.load(info, r["ring"]["id"]) for r in rows[:n]))
        nodes = [r for r in found if r is not None]
        end = pages.encode(nodes[-1].score, str(nodes[-1].id)) if nodes else None
        return RingConnection(
            nodes=nodes, page_info=PageInfo(has_next_page=len(rows) > n, end_cursor=end), count_params=base
        )

    @strawberry.field(description="Risk alerts across the bank, newest first.")
    async def alerts(
        self,
        info: Info,
        status: str | None = "open",
        severity: str | None = None,
        rule: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> AlertConnection:
        n = page_size(info, first)
        cursor = pages.decode(after, 2, "alerts")
        base = {"status": status, "severity": severity, "rule": rule}
        rows = await ctx(info).graph.rows(
            "alerts_page",
            **base,
            after_at=datetime.fromisoformat(cursor[0]) if cursor else None,
            after_id=cursor[1] if cursor else None,
            limit=n + 1,
        )
        nodes = [RiskAlert.of(r["alert"], r["customer_id"], r["txn_id"], r["account_no"]) for r in rows[:n]]
        last = nodes[-1] if nodes else None
        end = (
            pages.encode(last.raised_at.isoformat() if last.raised_at else None, str(last.id))
            if last
            else None
        )
        return AlertConnection(
            nodes=nodes, page_info=PageInfo(has_next_page=len(rows) > n, end_cursor=end), count_params=base
        )

    @strawberry.field(
        description="Customers linked to one customer within `maxHops` links (shared identifiers or devices "
        "that are not hubs, joint accounts, transfers), nearest first, each with the path of reasons."
    )
    async def linked_customers(
        self, info: Info, id: strawberry.ID, max_hops: int = 2, first: int | None = None
    ) -> list[LinkedCustomer]:
        c = ctx(info)
        if not 1 <= max_hops <= c.settings.api_max_hops:
            raise BadRequestError(
                f"`maxHops` must be between 1 and {c.settings.api_max_hops}, got {max_hops}"
            )
        n = page_size(info, first)
        start = str(id)
        paths: dict[str, list[Link]] = {start: []}
        frontier = [start]
        order: list[str] = []
        # Breadth first, one round trip per hop: the first path found to a customer is a shortest.
        for _hop in range(max_hops):
            if not frontier or len(order) >= n:
                break
            rows = await c.graph.rows(
                "linked_step", ids=frontier, hub_limit=c.settings.rings_hub_floor, limit=MAX_LINKS_PER_HOP
            )
            nxt: list[str] = []
            for r in rows:
                other = r["other"]
                if other in paths:
                    continue
                paths[other] = [*paths[r["id"]], _link(r)]
                nxt.append(other)
                order.append(other)
            frontier = nxt
        chosen = order[:n]
        found = await c.loaders.customer.load_many(chosen)
        return [
            LinkedCustomer(customer=Customer.of(info, r["customer"]), hops=len(paths[cid]), path=paths[cid])
            for cid, r in zip(chosen, found, strict=True)
            if r is not None
        ]

    @strawberry.field(
        description="The shortest connection between two customers through shared identifiers, devices, "
        "accounts and transfers (at most 8 relationships, avoiding hubs); null if there is none."
    )
    async def path(
        self, info: Info, from_customer: strawberry.ID, to_customer: strawberry.ID
    ) -> CustomerPath | None:
        c = ctx(info)
        rows = await c.graph.rows(
            "shortest_path",
            from_id=str(from_customer),
            to_id=str(to_customer),
            hub_limit=c.settings.rings_hub_floor,
        )
        if not rows:
            return None
        nodes, types = rows[0]["nodes"], rows[0]["types"]
        steps = [PathStep(kind_key=s["label"], label=s["label"], key=s["key"]) for s in nodes]
        ids = [s["key"] for s in nodes if s["label"] == "Customer"]
        return CustomerPath(hops=len(types), steps=steps, relationships=types, customer_ids=ids)


#: Customer fields read by cypher/api/customer360 (directly, or as the first step of their own).
PREFETCHED = {
    "identifiers",
    "accounts",
    "devices",
    "household",
    "rings",
    "alerts",
    "counts",
    "recentTransactions",
}


def _prefetch(info: Info, below: str | None) -> Prefetch | None:
    """What the combined read of the 360 should bring for this field's customers (or those under
    `below`), or None when the query asks for none of their relations (then the customers alone
    are read). It looks one level further down too (transactions, co-users, households, rings
    and their members), so that the usual 360 is one round trip. A part this misses (an alias
    asking for another page size, a fragment) is read by its loader instead: the answer is the
    same, it costs a round trip more.

    Reads graphql-core's AST directly: strawberry's `selected_fields` would convert the whole
    subtree on every request."""
    selections = _fields(info._raw_info.field_nodes[0].selection_set)
    if below is not None:
        selections = [s for f in selections if f.name.value == below for s in _fields(f.selection_set)]
    fields: dict[str, FieldNode] = {}
    for f in selections:
        fields.setdefault(f.name.value, f)  # the first of two aliases of a field decides
    if not fields.keys() & PREFETCHED:
        return None
    variables = info.variable_values
    maximum = ctx(info).settings.api_max_page_size
    recent = fields.get("recentTransactions")
    co_users = _child(fields.get("devices"), "coUsers")
    household, rings = fields.get("household"), fields.get("rings")
    return Prefetch(
        transactions=_page(recent, RECENT_TRANSACTIONS, maximum, variables) if recent else 0,
        co_users=_page(co_users, CO_USERS, maximum, variables) + 1 if co_users else 0,
        households=household is not None,
        household_members=_child(household, "members") is not None,
        rings=rings is not None,
        ring_members=_child(rings, "members") is not None,
    )


def _child(field: FieldNode | None, name: str) -> FieldNode | None:
    """The field's first subfield of this name, if it asks for one."""
    if field is None:
        return None
    return next((s for s in _fields(field.selection_set) if s.name.value == name), None)


def _page(field: FieldNode, default: int, maximum: int, variables: dict[str, Any]) -> int:
    """The page size the field's resolver will use; a `first` it will refuse reads the default
    (the resolver then says what is wrong)."""
    first = _int_argument(field, "first", variables)
    return first if first is not None and 1 <= first <= maximum else default


def _int_argument(field: FieldNode, name: str, variables: dict[str, Any]) -> int | None:
    for argument in field.arguments or ():
        if argument.name.value != name:
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            return given if isinstance(given, int) else None
    return None


def _fields(selection_set: SelectionSetNode | None) -> list[FieldNode]:
    # Fragments are not looked into: a query built of them reads relation by relation instead.
    return [s for s in (selection_set.selections if selection_set else ()) if isinstance(s, FieldNode)]


def _link(r: dict[str, Any]) -> Link:
    return Link(
        from_customer_id=strawberry.ID(r["id"]),
        to_customer_id=strawberry.ID(r["other"]),
        kind=LinkKind(r["kind"]),
        via=r["value"],
        other_account=r["other_account"],
        direction=r["direction"],
        transfers=r["transfers"],
        total_vnd=r["total_vnd"],
    )
