"""Households: 2-6 people under one roof, with plausible ages and Vietnamese family names.

The family name comes first ("Nguyễn Văn An"); children take the father's, and a wife keeps her
own, so a household mostly (not always) shares a surname. Members share the home address (spelled
in different ways), the home IP, a family tablet, and the parents hold a joint account.
"""

from __future__ import annotations

import random

from relational.generator import keys
from relational.generator.accounts import add_account, next_ordinal
from relational.generator.clock import AS_OF, activity_time, birth_date, some_time_between
from relational.generator.context import Context
from relational.generator.customers import build_customer
from relational.generator.devices import add_device, add_usage
from relational.generator.people import Person, make_home, pick_province, pick_surname
from relational.generator.transactions import TxnIds, add_txn, everyday


def household_id(number: int) -> str:
    return f"HH{number:07d}"


def family_device(seed: int, number: int) -> str:
    return keys.device_id(seed, "family", number)


def _roles(rng: random.Random, size: int) -> list[str]:
    if size == 2:
        return ["head", "spouse"] if rng.random() < 0.8 else ["head", "child"]
    roles = ["head", "spouse"]
    if size >= 5 and rng.random() < 0.5:
        roles.append("parent")  # a grandparent living with the family
    return roles + ["child"] * (size - len(roles))


def _ages(rng: random.Random, roles: list[str]) -> list[int]:
    """Spouses within ~10 years; children born when both parents were 18-45 (and now 16+, old
    enough to bank); a grandparent 20-35 years older than the head."""
    has_children = "child" in roles
    head = rng.randint(45, 62) if has_children else rng.randint(24, 70)
    spouse = max(20, head + rng.randint(-8, 3))
    parents = [head, spouse] if "spouse" in roles else [head]
    ages = []
    for role in roles:
        if role == "head":
            ages.append(head)
        elif role == "spouse":
            ages.append(spouse)
        elif role == "parent":
            ages.append(min(95, head + rng.randint(20, 35)))
        else:
            ages.append(rng.randint(max(16, max(parents) - 45), min(parents) - 20))
    return ages


def build_household(
    ctx: Context,
    start: int,
    size: int,
    number: int,
    *,
    shares_device: bool = False,
    ring_id: str | None = None,
) -> list[Person]:
    rng = ctx.rng("household", number)
    hid = household_id(number)
    roles = _roles(rng, size)
    ages = _ages(rng, roles)
    surname = pick_surname(rng)
    head_gender = "M" if rng.random() < 0.8 else "F"
    home = make_home(rng, start, pick_province(rng)[0], ctx.seed)
    line = keys.home_ip(start)  # one internet line per home
    members: list[Person] = []
    for i, (role, age) in enumerate(zip(roles, ages, strict=True)):
        idx = start + i
        family, gender = surname, rng.choice("MF")
        if role == "head":
            gender = head_gender
        elif role == "spouse":
            gender = "F" if head_gender == "M" else "M"
            family = surname if rng.random() < 0.25 else pick_surname(rng)
        elif role == "parent" and gender == "F":
            family = pick_surname(rng)
        member_rng = ctx.rng("customer", idx)
        born = birth_date(member_rng, age)
        members.append(
            build_customer(ctx, member_rng, idx, family=family, gender=gender, born=born, home=home, ip=line)
        )
        ctx.sink.add("truth_household_members", (hid, keys.customer_id(idx), role))

    head = members[0]
    device = family_device(ctx.seed, number)
    add_device(ctx, device, "tablet", "iPadOS 17", True, head.opened_at)
    for person in members[: max(2, len(members) - 1)]:
        add_usage(ctx, rng, person.customer_id, device, line, head.opened_at)
    partner = members[1]
    opened = some_time_between(rng, max(head.opened_at, partner.opened_at), AS_OF)
    add_account(
        ctx,
        rng,
        head,
        next_ordinal(head),
        rng.choice(("savings", "checking")),
        opened=opened,
        joint_with=partner.customer_id,
    )
    if shares_device:
        # Neighbours or relatives using the previous household's tablet: legitimate, yet it links
        # two households through a device exactly as a ring would be linked.
        other = family_device(ctx.seed, number - 1)
        add_usage(ctx, rng, head.customer_id, other, line, head.opened_at)
        detail = f"{household_id(number - 1)} and {hid} use device {other}"
        ctx.confounder("household_shared_device", other, head.customer_id, detail)

    ids = TxnIds("F", start)
    for person, role in zip(members, roles, strict=True):
        everyday(ctx, ctx.rng("activity", person.idx), person, start + size)
        if role == "child" and rng.random() < 0.7:  # pocket money from the head, each month
            for _ in range(ctx.profile.months):
                add_txn(
                    ctx,
                    ids.next(),
                    head.accounts[0][0],
                    to_account=person.accounts[0][0],
                    amount=rng.choice((500_000, 1_000_000, 2_000_000)),
                    when=activity_time(rng, ctx.profile.months),
                    channel="mobile",
                    device=head.devices[0],
                    auth="biometric" if "biometric" in head.auths else "otp_sms",
                    description="Tien tieu vat",
                )
    ctx.sink.add("truth_households", (hid, size, surname, home.normalized, ring_id))
    ctx.tally["households"] += 1
    ctx.tally["household_members"] += size
    return members
