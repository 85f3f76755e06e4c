"""Devices, who logs in on them from where, and which authentication methods each customer enrolled.

A device is a row of its own (keyed by its fingerprint) and a login history in `device_usage`
aggregated per (customer, device, IP): sharing a device between customers is a usage row, not a
copy of the device.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from relational.generator import keys, reference
from relational.generator.clock import AS_OF, some_time_between, window_start
from relational.generator.context import Context
from relational.generator.people import Person

_LATE = AS_OF - timedelta(days=1)


def add_device(
    ctx: Context, device_id: str, device_type: str, os: str, trusted: bool, first_seen: datetime
) -> None:
    when = keys.ts(first_seen)
    ctx.sink.add("devices", (device_id, device_type, os, trusted, when, when, when))
    ctx.tally["devices"] += 1


def os_for(rng: random.Random, device_type: str) -> str:
    if device_type == "desktop":
        return rng.choice(reference.DESKTOP_OS)
    if device_type == "tablet":
        return rng.choice(reference.TABLET_OS)
    return rng.choice(reference.MOBILE_OS)


def add_usage(
    ctx: Context,
    rng: random.Random,
    customer_id: str,
    device_id: str,
    ip: str,
    since: datetime,
    *,
    logins: int | None = None,
) -> None:
    """Logins of one customer on one device from one IP, between `since` and (about) now."""
    first = max(since, window_start(ctx.profile.months) - timedelta(days=rng.randrange(400)))
    last = some_time_between(rng, first, _LATE) if first < _LATE else first
    count = logins if logins is not None else 1 + int(rng.expovariate(1 / 40))
    row = (customer_id, device_id, ip, keys.ts(first), keys.ts(last), count, keys.ts(first), keys.ts(last))
    ctx.sink.add_numbered("device_usage", row)


def equip(ctx: Context, rng: random.Random, person: Person, count: int = 1, *, ip: str | None = None) -> None:
    """The customer's own devices (a phone first), each used from home (`ip`: the family's line)."""
    since = max(person.opened_at, datetime(2016, 1, 1))
    for n in range(count):
        device_type = "mobile" if n == 0 else rng.choice(("desktop", "tablet", "mobile"))
        device_id = keys.device_id(ctx.seed, "own", person.idx, n)
        add_device(ctx, device_id, device_type, os_for(rng, device_type), rng.random() < 0.9, since)
        add_usage(ctx, rng, person.customer_id, device_id, ip or keys.home_ip(person.idx), since)
        person.devices.append(device_id)


def enroll(ctx: Context, rng: random.Random, person: Person) -> None:
    """Everyone has a password and SMS OTP; stronger methods depend on the customer."""
    methods = ["password", "otp_sms"]
    if rng.random() < 0.65:
        methods.append("biometric")
    if rng.random() < 0.35:
        methods.append("otp_app")
    if person.is_org:
        methods.append("digital_signature")
    when = keys.ts(person.opened_at)
    for method in methods:
        ctx.sink.add("customer_auth_methods", (person.customer_id, method, when, when, when))
    person.auths = methods
