"""The Customer 360's object types. Resolvers only ask the request's loaders (`api.loaders`), so
each relation costs one Cypher round trip per query level, whatever the number of objects."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime
from enum import Enum
from typing import Any, NewType

import strawberry
from strawberry.types import Info

from analytics import decisions as ring_decisions
from analytics import scoring
from api import pages
from api.context import Context
from api.loaders import device_users_key, paged_key, transactions_key
from api.masking import Kind, mask
from api.schema.pii import pii, pii_of

Row = dict[str, Any]

#: Amounts in VND overflow GraphQL's 32-bit Int (a ring moves billions): a 64-bit integer scalar,
#: sent as a JSON number (exact up to 2^53, far above any amount a bank holds).
Long = NewType("Long", int)
LONG_SCALAR = strawberry.scalar(
    name="Long",
    serialize=int,
    parse_value=int,
    description="A 64-bit integer, as a JSON number: amounts in VND.",
)


#: Default page sizes of `Customer.recentTransactions` and `DeviceUse.coUsers`.
RECENT_TRANSACTIONS = 10
CO_USERS = 10


def native(value: Any) -> Any:
    """Neo4j temporal values as Python ones (the driver's types are not datetime subclasses)."""
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


def ctx(info: Info) -> Context:
    context: Context = info.context
    return context


def page_size(info: Info, first: int | None) -> int:
    """`first`, or the default page size; refused beyond the maximum."""
    s = ctx(info).settings
    return pages.page_size(first, s.api_default_page_size, s.api_max_page_size)


async def count(info: Info, name: str, params: dict[str, Any]) -> int:
    """The `total` of a counting query (cypher/api/*_count)."""
    rows = await ctx(info).graph.rows(name, **params)
    return int(rows[0]["total"]) if rows else 0


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


# --- identifiers --------------------------------------------------------------------------------


@strawberry.enum
class IdentifierKind(Enum):
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    NATIONAL_ID = "national_id"
    IP = "ip"


#: The masking kind of each kind of identifier; devices and accounts are the bank's own keys.
PII_OF_IDENTIFIER: dict[str, Kind] = {
    "phone": Kind.PHONE,
    "email": Kind.EMAIL,
    "address": Kind.ADDRESS,
    "national_id": Kind.NATIONAL_ID,
    "ip": Kind.IP,
}


def _identifier_kind(source: Any) -> Kind | None:
    return PII_OF_IDENTIFIER.get(source.kind_key)


@strawberry.type(description="A phone, e-mail, address, national ID or IP address a customer has.")
class Identifier:
    kind_key: strawberry.Private[str]
    kind: IdentifierKind
    value: str | None = pii_of(_identifier_kind, "The normalized value (masked by role).")
    raw: str | None = pii_of(_identifier_kind, "As entered, when it differs (masked by role).")
    is_primary: bool | None
    shared_with: int = strawberry.field(description="How many other customers have this identifier.")

    @staticmethod
    def of(row: Row) -> Identifier:
        kind = row["kind"]
        return Identifier(
            kind_key=kind,
            kind=IdentifierKind(kind),
            value=row["value"],
            raw=row.get("raw"),
            is_primary=row.get("is_primary"),
            shared_with=row.get("shared_with") or 0,
        )


# --- customers ----------------------------------------------------------------------------------


@strawberry.type
class CustomerCounts:
    accounts: int
    devices: int
    identifiers: int
    alerts: int
    transactions: int


@strawberry.type(description="A customer: the profile, and everything linked to them.")
class Customer:
    id: strawberry.ID
    customer_type: str
    full_name: str | None = pii(Kind.NAME)
    date_of_birth: str | None = pii(Kind.DATE_OF_BIRTH, "ISO date (masked by role).")
    gender: str | None
    segment: str | None
    monthly_income_vnd: Long | None
    kyc_level: int | None
    opened_at: datetime | None

    @staticmethod
    def of(info: Info, row: Row) -> Customer:
        """Every Customer the API returns is made here, which is what the audit trail counts on."""
        cid = row["customer_id"]
        ctx(info).customers_read.add(cid)
        dob = native(row.get("date_of_birth"))
        return Customer(
            id=strawberry.ID(cid),
            customer_type=row.get("customer_type") or "",
            full_name=row.get("full_name"),
            date_of_birth=dob.isoformat() if isinstance(dob, date) else None,
            gender=row.get("gender"),
            segment=row.get("segment"),
            monthly_income_vnd=row.get("monthly_income_vnd"),
            kyc_level=row.get("kyc_level"),
            opened_at=native(row.get("opened_at")),
        )

    @strawberry.field(description="Phones, e-mails, addresses, national IDs and IPs, with sharing.")
    async def identifiers(self, info: Info) -> list[Identifier]:
        return [Identifier.of(r) for r in await ctx(info).loaders.identifiers.load(self.id)]

    @strawberry.field(description="Accounts the customer holds, with balances.")
    async def accounts(self, info: Info) -> list[Holding]:
        rows = await ctx(info).loaders.accounts.load(self.id)
        return [
            Holding(account=Account.of(r["account"]), role=r["role"], since=native(r["since"])) for r in rows
        ]

    @strawberry.field(description="The latest transactions across all the customer's accounts.")
    async def recent_transactions(
        self, info: Info, first: int = RECENT_TRANSACTIONS
    ) -> list[AccountTransaction]:
        c = ctx(info)
        n = pages.page_size(first, RECENT_TRANSACTIONS, c.settings.api_max_page_size)
        holdings = await c.loaders.accounts.load(self.id)
        nos = [r["account"]["account_no"] for r in holdings]
        loads = [c.loaders.transactions.load(transactions_key(no, limit=n)) for no in nos]
        rows = [r for batch in await asyncio.gather(*loads) for r in batch]
        # A transfer between two of the customer's own accounts appears once per side: keep one.
        seen: set[str] = set()
        unique = []
        for r in sorted(
            rows, key=lambda r: (native(r["txn"]["occurred_at"]), r["txn"]["txn_id"]), reverse=True
        ):
            if r["txn"]["txn_id"] not in seen:
                seen.add(r["txn"]["txn_id"])
                unique.append(r)
        return [AccountTransaction.of(r) for r in unique[:n]]

    @strawberry.field(description="Devices the customer uses, and who else uses them.")
    async def devices(self, info: Info) -> list[DeviceUse]:
        rows = await ctx(info).loaders.devices.load(self.id)
        return [
            DeviceUse(
                customer_id=str(self.id),
                device=Device.of(r["device"], r["users"]),
                first_seen=native(r["first_seen"]),
                last_seen=native(r["last_seen"]),
                logins=r["logins"] or 0,
            )
            for r in rows
        ]

    @strawberry.field(description="The household the customer belongs to, from the latest detection run.")
    async def household(self, info: Info) -> Household | None:
        groups = await ctx(info).loaders.groups.load(self.id)
        hid = next((g["group_id"] for g in groups if g["kind"] == "household"), None)
        return await Household.load(info, hid) if hid else None

    @strawberry.field(description="Fraud rings the customer is a member of, with score and evidence.")
    async def rings(self, info: Info) -> list[Ring]:
        groups = await ctx(info).loaders.groups.load(self.id)
        found = await asyncio.gather(*(Ring.load(info, g["group_id"]) for g in groups if g["kind"] == "ring"))
        return [r for r in found if r is not None]

    @strawberry.field(description="Risk alerts raised on the customer, newest first.")
    async def alerts(self, info: Info) -> list[RiskAlert]:
        return [
            RiskAlert.of(r["alert"], str(self.id), r["txn_id"], r["account_no"])
            for r in await ctx(info).loaders.alerts.load(self.id)
        ]

    @strawberry.field(description="How many of each linked thing the customer has.")
    async def counts(self, info: Info) -> CustomerCounts:
        r = await ctx(info).loaders.counts.load(self.id) or {}
        return CustomerCounts(
            accounts=r.get("accounts", 0),
            devices=r.get("devices", 0),
            identifiers=r.get("identifiers", 0),
            alerts=r.get("alerts", 0),
            transactions=r.get("transactions", 0),
        )


@strawberry.type
class CustomerConnection:
    nodes: list[Customer]
    page_info: PageInfo
    #: (query name, params) that counts the matches, or the count when it is already known.
    count_query: strawberry.Private[tuple[str, dict[str, Any]] | int]

    @strawberry.field(description="How many customers match, over all pages.")
    async def total_count(self, info: Info) -> int:
        if isinstance(self.count_query, int):
            return self.count_query
        name, params = self.count_query
        return await count(info, name, params)


# --- accounts and transactions ------------------------------------------------------------------


@strawberry.type
class Holding:
    account: Account
    role: str
    since: datetime | None


@strawberry.type
class Holder:
    customer: Customer
    role: str
    since: datetime | None


@strawberry.enum
class Direction(Enum):
    OUT = "OUT"
    IN = "IN"
    SELF = "SELF"


@strawberry.type
class Counterparty:
    account_no: str | None = strawberry.field(description="One of our accounts.")
    merchant_id: str | None
    merchant_name: str | None
    external_account: str | None = strawberry.field(description="Another bank's account, `BANK:number`.")


@strawberry.type
class AccountTransaction:
    id: strawberry.ID
    account_no: str = strawberry.field(description="The account whose point of view `direction` takes.")
    occurred_at: datetime
    amount_vnd: Long
    direction: Direction
    channel: str | None
    auth_method: str | None
    status: str | None
    description: str | None = pii(Kind.FREE_TEXT, "Free text typed by a person (masked by role).")
    counterparty: Counterparty

    @staticmethod
    def of(row: Row) -> AccountTransaction:
        t, direction = row["txn"], Direction(row["direction"])
        if direction is Direction.IN:
            other = Counterparty(
                account_no=t.get("from_account_no"),
                merchant_id=None,
                merchant_name=None,
                external_account=None,
            )
        else:
            other = Counterparty(
                account_no=row.get("to_account"),
                merchant_id=row.get("merchant_id"),
                merchant_name=row.get("merchant_name"),
                external_account=row.get("external"),
            )
        return AccountTransaction(
            id=strawberry.ID(t["txn_id"]),
            account_no=row["id"],
            occurred_at=native(t["occurred_at"]),
            amount_vnd=t["amount_vnd"],
            direction=direction,
            channel=t.get("channel"),
            auth_method=t.get("auth_method"),
            status=t.get("status"),
            description=t.get("description"),
            counterparty=other,
        )


@strawberry.input(description="Filters on an account's transactions; every bound is optional.")
class TransactionFilter:
    since: datetime | None = strawberry.field(default=None, description="occurred at or after")
    until: datetime | None = strawberry.field(default=None, description="occurred before")
    min_amount_vnd: Long | None = None
    max_amount_vnd: Long | None = None
    counterparty: str | None = strawberry.field(
        default=None, description="An account number, merchant ID, or another bank's `BANK:number` or number."
    )

    @staticmethod
    def params(f: TransactionFilter | None, after: list[Any] | None, limit: int) -> dict[str, Any]:
        after_at = datetime.fromisoformat(after[0]) if after else None
        return {
            "since": _naive(f.since) if f else None,
            "until": _naive(f.until) if f else None,
            "min_vnd": f.min_amount_vnd if f else None,
            "max_vnd": f.max_amount_vnd if f else None,
            "counterparty": f.counterparty if f else None,
            "after_at": after_at,
            "after_id": after[1] if after else None,
            "limit": limit,
        }


def _naive(value: datetime | None) -> datetime | None:
    """The graph stores local (naive) times; an aware bound is compared in its own wall time."""
    return value.replace(tzinfo=None) if value is not None else None


@strawberry.type
class TransactionConnection:
    nodes: list[AccountTransaction]
    page_info: PageInfo
    count_key: strawberry.Private[tuple[str, dict[str, Any]]]

    @strawberry.field(description="How many transactions match the filter, over all pages.")
    async def total_count(self, info: Info) -> int:
        no, params = self.count_key
        return await ctx(info).loaders.transaction_counts.load(paged_key(no, **params))


@strawberry.type(description="A bank account.")
class Account:
    id: strawberry.ID
    account_type: str | None
    currency: str | None
    balance: float | None
    status: str | None
    branch_code: str | None
    opened_at: datetime | None

    @staticmethod
    def of(row: Row) -> Account:
        return Account(
            id=strawberry.ID(row["account_no"]),
            account_type=row.get("account_type"),
            currency=row.get("currency"),
            balance=row.get("balance"),
            status=row.get("status"),
            branch_code=row.get("branch_code"),
            opened_at=native(row.get("opened_at")),
        )

    @strawberry.field(description="Who holds the account (primary first).")
    async def holders(self, info: Info) -> list[Holder]:
        rows = await ctx(info).loaders.holders.load(self.id)
        return [
            Holder(customer=Customer.of(info, r["customer"]), role=r["role"], since=native(r["since"]))
            for r in rows
        ]

    @strawberry.field(description="Transactions sent or received, newest first, filtered and paged.")
    async def transactions(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: TransactionFilter | None = None,
    ) -> TransactionConnection:
        c = ctx(info)
        n = page_size(info, first)
        cursor = pages.decode(after, 2, "transactions")
        params = TransactionFilter.params(filter, cursor, n + 1)
        rows = await c.loaders.transactions.load(transactions_key(str(self.id), **params))
        nodes = [AccountTransaction.of(r) for r in rows[:n]]
        end = pages.encode(nodes[-1].occurred_at.isoformat(), str(nodes[-1].id)) if nodes else None
        count_params = {k: v for k, v in params.items() if k not in ("after_at", "after_id", "limit")}
        return TransactionConnection(
            nodes=nodes,
            page_info=PageInfo(has_next_page=len(rows) > n, end_cursor=end),
            count_key=(str(self.id), count_params),
        )


# --- devices --------------------------------------------------------------------------------------


@strawberry.type(description="A device (phone, tablet, PC, kiosk) customers sign in from.")
class Device:
    id: strawberry.ID
    device_type: str | None
    os: str | None
    is_trusted: bool | None
    first_seen_at: datetime | None
    user_count: int = strawberry.field(description="How many customers use it.")

    @staticmethod
    def of(row: Row, users: int) -> Device:
        return Device(
            id=strawberry.ID(row["device_id"]),
            device_type=row.get("device_type"),
            os=row.get("os"),
            is_trusted=row.get("is_trusted"),
            first_seen_at=native(row.get("first_seen_at")),
            user_count=users,
        )

    @strawberry.field(description="The customers who use it, by ID, paged (a kiosk has thousands).")
    async def users(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> CustomerConnection:
        c = ctx(info)
        n = page_size(info, first)
        cursor = pages.decode(after, 1, "device users")
        rows = await c.loaders.device_users.load(
            device_users_key(str(self.id), after=cursor[0] if cursor else None, limit=n + 1)
        )
        nodes = [Customer.of(info, r["customer"]) for r in rows[:n]]
        end = pages.encode(str(nodes[-1].id)) if nodes else None
        return CustomerConnection(
            nodes=nodes,
            page_info=PageInfo(has_next_page=len(rows) > n, end_cursor=end),
            count_query=self.user_count,
        )


@strawberry.type
class DeviceUse:
    customer_id: strawberry.Private[str]
    device: Device
    first_seen: datetime | None
    last_seen: datetime | None
    logins: int

    @strawberry.field(description="Other customers on this device (at most `first`).")
    async def co_users(self, info: Info, first: int = CO_USERS) -> list[Customer]:
        c = ctx(info)
        n = pages.page_size(first, CO_USERS, c.settings.api_max_page_size)
        rows = await c.loaders.device_users.load(device_users_key(str(self.device.id), limit=n + 1))
        return [
            Customer.of(info, r["customer"]) for r in rows if r["customer"]["customer_id"] != self.customer_id
        ][:n]


# --- households and rings -----------------------------------------------------------------------


@strawberry.type
class HouseholdTie:
    a: strawberry.ID
    b: strawberry.ID
    reasons: list[str] = strawberry.field(description="joint_account, surname, ages, device, ...")


@strawberry.type(description="Customers living together, found by the latest detection run.")
class Household:
    id: strawberry.ID
    address: str | None = pii(Kind.ADDRESS, "The shared address (masked by role).")
    size: int
    change: str | None
    ties: list[HouseholdTie]
    member_ids: strawberry.Private[list[str]]
    ring_id: strawberry.Private[str | None]

    @staticmethod
    async def load(info: Info, hid: str) -> Household | None:
        row = await ctx(info).loaders.household.load(hid)
        if row is None:
            return None
        h = row["household"]
        ties = [
            HouseholdTie(a=strawberry.ID(t["a"]), b=strawberry.ID(t["b"]), reasons=list(t["reasons"]))
            for t in json.loads(h.get("ties") or "[]")
        ]
        return Household(
            id=strawberry.ID(h["id"]),
            address=h.get("address"),
            size=h.get("size") or 0,
            change=h.get("change"),
            ties=ties,
            member_ids=row["members"],
            ring_id=row["ring"],
        )

    @strawberry.field
    async def members(self, info: Info) -> list[Customer]:
        return await customers_by_id(info, self.member_ids)

    @strawberry.field(description="The fraud ring the household is part of, if any.")
    async def ring(self, info: Info) -> Ring | None:
        return await Ring.load(info, self.ring_id) if self.ring_id else None


async def customers_by_id(info: Info, ids: list[str]) -> list[Customer]:
    """These customers, in this order, skipping IDs that no longer exist (one batched read)."""
    rows = await ctx(info).loaders.customer.load_many(ids)
    return [Customer.of(info, r["customer"]) for r in rows if r is not None]


@strawberry.enum
class RingStatus(Enum):
    OPEN = "open"
    REOPENED = "reopened"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


@strawberry.enum
class DecisionKind(Enum):
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


@strawberry.type(description="An analyst's decision on a ring.")
class Decision:
    ring_id: strawberry.ID
    decision: DecisionKind
    note: str | None = pii(Kind.FREE_TEXT, "The analyst's words (free text; masked by role).")
    decided_by: str
    decided_at: datetime

    @staticmethod
    def of(d: ring_decisions.Decision) -> Decision:
        return Decision(
            ring_id=strawberry.ID(d.ring_id),
            decision=DecisionKind(d.decision),
            note=d.note,
            decided_by=d.decided_by,
            decided_at=d.decided_at,
        )


@strawberry.type
class SharedIdentifier:
    kind_key: strawberry.Private[str]
    kind: str = strawberry.field(description="phone, email, address, national_id, ip or device.")
    value: str | None = pii_of(_identifier_kind, "Masked by role for personal data.")
    members: int


@strawberry.type
class MoneyFlow:
    transfers: int
    total_vnd: Long
    account_pairs: int
    cycles: int
    accounts_in_cycles: int


@strawberry.type
class OpeningBurst:
    device_id: str
    accounts: int
    members: int
    first_at: str
    span_hours: float


@strawberry.type
class UntrustedDevice:
    device_id: str
    members: int


@strawberry.type
class RuleCount:
    rule: str
    count: int


@strawberry.type
class ScorePart:
    signal: str
    points: float


@strawberry.type(description="Why a ring was raised, in numbers (docs/analytics.md explains each signal).")
class RingEvidence:
    shared_identifiers: list[SharedIdentifier]
    money: MoneyFlow
    bursts: list[OpeningBurst]
    untrusted_devices: list[UntrustedDevice]
    alerts: list[RuleCount]
    score_parts: list[ScorePart]

    @staticmethod
    def of(ev: dict[str, Any]) -> RingEvidence:
        m = ev.get("money") or {}
        return RingEvidence(
            shared_identifiers=[
                SharedIdentifier(kind_key=i["kind"], kind=i["kind"], value=i["key"], members=i["members"])
                for i in ev.get("identifiers", [])
            ],
            money=MoneyFlow(
                transfers=m.get("transfers", 0),
                total_vnd=m.get("total_vnd", 0),
                account_pairs=m.get("account_pairs", 0),
                cycles=m.get("cycles", 0),
                accounts_in_cycles=m.get("accounts_in_cycles", 0),
            ),
            bursts=[
                OpeningBurst(
                    device_id=b["device"],
                    accounts=b["accounts"],
                    members=b["members"],
                    first_at=b["first_at"],
                    span_hours=b["span_hours"],
                )
                for b in ev.get("bursts", [])
            ],
            untrusted_devices=[
                UntrustedDevice(device_id=u["device"], members=u["members"])
                for u in ev.get("untrusted_devices", [])
            ],
            alerts=[RuleCount(rule=k, count=v) for k, v in sorted((ev.get("alerts") or {}).items())],
            score_parts=[ScorePart(signal=k, points=round(v, 1)) for k, v in scoring.parts(ev).items()],
        )


@strawberry.type(description="A suspected fraud ring from the latest detection run.")
class Ring:
    id: strawberry.ID
    score: float
    size: int
    change: str | None
    change_detail: str | None
    detected_status: strawberry.Private[str]
    evidence_json: strawberry.Private[dict[str, Any]]
    member_ids: strawberry.Private[list[str]]
    household_ids: strawberry.Private[list[str]]

    @staticmethod
    async def load(info: Info, rid: str) -> Ring | None:
        row = await ctx(info).loaders.ring.load(rid)
        if row is None:
            return None
        f = row["ring"]
        return Ring(
            id=strawberry.ID(f["id"]),
            score=float(f.get("score") or 0),
            size=f.get("size") or 0,
            change=f.get("change"),
            change_detail=f.get("change_detail") or None,
            detected_status=f.get("status") or "open",
            evidence_json=json.loads(f.get("evidence") or "{}"),
            member_ids=row["members"],
            household_ids=row["households"],
        )

    @strawberry.field(description="open, reopened, confirmed or dismissed, after analysts' decisions.")
    async def status(self, info: Info) -> RingStatus:
        latest = await ctx(info).loaders.decisions.load(str(self.id))
        if not latest:
            return RingStatus(self.detected_status)
        return RingStatus(ring_decisions.status(frozenset(self.member_ids), latest[0])[0])

    @strawberry.field
    async def members(self, info: Info) -> list[Customer]:
        return await customers_by_id(info, self.member_ids)

    @strawberry.field(description="Households inside the ring.")
    async def households(self, info: Info) -> list[Household]:
        found = await asyncio.gather(*(Household.load(info, h) for h in self.household_ids))
        return [h for h in found if h is not None]

    @strawberry.field
    def evidence(self) -> RingEvidence:
        return RingEvidence.of(self.evidence_json)

    @strawberry.field(
        description="The evidence in sentences, strongest first (personal data masked by role)."
    )
    def explanation(self, info: Info) -> list[str]:
        # Sentences quote identifiers, so they are built from the evidence masked for the role,
        # with the same policy as every `pii` field.
        role = ctx(info).principal.role
        ev = dict(self.evidence_json)
        ev["identifiers"] = [
            {
                **i,
                "key": (mask(i["key"], PII_OF_IDENTIFIER[i["kind"]], role) or "(hidden)")
                if i["kind"] in PII_OF_IDENTIFIER
                else i["key"],
            }
            for i in ev.get("identifiers", [])
        ]
        return scoring.explain(ev) if ev.get("money") is not None else []

    @strawberry.field(description="Analysts' decisions on this ring, newest first.")
    async def decisions(self, info: Info) -> list[Decision]:
        return [Decision.of(d) for d in await ctx(info).loaders.decisions.load(str(self.id))]


@strawberry.type
class RingConnection:
    nodes: list[Ring]
    page_info: PageInfo
    count_params: strawberry.Private[dict[str, Any]]

    @strawberry.field
    async def total_count(self, info: Info) -> int:
        return await count(info, "rings_count", self.count_params)


# --- alerts ---------------------------------------------------------------------------------------


@strawberry.type(description="A risk alert raised by `c360 risk scan`.")
class RiskAlert:
    id: strawberry.ID
    rule: str
    severity: str | None
    message: str | None
    raised_at: datetime | None
    status: str | None
    customer_id: strawberry.ID | None
    transaction_id: strawberry.ID | None
    account_no: str | None

    @staticmethod
    def of(a: Row, customer_id: str | None, txn_id: str | None, account_no: str | None) -> RiskAlert:
        return RiskAlert(
            id=strawberry.ID(a["alert_id"]),
            rule=a.get("rule") or "",
            severity=a.get("severity"),
            message=a.get("message"),
            raised_at=native(a.get("raised_at")),
            status=a.get("status"),
            customer_id=strawberry.ID(customer_id) if customer_id else None,
            transaction_id=strawberry.ID(txn_id) if txn_id else None,
            account_no=account_no,
        )

    @strawberry.field
    async def customer(self, info: Info) -> Customer | None:
        if self.customer_id is None:
            return None
        row = await ctx(info).loaders.customer.load(str(self.customer_id))
        return Customer.of(info, row["customer"]) if row else None


@strawberry.type
class AlertConnection:
    nodes: list[RiskAlert]
    page_info: PageInfo
    count_params: strawberry.Private[dict[str, Any]]

    @strawberry.field
    async def total_count(self, info: Info) -> int:
        return await count(info, "alerts_count", self.count_params)
