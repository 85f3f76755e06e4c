"""How fraudsters move: accounts opened in a burst on one device, money in from victims, passed
around, then cashed out. Used by rings and by lone fraudsters (one person, same moves, no ring)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from relational.generator import keys
from relational.generator.accounts import add_account, next_ordinal
from relational.generator.clock import AS_OF, some_time_between, window_start
from relational.generator.context import Context
from relational.generator.customers import build_customer
from relational.generator.devices import add_device, add_usage
from relational.generator.people import Person
from relational.generator.plan import Unit
from relational.generator.transactions import TxnIds, add_txn, atm, everyday, external_account

#: Where a burst happens: a cheap Android phone on a mobile network's shared IP.
BURST_OS = "Android 11"


def burst_start(ctx: Context, rng: random.Random) -> datetime:
    start = window_start(ctx.profile.months)
    return some_time_between(rng, start, max(start + timedelta(days=1), AS_OF - timedelta(days=25)))


def burst_open(
    ctx: Context, rng: random.Random, owners: list[Person], device: str, at: datetime, ip: str
) -> list[tuple[str, Person]]:
    """Each owner opens one account on the same device within a few hours: the onboarding burst."""
    add_device(ctx, device, "mobile", BURST_OS, False, at - timedelta(hours=2))
    opened: list[tuple[str, Person]] = []
    logged_in: set[str] = set()
    for person in owners:
        when = at + timedelta(minutes=rng.randrange(6 * 60))
        kind = rng.choice(("ewallet", "checking"))
        account = add_account(ctx, rng, person, next_ordinal(person), kind, opened=when, device_id=device)
        if person.customer_id not in logged_in:  # usage is one row per (customer, device, ip)
            logged_in.add(person.customer_id)
            add_usage(ctx, rng, person.customer_id, device, ip, when, logins=rng.randint(3, 30))
        opened.append((account, person))
    return opened


def victim_inflow(
    ctx: Context, rng: random.Random, ids: TxnIds, accounts: list[str], upto: int, after: datetime
) -> tuple[int, datetime]:
    """Transfers from unrelated customers (victims) into the fraud accounts; returns total and end."""
    total, last = 0, after
    if upto < 1:
        return 0, after
    for account in accounts:
        for _ in range(rng.randint(1, 4)):
            j = rng.randrange(upto)
            amount = int(round(rng.uniform(5_000_000, 50_000_000), -3))
            when = after + timedelta(hours=rng.uniform(1, 240))
            add_txn(
                ctx,
                ids.next(),
                keys.account_no(j, 0),
                to_account=account,
                amount=amount,
                when=when,
                channel="mobile",
                device=keys.device_id(ctx.seed, "own", j, 0),
                auth="otp_sms",
                description="Chuyen tien dat coc",
            )
            total, last = total + amount, max(last, when)
    return total, last


def circulate(
    ctx: Context, rng: random.Random, ids: TxnIds, accounts: list[str], device: str, amount: int, at: datetime
) -> datetime:
    """Pass the money around the accounts in a cycle, 1-3 times, shaving a little each hop."""
    when = at
    for _ in range(rng.randint(1, 3)):
        for i, source in enumerate(accounts):
            amount = int(amount * rng.uniform(0.97, 0.995))
            when += timedelta(minutes=rng.randint(10, 180))
            add_txn(
                ctx,
                ids.next(),
                source,
                to_account=accounts[(i + 1) % len(accounts)],
                amount=amount,
                when=when,
                channel="mobile",
                device=device,
                auth="otp_sms",
                description="CK",
            )
    return when


def cash_out(
    ctx: Context, rng: random.Random, ids: TxnIds, accounts: list[str], device: str, amount: int, at: datetime
) -> None:
    """Out of the bank: to one collector account at another bank, or as cash at ATMs."""
    collector = external_account(rng)
    share = max(1_000, amount // max(1, len(accounts)))
    for account in accounts:
        when = at + timedelta(hours=rng.uniform(2, 72))
        if rng.random() < 0.5:
            add_txn(
                ctx,
                ids.next(),
                account,
                counterparty=collector,
                amount=share,
                when=when,
                channel="mobile",
                device=device,
                auth="otp_sms",
                description="CK lien ngan hang",
            )
            continue
        left = share
        while left > 0:
            piece = min(left, 5_000_000)
            add_txn(
                ctx,
                ids.next(),
                account,
                counterparty=atm(rng),
                amount=piece,
                when=when,
                channel="atm",
                auth="password",
            )
            left -= piece
            when += timedelta(minutes=rng.randint(2, 20))


def build_lone(ctx: Context, unit: Unit) -> None:
    """A lone fraudster: several accounts opened in a burst on one device, victims' money in, cash
    out. No one shares anything with them: it is fraud, but not a ring."""
    rng = ctx.rng("lone", unit.number)
    person = build_customer(ctx, rng, unit.start)
    device = keys.device_id(ctx.seed, "lone", unit.number)
    at = burst_start(ctx, rng)
    slots = min(rng.randint(2, 4), 10 - next_ordinal(person))
    opened = burst_open(ctx, rng, [person] * slots, device, at, keys.home_ip(unit.start))
    accounts = [account for account, _ in opened]
    ids = TxnIds("L", unit.start)
    total, last = victim_inflow(ctx, rng, ids, accounts, unit.start, at)
    cash_out(ctx, rng, ids, accounts, device, max(total, 1_000_000), last)
    everyday(ctx, rng, person, unit.end)
    ctx.confounder(
        "lone_fraudster", person.customer_id, person.customer_id, f"{len(accounts)} accounts on {device}"
    )
