"""Accounts and who holds them: a current account for everyone, then a plausible mix on top."""

from __future__ import annotations

import random
from datetime import datetime

from relational.generator import keys, reference
from relational.generator.clock import AS_OF, some_time_between
from relational.generator.context import Context
from relational.generator.people import Person

# Extra accounts beyond the current account: 0..4, about 1.1 on average (about 2 per customer with
# the joint and mule accounts households and rings add).
_EXTRA_COUNTS = (0, 1, 2, 3, 4)
_EXTRA_WEIGHTS = (33, 34, 21, 9, 3)
_EXTRA_TYPES = ("savings", "ewallet", "card", "loan")
_EXTRA_TYPE_WEIGHTS = (35, 25, 25, 15)
_STATUSES = ("active", "dormant", "closed", "frozen")
_STATUS_WEIGHTS = (85, 8, 5, 2)


def branch_code(rng: random.Random, province: str) -> str:
    prefix = reference.BRANCH_PREFIX.get(province)
    if prefix is None:
        prefix = "CN" + dict(reference.PROVINCES)[province]
    return f"{prefix}{rng.randint(1, 25 if len(prefix) <= 3 else 4):03d}"


def balance(rng: random.Random, account_type: str, income: int) -> int:
    """Whole dong. Only cards and loans carry a debit (negative) balance (a CHECK says so)."""
    base = max(income, 3_000_000)
    if account_type == "checking":
        value = rng.lognormvariate(0, 1.0) * base * 0.8
    elif account_type == "savings":
        value = rng.lognormvariate(0, 1.0) * base * 6
    elif account_type == "ewallet":
        value = rng.lognormvariate(13, 1.0)  # ~450k VND
    elif account_type == "card":
        value = -rng.random() * base * 0.5
    else:
        value = -rng.lognormvariate(19.5, 0.8)  # loans ~300M VND outstanding
    return int(round(value, -3))


def add_account(
    ctx: Context,
    rng: random.Random,
    person: Person,
    ordinal: int,
    account_type: str,
    *,
    opened: datetime,
    status: str = "active",
    device_id: str | None = None,
    joint_with: str | None = None,
) -> str:
    if ordinal > 9:
        raise ValueError(f"customer {person.customer_id} would get an 11th account; account_no allows 10")
    account_no = keys.account_no(person.idx, ordinal)
    when = keys.ts(opened)
    row = (
        account_no,
        account_type,
        "VND",
        balance(rng, account_type, person.income),
        status,
        when,
        branch_code(rng, person.province),
        device_id,
        when,
        when,
    )
    ctx.sink.add("accounts", row)
    ctx.sink.add("account_holders", (account_no, person.customer_id, "primary", when, when))
    if joint_with is not None:
        ctx.sink.add("account_holders", (account_no, joint_with, "joint", when, when))
        ctx.tally["joint_accounts"] += 1
    person.accounts.append((account_no, account_type))
    return account_no


def open_accounts(ctx: Context, rng: random.Random, person: Person) -> None:
    """Ordinal 0 is an active current account opened with the customer, so that anyone can send
    money to `account_no(idx, 0)` without looking anything up. Digital openings record the device."""
    add_account(ctx, rng, person, 0, "checking", opened=person.opened_at)
    extra = rng.choices(_EXTRA_COUNTS, _EXTRA_WEIGHTS)[0] + (2 if person.is_org else 0)
    for ordinal in range(1, min(extra, 5) + 1):
        account_type = rng.choices(_EXTRA_TYPES, _EXTRA_TYPE_WEIGHTS)[0]
        opened = some_time_between(rng, person.opened_at, AS_OF)
        # Onboarding in the app (and so a recorded device) only became usual from 2019.
        digital = opened.year >= 2019 and (account_type == "ewallet" or rng.random() < 0.6)
        device = person.devices[0] if digital and person.devices else None
        status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
        add_account(ctx, rng, person, ordinal, account_type, opened=opened, status=status, device_id=device)


def next_ordinal(person: Person) -> int:
    return len(person.accounts)
