"""Deterministic business keys and hashing.

Keys are functions of the customer's position (its index), never of a counter shared across the
run, so any part of the bank can name another part's account or device without looking it up: a
transfer to customer j goes to `account_no(j, 0)`, which exists because every customer's first
account is a current account. That is what lets the generator stream without keeping the bank in
memory.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date, datetime

_MASK = (1 << 64) - 1


def mix(*parts: int) -> int:
    """splitmix64 over the parts: a fast, well-spread 64-bit hash of small integers."""
    h = 0x9E3779B97F4A7C15
    for part in parts:
        h = (h ^ (part & _MASK)) & _MASK
        h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & _MASK
        h ^= h >> 31
    return h


def salt(label: str) -> int:
    return int.from_bytes(hashlib.blake2b(label.encode(), digest_size=8).digest(), "big")


class Selection:
    """Exactly `k` of the indices 0..n-1, chosen by seed, answerable one index at a time.

    `(a*i + b) mod n` with gcd(a, n) = 1 is a permutation of 0..n-1, so the indices whose image is
    below k are exactly k of them: exact hub sizes with no list of members held in memory.
    """

    def __init__(self, n: int, k: int, seed: int, label: str) -> None:
        self.n, self.k = n, min(k, n)
        h = mix(seed, salt(label))
        a = h % n if n > 1 else 1
        while math.gcd(a, n) != 1 or a == 0:
            a += 1
        self.a, self.b = a, (h >> 32) % n

    def rank(self, idx: int) -> int | None:
        """The index's rank among the chosen (0..k-1), or None when it is not chosen."""
        r = (self.a * idx + self.b) % self.n
        return r if r < self.k else None


def customer_id(idx: int) -> str:
    return f"C{idx + 1:09d}"


def account_no(idx: int, ordinal: int) -> str:
    # 12 digits like a real current account; ordinal 0..9 is the customer's n-th account.
    return str(100_000_000_000 + idx * 10 + ordinal)


def device_id(seed: int, kind: str, *parts: int) -> str:
    """A fingerprint-like 32-hex id; the same (seed, kind, parts) always names the same device."""
    text = f"{seed}:{kind}:{':'.join(map(str, parts))}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def txn_id(prefix: str, owner: int, n: int) -> str:
    return f"{prefix}{owner:010d}{n:05d}"


def merchant_id(n: int) -> str:
    return f"M{n + 1:07d}"


def home_ip(idx: int) -> str:
    # One residential address per customer from a /11 of a Vietnamese ISP: unique up to 2M customers,
    # so two customers never share a home IP by accident (only planted sharing links people).
    return f"113.{160 + (idx >> 16 & 31)}.{idx >> 8 & 255}.{idx & 255}"


def mobile_phone_digits(idx: int, seed: int) -> str:
    """9 national digits after +84, unique per customer (a bijection of idx per prefix)."""
    from relational.generator.reference import MOBILE_PREFIXES

    prefix = MOBILE_PREFIXES[idx % len(MOBILE_PREFIXES)]
    # A per-prefix offset from the seed keeps it a bijection while making numbers look random.
    offset = mix(seed, idx % len(MOBILE_PREFIXES)) % 10_000_000
    body = (idx // len(MOBILE_PREFIXES) * 7_654_321 + offset) % 10_000_000
    return f"{prefix}{body:07d}"


def cccd(province_code: str, gender: str, born: date, idx: int, seed: int) -> str:
    """A 12-digit CCCD: province of birth, gender-and-century digit, year of birth, 6 serial digits.

    The serial is a bijection of idx modulo 10^6, so numbers are unique up to a million customers
    per (province, gender, year)."""
    century = 0 if born.year < 2000 else 2
    sex_digit = century + (1 if gender == "F" else 0)
    serial = (idx * 387_420_489 + mix(seed, 12) % 1_000_000) % 1_000_000
    return f"{province_code}{sex_digit}{born.year % 100:02d}{serial:06d}"


#: A prime above the largest bank: `scatter` is a bijection of 0..MAX-1 onto itself.
_SCATTER_MOD = 1_000_003


def scatter(idx: int, seed: int) -> int:
    """idx permuted, so that consecutive customers do not get consecutive-looking house numbers."""
    return (idx * 7_919 + mix(seed, 7) % _SCATTER_MOD) % _SCATTER_MOD


def tax_code(idx: int) -> str:
    # 10 digits; the first two are the tax department (03 is Ho Chi Minh City's); the rest from idx.
    return f"03{idx:08d}"


def ts(value: datetime) -> str:
    """The text form both backends read back as the same timestamp (SQLAlchemy's SQLite format)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")
