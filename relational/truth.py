"""Ground truth planted by the synthetic-bank generator, kept apart from the bank's schema.

These tables answer "which customers really form a ring / a household, and which shared identifiers
are innocent hubs", so that every detector run can be scored (precision, recall, F1).

**No detector, loader or API may read these tables.** They live on their own `MetaData`, are not
part of the Alembic history of the source schema, and no source table has a foreign key into them
(a test checks it): a detector that loads `relational.models` cannot reach them by accident. Only
the generator writes them and only evaluation code reads them. Keys are plain strings, with no
foreign keys either way, so the truth can be dropped or regenerated without touching the bank.
"""

from __future__ import annotations

from sqlalchemy import Engine, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

RING_SHAPES = ("star", "chain", "mesh")
#: Identifier kinds ring members share.
SHARED_KINDS = ("device", "phone", "email", "address")
HUB_KINDS = ("kiosk_device", "public_wifi_ip", "placeholder_phone", "company_email_domain", "office_address")
CONFOUNDER_KINDS = (
    "hub",
    "household_shared_device",
    "ring_with_household",
    "lone_fraudster",
    "multi_device_customer",
)


class TruthBase(DeclarativeBase):
    metadata = MetaData()


class TruthRing(TruthBase):
    __tablename__ = "truth_rings"

    ring_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    #: How the members are tied: a star around one member, a chain, or a mesh (chain closed + extra ties).
    shape: Mapped[str] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(Integer)
    #: Comma-separated identifier kinds the members share (device, phone, email, address).
    shared_kinds: Mapped[str] = mapped_column(String(60))
    #: The device the ring opened its mule accounts on, in a burst.
    opening_device_id: Mapped[str] = mapped_column(String(64))
    #: A household inside the ring (a family that is also a ring), if any.
    household_id: Mapped[str | None] = mapped_column(String(20))


class TruthRingMember(TruthBase):
    __tablename__ = "truth_ring_members"

    ring_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)
    #: organizer (the star's centre), mule (opened an account in the burst) or member.
    role: Mapped[str] = mapped_column(String(10))


class TruthHousehold(TruthBase):
    __tablename__ = "truth_households"

    household_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    surname: Mapped[str] = mapped_column(String(40))
    address_normalized: Mapped[str] = mapped_column(String(300))
    #: Set when this household is part of a ring.
    ring_id: Mapped[str | None] = mapped_column(String(20))


class TruthHouseholdMember(TruthBase):
    __tablename__ = "truth_household_members"

    household_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)
    #: head, spouse, child or parent (a grandparent living with the family).
    role: Mapped[str] = mapped_column(String(8))


class TruthHub(TruthBase):
    """An identifier shared by very many unrelated customers; it must not glue rings together."""

    __tablename__ = "truth_hubs"

    hub_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    #: The shared value as it appears normalized in the source: a device_id, an IP, an E.164 phone,
    #: an e-mail domain, a canonical address.
    identifier: Mapped[str] = mapped_column(String(300))
    member_count: Mapped[int] = mapped_column(Integer)


class TruthConfounder(TruthBase):
    """Something planted to look suspicious, or to hide a ring, that a detector must get right."""

    __tablename__ = "truth_confounders"

    confounder_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)
    #: What it is about: a hub_id, a device_id, a ring_id or a customer_id, depending on the kind.
    subject: Mapped[str] = mapped_column(String(300))
    customer_id: Mapped[str | None] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(Text)


def create_truth_tables(engine: Engine) -> None:
    TruthBase.metadata.create_all(engine)
