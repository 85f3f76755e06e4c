"""One ordinary customer, start to finish: identity, devices, enrolments, accounts, hubs, activity."""

from __future__ import annotations

import random
from datetime import date

from relational.generator.accounts import open_accounts
from relational.generator.context import Context
from relational.generator.devices import enroll, equip
from relational.generator.people import Home, Person, create_person
from relational.generator.plan import Unit
from relational.generator.transactions import everyday


def build_customer(
    ctx: Context,
    rng: random.Random,
    idx: int,
    *,
    family: str | None = None,
    gender: str | None = None,
    born: date | None = None,
    home: Home | None = None,
    ip: str | None = None,
    is_org: bool = False,
) -> Person:
    """Write everything a customer owns except transactions (those need the unit's accounts)."""
    person = create_person(ctx, rng, idx, family=family, gender=gender, born=born, home=home, is_org=is_org)
    several = ctx.hubs.multi_device.rank(idx) is not None
    # Several phones, a laptop and a tablet are normal for some people: not a fraud signal alone.
    count = rng.randint(3, 5) if several else (2 if rng.random() < 0.3 else 1)
    equip(ctx, rng, person, count, ip=ip)
    if several:
        ctx.confounder(
            "multi_device_customer", person.customer_id, person.customer_id, f"{count} own devices"
        )
    enroll(ctx, rng, person)
    open_accounts(ctx, rng, person)
    ctx.hubs.apply(ctx, rng, person)
    return person


def build_single(ctx: Context, unit: Unit) -> None:
    rng = ctx.rng("customer", unit.start)
    person = build_customer(ctx, rng, unit.start, is_org=rng.random() < ctx.profile.org_share)
    everyday(ctx, rng, person, unit.end)
