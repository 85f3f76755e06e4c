"""Everyday money movement: card and QR payments, transfers, ATM withdrawals, with bank rhythms.

Every transaction has exactly one destination (an account of ours, a merchant, or an external
counterparty), as the schema's CHECK demands. A transfer to another customer goes to that customer's
current account `account_no(j, 0)` with j below `upto`: accounts of customers already written, so the
foreign key holds while the bank is streamed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from relational.generator import keys, reference
from relational.generator.clock import activity_time
from relational.generator.context import Context
from relational.generator.people import Person

_STATUSES = ("completed", "failed", "pending", "reversed")
_STATUS_WEIGHTS = (95.5, 3.0, 0.7, 0.8)
_KINDS = ("merchant", "p2p", "external", "atm", "own")
_KIND_WEIGHTS = (55, 18, 10, 12, 5)
_STRONG = ("biometric", "otp_app", "digital_signature")
#: Above this (VND) the bank asks for a strong method; a weak one here is a risk signal.
STRONG_AUTH_FROM = 10_000_000


@dataclass(slots=True)
class TxnIds:
    """Transaction ids owned by one unit: prefix + owner number + running count."""

    prefix: str
    owner: int
    n: int = 0

    def next(self) -> str:
        self.n += 1
        return keys.txn_id(self.prefix, self.owner, self.n)


def merchant_of(m: int) -> tuple[str, str, int]:
    """Merchant m's (id, mcc, median ticket): a function of m, so no merchant table in memory."""
    mcc, _stem, ticket = reference.MCC_CATALOGUE[m % len(reference.MCC_CATALOGUE)]
    return keys.merchant_id(m), mcc, ticket


def add_txn(
    ctx: Context,
    txn_id: str,
    from_account: str,
    *,
    amount: int,
    when: datetime,
    channel: str,
    to_account: str | None = None,
    merchant: str | None = None,
    counterparty: tuple[str, str] | None = None,
    device: str | None = None,
    auth: str | None = None,
    status: str = "completed",
    description: str | None = None,
) -> None:
    account, bank = counterparty if counterparty else (None, None)
    stamp = keys.ts(when)
    row = (
        txn_id,
        from_account,
        to_account,
        merchant,
        account,
        bank,
        max(1_000, amount),
        channel,
        device,
        auth,
        stamp,
        status,
        description,
        stamp,
        stamp,
    )
    ctx.sink.add("transactions", row)


def external_account(rng: random.Random) -> tuple[str, str]:
    return f"{rng.randrange(10**11, 10**13)}", rng.choice(reference.OTHER_BANKS)


def atm(rng: random.Random) -> tuple[str, str]:
    # Cash leaves the bank: the counterparty is the ATM terminal, the "bank" is cash.
    return f"ATM-{rng.randrange(1, 3000):05d}", "CASH"


def pick_auth(rng: random.Random, person: Person, amount: int) -> str:
    strong = [m for m in person.auths if m in _STRONG]
    if amount >= STRONG_AUTH_FROM and strong and rng.random() < 0.95:
        return rng.choice(strong)
    return rng.choice(person.auths or ["password"])


def _round(value: float) -> int:
    return max(1_000, int(round(value, -3)))


def everyday(ctx: Context, rng: random.Random, person: Person, upto: int) -> None:
    """The customer's ordinary transactions over the window; count varies a lot between people."""
    mean = ctx.profile.txns_per_customer_month * ctx.profile.months * (4 if person.is_org else 1)
    count = int(rng.gammavariate(2.0, mean / 2.0))
    ids = TxnIds("T", person.idx)
    current = person.accounts[0][0]
    savings = [no for no, kind in person.accounts if kind == "savings"]
    spend = [no for no, kind in person.accounts if kind in ("checking", "ewallet", "card")]
    for _ in range(count):
        kind = rng.choices(_KINDS, _KIND_WEIGHTS)[0]
        if (kind == "p2p" and upto < 2) or (kind == "own" and not savings):
            kind = "merchant"
        status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
        if kind == "merchant":
            mid, mcc, ticket = merchant_of(rng.randrange(ctx.merchants))
            amount = _round(rng.lognormvariate(0, 0.7) * ticket)
            channel = rng.choices(("pos", "mobile", "internet"), (45, 40, 15))[0]
            when = activity_time(rng, ctx.profile.months, month_end=mcc in reference.MONTH_END_MCCS)
            source = rng.choice(spend) if rng.random() < 0.4 else current
            device = None if channel == "pos" else rng.choice(person.devices)
            auth = (
                ("password" if amount > 1_000_000 else None)
                if channel == "pos"
                else pick_auth(rng, person, amount)
            )
            add_txn(
                ctx,
                ids.next(),
                source,
                amount=amount,
                when=when,
                channel=channel,
                merchant=mid,
                device=device,
                auth=auth,
                status=status,
                description=f"Thanh toan MCC {mcc}",
            )
            continue
        when = activity_time(rng, ctx.profile.months)
        if kind == "atm":
            amount = rng.choice((500_000, 1_000_000, 2_000_000, 3_000_000, 5_000_000))
            add_txn(
                ctx,
                ids.next(),
                current,
                amount=amount,
                when=when,
                channel="atm",
                counterparty=atm(rng),
                auth="password",
                status=status,
                description="Rut tien ATM",
            )
            continue
        channel = rng.choices(("mobile", "internet"), (80, 20))[0]
        device = rng.choice(person.devices)
        if kind == "p2p":
            j = rng.randrange(upto - 1)
            j = j + 1 if j >= person.idx else j  # anyone below `upto` but the customer
            amount = _round(rng.lognormvariate(13.1, 1.2))
            to_account = keys.account_no(j, 0)
            text = rng.choice(("Chuyen tien", "Tra tien an", "Gui tien me", "Tien nha", "CK"))
        elif kind == "external":
            amount = _round(rng.lognormvariate(14.5, 1.1))
            account, bank = external_account(rng)
            text = f"CK lien ngan hang {bank}"
            add_txn(
                ctx,
                ids.next(),
                current,
                amount=amount,
                when=when,
                channel=channel,
                counterparty=(account, bank),
                device=device,
                auth=pick_auth(rng, person, amount),
                status=status,
                description=text,
            )
            continue
        else:
            amount = _round(rng.lognormvariate(14.9, 0.8))
            to_account, text = rng.choice(savings), "Gui tiet kiem"
        add_txn(
            ctx,
            ids.next(),
            current,
            amount=amount,
            when=when,
            channel=channel,
            device=device,
            auth=pick_auth(rng, person, amount),
            status=status,
            description=text,
            to_account=to_account,
        )
