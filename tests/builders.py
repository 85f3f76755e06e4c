"""A small, readable bank for graph tests: built with the ORM, seeded, on any backend.

Every random choice comes from one seeded `random.Random`; tests print nothing random unseeded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from relational import db
from relational import models as m
from relational.normalize import address_canonical, email_normalized, phone_e164

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Minh", "Nam", "Thảo", "Tuấn")


@dataclass
class BankSize:
    customers: int = 60
    devices: int = 40
    merchants: int = 5
    transactions: int = 400


def build_bank(url: str, size: BankSize | None = None, seed: int = 7) -> None:
    """Migrate the schema and fill it with a small bank."""
    size = size or BankSize()
    rng = random.Random(seed)
    engine = sa.create_engine(url)
    db.upgrade(engine)
    base = datetime(2025, 1, 1)
    with Session(engine) as s:
        s.add_all(
            m.AuthMethod(auth_method=k, description=k, security_level=lvl)
            for k, lvl in (("password", 1), ("otp_sms", 2), ("biometric", 3))
        )
        devices = [
            m.Device(
                device_id=f"fp-{i:05d}",
                device_type="mobile",
                os="Android 14",
                is_trusted=rng.random() < 0.7,
                first_seen_at=base,
            )
            for i in range(size.devices)
        ]
        s.add_all(devices)
        s.add_all(
            m.Merchant(merchant_id=f"MER{i:04d}", name=f"Shop {i}", mcc="5411", city="Hà Nội")
            for i in range(size.merchants)
        )
        s.flush()
        accounts: list[str] = []
        for i in range(size.customers):
            cid = f"CUS{i:09d}"
            opened = base + timedelta(days=rng.randrange(300))
            s.add(
                m.Customer(
                    customer_id=cid,
                    customer_type="individual",
                    full_name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                    date_of_birth=date(
                        1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28)
                    ),
                    gender=rng.choice("MF"),
                    national_id=f"{1 + i:012d}",
                    segment="mass",
                    monthly_income_vnd=Decimal(rng.randrange(5, 80) * 1_000_000),
                    kyc_level=2,
                    opened_at=opened,
                )
            )
            s.flush()
            raw_phone = f"09{rng.randrange(10**8):08d}" if i % 10 else "0000000000"
            s.add(
                m.Phone(
                    customer_id=cid, kind="mobile", raw=raw_phone, e164=phone_e164(raw_phone), is_primary=True
                )
            )
            raw_email = f"User{i}@Example.vn"
            s.add(
                m.Email(
                    customer_id=cid, raw=raw_email, normalized=email_normalized(raw_email), is_primary=True
                )
            )
            raw_addr = f"{1 + i % 25} Lê Lợi, P. Bến Nghé, Q.1, TP.HCM"  # shared by every 25th customer
            s.add(
                m.Address(
                    customer_id=cid,
                    kind="home",
                    raw=raw_addr,
                    normalized=address_canonical(raw_addr),
                    province="Hồ Chí Minh",
                    is_primary=True,
                )
            )
            for j in range(1 + i % 2):
                acc = f"10{i:07d}{j}"
                s.add(
                    m.Account(
                        account_no=acc,
                        account_type=("checking", "savings")[j],
                        currency="VND",
                        balance=Decimal(rng.randrange(10**9)) / 100,
                        status="active",
                        opened_at=opened,
                        branch_code="HCM01",
                        opened_device_id=devices[i % size.devices].device_id,
                    )
                )
                s.flush()
                s.add(m.AccountHolder(account_no=acc, customer_id=cid, role="primary"))
                accounts.append(acc)
            for k in range(1 + i % 3):
                dev = devices[(i + k * 7) % size.devices].device_id
                s.add(
                    m.DeviceUsage(
                        customer_id=cid,
                        device_id=dev,
                        ip_address=f"10.0.{i % 7}.{k}",
                        first_seen_at=opened,
                        last_seen_at=opened + timedelta(days=30),
                        login_count=1 + rng.randrange(50),
                    )
                )
        s.flush()
        for n in range(size.transactions):
            src = rng.choice(accounts)
            kind = rng.random()
            dst = rng.choice([a for a in accounts[:50] if a != src]) if kind < 0.5 else None
            s.add(
                m.Transaction(
                    txn_id=f"TXN{n:010d}",
                    from_account_no=src,
                    to_account_no=dst,
                    merchant_id=f"MER{n % size.merchants:04d}" if 0.5 <= kind < 0.8 else None,
                    counterparty_account=f"99{n % 13:06d}" if kind >= 0.8 else None,
                    counterparty_bank="VCB" if kind >= 0.8 else None,
                    amount_vnd=Decimal(rng.randrange(1, 500) * 10_000),
                    channel="mobile",
                    device_id=devices[n % size.devices].device_id,
                    auth_method=rng.choice(["otp_sms", "biometric"]),
                    occurred_at=base + timedelta(minutes=n * 37),
                    status=rng.choice(["completed"] * 9 + ["failed"]),
                )
            )
        s.flush()
        s.add(
            m.RiskAlert(
                rule="untrusted_device",
                subject_key="TXN0000000001",
                customer_id="CUS000000001",
                txn_id="TXN0000000001",
                severity=3,
                message="transfer from an untrusted device",
                raised_at=base,
            )
        )
        s.commit()
    engine.dispose()


#: What `plant_fraud_patterns` adds, for tests and the Browser guide to point at.
PLANTED_DEVICE = "fp-90000"
PLANTED_CUSTOMERS = tuple(f"CUS80000000{k}" for k in range(1, 5))
PLANTED_ACCOUNTS = tuple(f"20000000{k:02d}" for k in range(1, 5))
PLANTED_CYCLE = PLANTED_ACCOUNTS[:3]
PLANTED_WEAK_AUTH_TXN = "TXN9000000004"
PLANTED_DAY = date(2025, 6, 3)


def plant_fraud_patterns(url: str) -> None:
    """Add, beside a `build_bank` bank, a small mule ring the analyst library must find.

    Four customers whose accounts were opened on one untrusted device within 45 minutes (an opening
    burst); money going round three of the accounts (a cycle); one of them sending 550M VND in a
    day (a daily-limit breach at the default 500M); and a 25M VND leg authenticated by SMS OTP only
    (a high-value transfer without strong authentication). Nothing random: the same rows every time.
    """
    engine = sa.create_engine(url)
    opened = datetime(2025, 6, 2, 10, 0)
    with Session(engine) as s:
        s.add(m.Device(device_id=PLANTED_DEVICE, device_type="mobile", os="Android 9", is_trusted=False,
                       first_seen_at=opened))  # fmt: skip
        s.flush()
        for k, (cid, acc) in enumerate(zip(PLANTED_CUSTOMERS, PLANTED_ACCOUNTS, strict=True)):
            s.add(m.Customer(customer_id=cid, customer_type="individual", full_name=f"Mule {k + 1}",
                             date_of_birth=date(2001, 1, 1 + k), gender="M", national_id=f"8{k + 1:011d}",
                             segment="mass", kyc_level=1, opened_at=opened))  # fmt: skip
            s.flush()
            s.add(m.Account(account_no=acc, account_type="checking", currency="VND", balance=Decimal(0),
                            status="active", opened_at=opened + timedelta(minutes=15 * k),
                            branch_code="HCM01", opened_device_id=PLANTED_DEVICE))  # fmt: skip
            s.flush()
            s.add(m.AccountHolder(account_no=acc, customer_id=cid, role="primary"))
            s.add(m.DeviceUsage(customer_id=cid, device_id=PLANTED_DEVICE, ip_address="10.9.9.9",
                                first_seen_at=opened, last_seen_at=opened + timedelta(days=3),
                                login_count=5))  # fmt: skip
        s.flush()
        a1, a2, a3 = PLANTED_CYCLE
        day = datetime.combine(PLANTED_DAY, datetime.min.time())
        legs = [  # (source, destination, VND, auth method, when)
            (a1, a2, 300_000_000, "biometric", day + timedelta(hours=9)),
            (a1, a2, 250_000_000, "biometric", day + timedelta(hours=15)),
            (a2, a3, 200_000_000, "biometric", day + timedelta(days=1, hours=10)),
            (a3, a1, 25_000_000, "otp_sms", day + timedelta(days=2, hours=11)),
        ]
        for n, (src, dst, amount, auth, when) in enumerate(legs, start=1):
            s.add(m.Transaction(txn_id=f"TXN900000000{n}", from_account_no=src, to_account_no=dst,
                                amount_vnd=Decimal(amount), channel="mobile", device_id=PLANTED_DEVICE,
                                auth_method=auth, occurred_at=when, status="completed"))  # fmt: skip
        s.commit()
    engine.dispose()


#: What `plant_household` adds: a family the analytics pipeline types as a household.
PLANTED_FAMILY = ("CUS700000001", "CUS700000002", "CUS700000003")
PLANTED_FAMILY_DEVICE = "fp-70000"
PLANTED_JOINT_ACCOUNT = "3000000001"


def plant_household(url: str) -> None:
    """Add, beside a `build_bank` bank, one family that ring detection must call a household.

    Father, mother (her own family name, as Vietnamese wives keep theirs) and their son share a
    home address, the family tablet and the home Wi-Fi; the parents hold an account jointly. The
    address is no other customer's, so the three form a group of their own in which everyone is
    family: a household, not a ring. Nothing random: the same rows every time.
    """
    engine = sa.create_engine(url)
    since = datetime(2024, 3, 1, 9, 0)
    home = "88 Hai Bà Trưng, P. Tân Định, Q.1, TP.HCM"
    people = [  # (name, birth date, gender)
        ("Trần Văn Hùng", date(1970, 3, 12), "M"),
        ("Lê Thị Mai", date(1973, 7, 1), "F"),
        ("Trần Minh Khoa", date(2000, 9, 20), "M"),
    ]
    with Session(engine) as s:
        s.add(m.Device(device_id=PLANTED_FAMILY_DEVICE, device_type="tablet", os="iPadOS 17",
                       is_trusted=True, first_seen_at=since))  # fmt: skip
        s.flush()
        for k, (cid, (name, born, gender)) in enumerate(zip(PLANTED_FAMILY, people, strict=True)):
            s.add(m.Customer(customer_id=cid, customer_type="individual", full_name=name,
                             date_of_birth=born, gender=gender, national_id=f"7{k + 1:011d}",
                             segment="mass", kyc_level=2, opened_at=since))  # fmt: skip
            s.flush()
            s.add(m.Address(customer_id=cid, kind="home", raw=home, normalized=address_canonical(home),
                            province="Hồ Chí Minh", is_primary=True))  # fmt: skip
            s.add(m.DeviceUsage(customer_id=cid, device_id=PLANTED_FAMILY_DEVICE, ip_address="10.7.7.7",
                                first_seen_at=since, last_seen_at=since + timedelta(days=90),
                                login_count=20))  # fmt: skip
        s.add(m.Account(account_no=PLANTED_JOINT_ACCOUNT, account_type="checking", currency="VND",
                        balance=Decimal(0), status="active", opened_at=since,
                        branch_code="HCM01"))  # fmt: skip
        s.flush()
        father, mother, _son = PLANTED_FAMILY
        s.add(m.AccountHolder(account_no=PLANTED_JOINT_ACCOUNT, customer_id=father, role="primary"))
        s.add(m.AccountHolder(account_no=PLANTED_JOINT_ACCOUNT, customer_id=mother, role="joint"))
        s.commit()
    engine.dispose()
