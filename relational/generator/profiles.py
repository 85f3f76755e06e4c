"""Scale profiles: how many of each planted thing a bank of N customers gets.

Rates are per 100k customers so a profile scales with N; every count has a floor so that a small
bank (a test's 200 customers) still has at least one of every ring shape and confounder kind.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from c360.errors import C360Error


@dataclass(frozen=True, slots=True)
class ScaleProfile:
    name: str
    months: int = 6
    #: Everyday transactions per customer and month (about 10 per customer over 6 months).
    txns_per_customer_month: float = 1.7
    org_share: float = 0.04
    #: Share of customers who live in a planted household of 2-6 people.
    household_share: float = 0.30
    rings_per_100k: float = 40.0
    ring_size_max: int = 30
    lone_fraudsters_per_100k: float = 10.0
    #: Share of rings that contain a household (a family that is also a fraud ring).
    ring_household_share: float = 0.10
    #: Share of households whose family device is also used by the neighbouring household.
    household_shared_device_share: float = 0.02
    multi_device_share: float = 0.03
    # Hubs: identifiers shared by very many unrelated customers. Per kind: how many hub instances
    # per 100k customers, and what share of all customers touches one.
    hubs_per_100k: float = 2.0
    hub_customer_share: float = 0.02
    #: A hub must be big enough to be a hub: detectors usually cut identifiers above degree ~10.
    hub_min_members: int = 15
    batch_rows: int = 10_000


PROFILES: dict[str, ScaleProfile] = {
    # Fewer transactions: quick tests and demos; the planted truth is the same.
    "small": ScaleProfile(name="small", months=3, txns_per_customer_month=1.2),
    "default": ScaleProfile(name="default"),
    # More rings, more confounders: a harder benchmark for detectors.
    "fraud-heavy": ScaleProfile(
        name="fraud-heavy",
        rings_per_100k=150.0,
        lone_fraudsters_per_100k=40.0,
        ring_household_share=0.2,
        household_shared_device_share=0.05,
        hub_customer_share=0.04,
    ),
}


def get_profile(name: str, months: int | None = None) -> ScaleProfile:
    try:
        profile = PROFILES[name]
    except KeyError:
        raise C360Error(
            f"unknown scale profile {name!r}", hint=f"choose one of: {', '.join(PROFILES)}"
        ) from None
    if months is not None:
        if not 1 <= months <= 120:
            raise C360Error(f"--months must be between 1 and 120, got {months}")
        profile = replace(profile, months=months)
    return profile


def scaled(rate_per_100k: float, customers: int, floor: int) -> int:
    return max(floor, round(rate_per_100k * customers / 100_000))
