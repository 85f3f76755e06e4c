"""Fraud rings: 3-30 unrelated people (different surnames and homes) tied by shared identifiers.

The shape says how the ties run: a *star* (everyone borrows something of one organizer), a *chain*
(each member borrows from the previous one, so the ends share nothing directly) or a *mesh* (a
closed chain with extra ties). On top, most members open a mule account in a burst on one device,
victims pay in, the money circulates around the mule accounts and is cashed out. Some rings contain
a real household, which a household-vs-ring classifier must not use as an excuse.
"""

from __future__ import annotations

import random

from relational import normalize
from relational.generator import keys, reference
from relational.generator.context import Context
from relational.generator.customers import build_customer
from relational.generator.devices import add_usage
from relational.generator.fraud import burst_open, burst_start, cash_out, circulate, victim_inflow
from relational.generator.households import build_household, household_id
from relational.generator.people import Person, add_address, add_email, add_phone, raw_phone
from relational.generator.plan import Unit
from relational.generator.transactions import TxnIds, everyday
from relational.truth import SHARED_KINDS

_KIND_WEIGHTS = (40, 25, 15, 20)  # device, phone, email, address


def ring_id(number: int) -> str:
    return f"R{number:06d}"


def links(rng: random.Random, shape: str, size: int) -> list[tuple[int, int]]:
    """(a, b) pairs: b takes one of a's identifiers."""
    if shape == "star":
        return [(0, b) for b in range(1, size)]
    chain = [(b - 1, b) for b in range(1, size)]
    if shape == "chain":
        return chain
    extra = [tuple(rng.sample(range(size), 2)) for _ in range(max(1, size // 2))]
    return [*chain, (size - 1, 0), *((a, b) for a, b in extra)]


def share(
    ctx: Context, rng: random.Random, owner: Person, taker: Person, kind: str, done: set[tuple[str, str]]
) -> bool:
    """`taker` records `owner`'s identifier of `kind` as its own; False if it already had it."""
    when = keys.ts(taker.opened_at)
    if kind == "device":
        key = (taker.customer_id, owner.devices[0])
        if key in done or owner.devices[0] in taker.devices:
            return False
        add_usage(ctx, rng, taker.customer_id, owner.devices[0], keys.home_ip(taker.idx), taker.opened_at)
    elif kind == "phone":
        key = (taker.customer_id, owner.phone_e164)
        if key in done:
            return False
        add_phone(
            ctx,
            taker.customer_id,
            raw_phone(rng, owner.phone_e164[3:]),
            kind="mobile",
            primary=False,
            when=when,
        )
    elif kind == "email":
        key = (taker.customer_id, owner.email)
        if key in done:
            return False
        raw = owner.email.upper() if rng.random() < 0.3 else owner.email
        add_email(ctx, taker.customer_id, raw, primary=False, when=when)
    else:
        key = (taker.customer_id, owner.home.normalized)
        if key in done or owner.home.normalized == taker.home.normalized:
            return False
        add_address(ctx, taker.customer_id, owner.home, kind="mailing", short=rng.random() < 0.5, when=when)
    done.add(key)
    return True


def build_ring(ctx: Context, unit: Unit) -> None:
    rng = ctx.rng("ring", unit.number)
    rid = ring_id(unit.number)
    members: list[Person] = []
    taken: set[str] = set()
    if unit.household_size:
        members = build_household(ctx, unit.start, unit.household_size, unit.household_number, ring_id=rid)
        taken = {normalize.strip_accents(m.family) for m in members}
        ctx.confounder(
            "ring_with_household", rid, None, f"{household_id(unit.household_number)} is inside {rid}"
        )
    # Unrelated people: a different family name for each (as far as the name list goes).
    pool = [s for s in reference.SURNAMES if normalize.strip_accents(s) not in taken]
    rng.shuffle(pool)
    for i in range(len(members), unit.size):
        idx = unit.start + i
        members.append(build_customer(ctx, ctx.rng("customer", idx), idx, family=pool[i % len(pool)]))

    done: set[tuple[str, str]] = set()
    kinds: set[str] = set()
    for a, b in links(rng, unit.shape, unit.size):
        kind = rng.choices(SHARED_KINDS, _KIND_WEIGHTS)[0]
        if a != b and share(ctx, rng, members[a], members[b], kind, done):
            kinds.add(kind)

    device = keys.device_id(ctx.seed, "ring", unit.number)
    at = burst_start(ctx, rng)
    mules = rng.sample(members, max(2, round(unit.size * 0.6)))
    opened = burst_open(ctx, rng, mules, device, at, f"27.72.{unit.number // 250}.{unit.number % 250 + 2}")
    accounts = [account for account, _ in opened]
    ids = TxnIds("R", unit.number)
    total, last = victim_inflow(ctx, rng, ids, accounts, unit.start, at)
    end = circulate(ctx, rng, ids, accounts, device, max(total, 10_000_000), last)
    cash_out(ctx, rng, ids, accounts, device, max(total, 10_000_000) // 2, end)
    for person in members[unit.household_size :]:
        everyday(ctx, ctx.rng("activity", person.idx), person, unit.end)

    mule_ids = {p.customer_id for p in mules}
    household = household_id(unit.household_number) if unit.household_size else None
    ctx.sink.add(
        "truth_rings", (rid, unit.shape, unit.size, ",".join(sorted(kinds | {"device"})), device, household)
    )
    for i, person in enumerate(members):
        role = (
            "organizer"
            if i == 0 and unit.shape == "star"
            else "mule"
            if person.customer_id in mule_ids
            else "member"
        )
        ctx.sink.add("truth_ring_members", (rid, person.customer_id, role))
    ctx.tally["rings"] += 1
    ctx.tally[f"ring_shape:{unit.shape}"] += 1
    ctx.tally["ring_members"] += unit.size
