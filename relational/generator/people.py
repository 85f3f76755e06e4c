"""Who the customers are: Vietnamese names, birth dates, CCCD and tax codes, phones, e-mails, homes.

Raw values come in the mixed formats branches and apps really type ('0912 345 678', '+84912345678',
'P.' or 'Phường'); the normalized column is always computed with `relational.normalize`, so raw and
normalized agree exactly as ingestion would compute them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from relational import normalize
from relational.generator import keys, reference
from relational.generator.clock import AS_OF, some_time_between
from relational.generator.context import Context


@dataclass(frozen=True, slots=True)
class Home:
    """A street address as the bank knows it: two spellings that normalize to the same value."""

    full: str
    short: str
    province: str

    @property
    def normalized(self) -> str:
        return normalize.address_canonical(self.full)


@dataclass(slots=True)
class Person:
    idx: int
    customer_id: str
    is_org: bool
    family: str
    full_name: str
    gender: str | None
    born: date | None
    province: str
    opened_at: datetime
    income: int
    home: Home
    phone_e164: str
    email: str
    accounts: list[tuple[str, str]] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)
    auths: list[str] = field(default_factory=list)


def pick_province(rng: random.Random) -> tuple[str, str]:
    return rng.choices(reference.PROVINCES, cum_weights=reference.PROVINCE_CUM_WEIGHTS)[0]


def pick_surname(rng: random.Random) -> str:
    return rng.choices(reference.SURNAMES, cum_weights=reference.SURNAME_CUM_WEIGHTS)[0]


def make_home(rng: random.Random, idx: int, province: str, seed: int = 0) -> Home:
    # House and alley numbers are a bijection of idx, so two customers never share a home by chance.
    spot = keys.scatter(idx, seed)
    # Mixed radix: house / alley / sub-alley, as in "124/21/3" (sub-alley only when needed).
    house, alley, sub = spot % 400 + 1, spot // 400 % 60 + 1, spot // 24_000
    number = f"{house}/{alley}/{sub}" if sub else f"{house}/{alley}"
    street, ward = rng.choice(reference.STREETS), rng.choice(reference.WARDS)
    city = province in reference.BRANCH_PREFIX or province in ("Huế",)
    region_full = f"Thành phố {province}" if city else f"Tỉnh {province}"
    region_short = f"TP. {province}" if city else f"Tỉnh {province}"
    if province == "Hồ Chí Minh":
        region_short = "TP.HCM"
    return Home(
        full=f"{number} {street}, Phường {ward}, {region_full}",
        short=f"{number} {street}, P. {ward}, {region_short}",
        province=province,
    )


def raw_phone(rng: random.Random, national: str) -> str:
    """The same number the way different channels capture it."""
    a, b, c = national[:3], national[3:6], national[6:]
    style = rng.randrange(6)
    if style == 0:
        return f"0{national}"
    if style == 1:
        return f"0{a} {b} {c}"
    if style == 2:
        return f"+84 {a} {b} {c}"
    if style == 3:
        return f"+84{national}"
    if style == 4:
        return f"84{national}"
    return f"0{a}-{b}-{c}"


def ascii_slug(text: str) -> str:
    return normalize.strip_accents(text).lower().replace(" ", "")


def add_phone(ctx: Context, customer_id: str, raw: str, *, kind: str, primary: bool, when: str) -> str:
    e164 = normalize.phone_e164(raw)
    ctx.sink.add_numbered("phones", (customer_id, kind, raw, e164, primary, when, when))
    return e164


def add_email(ctx: Context, customer_id: str, raw: str, *, primary: bool, when: str) -> str:
    value = normalize.email_normalized(raw)
    ctx.sink.add_numbered("emails", (customer_id, raw, value, primary, when, when))
    return value


def add_address(ctx: Context, customer_id: str, home: Home, *, kind: str, short: bool, when: str) -> None:
    raw = home.short if short else home.full
    row = (customer_id, kind, raw, home.normalized, home.province, kind == "home", when, when)
    ctx.sink.add_numbered("addresses", row)


_ORG_KINDS = ("Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân")
_ORG_TRADES = ("Thương mại", "Dịch vụ", "Xây dựng", "Vận tải", "Thực phẩm", "Công nghệ", "Du lịch", "May mặc")


def create_person(
    ctx: Context,
    rng: random.Random,
    idx: int,
    *,
    family: str | None = None,
    gender: str | None = None,
    born: date | None = None,
    home: Home | None = None,
    is_org: bool = False,
) -> Person:
    """Write one customer with a home address, a mobile phone and an e-mail; return who it is."""
    province, code = pick_province(rng)
    if home is not None:
        province = home.province
    home = home or make_home(rng, idx, province, ctx.seed)
    cid = keys.customer_id(idx)
    if is_org:
        family = pick_surname(rng)
        name = f"{rng.choice(_ORG_KINDS)} {rng.choice(_ORG_TRADES)} {rng.choice(reference.WARDS)}"
        gender, born = None, None
        opened = some_time_between(rng, datetime(2012, 1, 1), AS_OF - timedelta(days=60))
        income = round(rng.lognormvariate(19.3, 1.0), -5)  # revenue-scale monthly flows, ~240M VND
        segment, kyc = ("corporate" if income > 2_000_000_000 else "sme"), 3
        national_id, tax = None, keys.tax_code(idx)
        local = ascii_slug(rng.choice(_ORG_TRADES))
        email_raw = f"ketoan.{local}{idx}@{rng.choice(('gmail.com', 'outlook.com'))}"
    else:
        family = family or pick_surname(rng)
        gender = gender or rng.choice("MF")
        middle = rng.choice(reference.MIDDLE_MALE if gender == "M" else reference.MIDDLE_FEMALE)
        given = rng.choice(reference.GIVEN_MALE if gender == "M" else reference.GIVEN_FEMALE)
        name = f"{family} {middle} {given}"
        if born is None:
            born = date(AS_OF.year - round(rng.triangular(18, 80, 33)), 1, 1) + timedelta(
                days=rng.randrange(365)
            )
        # A customer opens an account at 16 at the earliest, and the bank's digital book starts in 2010.
        earliest = max(datetime(2010, 1, 1), datetime(born.year + 16, born.month, 1))
        opened = some_time_between(rng, earliest, AS_OF - timedelta(days=30))
        income = max(0, round(rng.lognormvariate(16.3, 0.6), -5))  # median ~12M VND a month
        segment = "private" if income > 150_000_000 else "affluent" if income > 40_000_000 else "mass"
        kyc = rng.choices((1, 2, 3), (10, 30, 60))[0]
        national_id, tax = keys.cccd(code, gender, born, idx, ctx.seed), None
        sep = rng.choice((".", "", "_"))
        local = f"{ascii_slug(given)}{sep}{ascii_slug(family)}{idx}"
        if rng.random() < 0.2:
            local = local.capitalize()
        email_raw = f"{local}@{rng.choice(reference.EMAIL_DOMAINS)}"
    when = keys.ts(opened)
    ctx.sink.add(
        "customers",
        (
            cid,
            "organization" if is_org else "individual",
            name,
            born.isoformat() if born else None,
            gender,
            national_id,
            tax,
            segment,
            income,
            kyc,
            when,
            when,
            when,
        ),
    )
    add_address(ctx, cid, home, kind="home", short=rng.random() < 0.5, when=when)
    e164 = add_phone(
        ctx,
        cid,
        raw_phone(rng, keys.mobile_phone_digits(idx, ctx.seed)),
        kind="mobile",
        primary=True,
        when=when,
    )
    email = add_email(ctx, cid, email_raw, primary=True, when=when)
    ctx.tally["organizations" if is_org else "individuals"] += 1
    return Person(
        idx, cid, is_org, family, name, gender, born, province, opened, int(income), home, e164, email
    )
