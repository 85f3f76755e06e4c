"""Confounders: legitimate patterns that look like fraud, each recorded in the truth tables.

Hubs are identifiers shared by very many unrelated customers: a branch kiosk's device, a public
Wi-Fi IP, the placeholder phone branches type when a customer gives none, a big employer's e-mail
domain and office address. A detector that links customers through them glues unrelated people
(and rings) together. Membership is an exact `Selection` of customer indices per hub kind, so hub
sizes are known up front and nothing is held in memory.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from relational.generator import keys
from relational.generator.context import Context
from relational.generator.devices import add_device, add_usage
from relational.generator.people import Home, Person, add_address, add_email, add_phone, ascii_slug
from relational.generator.profiles import ScaleProfile, scaled
from relational.normalize import PLACEHOLDER_PHONE

_EMPLOYERS = ("vinacomin", "sgtrans", "hanoitex", "mekongfood", "vietsoft", "saigonport", "thanglongsteel")
_KIOSK_SINCE = datetime(2019, 1, 1)


@dataclass(frozen=True, slots=True)
class HubKind:
    kind: str
    instances: int
    members: keys.Selection


class Hubs:
    def __init__(self, seed: int, customers: int, profile: ScaleProfile) -> None:
        self.seed = seed
        count = scaled(profile.hubs_per_100k, customers, 1)
        members = min(
            customers // 4,
            max(profile.hub_min_members * count, round(profile.hub_customer_share * customers)),
        )
        # One placeholder value exists; the other kinds get `count` instances (several kiosks...).
        self.kinds = {
            kind: HubKind(
                kind,
                1 if kind == "placeholder_phone" else count,
                keys.Selection(customers, members, seed, kind),
            )
            for kind in ("kiosk_device", "public_wifi_ip", "placeholder_phone", "employer")
        }
        self.multi_device = keys.Selection(
            customers, max(1, round(profile.multi_device_share * customers)), seed, "multi-device"
        )

    def kiosk(self, i: int) -> str:
        return keys.device_id(self.seed, "kiosk", i)

    @staticmethod
    def kiosk_ip(i: int) -> str:
        return f"118.69.{i // 250}.{i % 250 + 2}"

    @staticmethod
    def wifi_ip(i: int) -> str:
        return f"203.162.{i // 250}.{i % 250 + 2}"

    @staticmethod
    def domain(i: int) -> str:
        return f"{_EMPLOYERS[i % len(_EMPLOYERS)]}{i // len(_EMPLOYERS) or ''}.com.vn"

    @staticmethod
    def office(i: int) -> Home:
        tower = _EMPLOYERS[i % len(_EMPLOYERS)].capitalize()
        street = f"{i + 1} Nguyễn Huệ, Phường Bến Nghé"
        return Home(
            full=f"Tầng {i % 30 + 1}, Tòa nhà {tower}, {street}, Thành phố Hồ Chí Minh",
            short=f"Tầng {i % 30 + 1}, Tòa nhà {tower}, {street}, TP.HCM",
            province="Hồ Chí Minh",
        )

    def write_devices(self, ctx: Context) -> None:
        """Kiosks exist before anyone logs in on them (device_usage has a foreign key)."""
        for i in range(self.kinds["kiosk_device"].instances):
            add_device(ctx, self.kiosk(i), "kiosk", "Windows 10 IoT", True, _KIOSK_SINCE)

    def _member(self, kind: str, idx: int) -> int | None:
        hub = self.kinds[kind]
        rank = hub.members.rank(idx)
        return None if rank is None else rank % hub.instances

    def apply(self, ctx: Context, rng: random.Random, person: Person) -> None:
        """Attach the customer to whichever hubs select it."""
        cid, idx = person.customer_id, person.idx
        when = keys.ts(person.opened_at)
        if (i := self._member("kiosk_device", idx)) is not None:
            add_usage(ctx, rng, cid, self.kiosk(i), self.kiosk_ip(i), _KIOSK_SINCE, logins=rng.randint(1, 4))
            ctx.tally[f"hub:kiosk_device:{i}"] += 1
        if (i := self._member("public_wifi_ip", idx)) is not None:
            add_usage(ctx, rng, cid, person.devices[0], self.wifi_ip(i), person.opened_at)
            ctx.tally[f"hub:public_wifi_ip:{i}"] += 1
        if self._member("placeholder_phone", idx) is not None:
            add_phone(ctx, cid, "0000000000", kind="home", primary=False, when=when)
            ctx.tally["hub:placeholder_phone:0"] += 1
        if (i := self._member("employer", idx)) is not None:
            local = f"{ascii_slug(person.full_name.split()[-1])}.{idx}"
            add_email(ctx, cid, f"{local}@{self.domain(i)}", primary=False, when=when)
            add_address(ctx, cid, self.office(i), kind="work", short=rng.random() < 0.5, when=when)
            ctx.tally[f"hub:employer:{i}"] += 1

    def write_truth(self, ctx: Context) -> None:
        """One truth_hubs row per hub with its real member count, and a confounder row for each."""
        n = 0
        for hub in self.kinds.values():
            for i in range(hub.instances):
                members = ctx.tally[f"hub:{hub.kind}:{i}"]
                if hub.kind == "employer":
                    pairs = [
                        ("company_email_domain", self.domain(i)),
                        ("office_address", self.office(i).normalized),
                    ]
                elif hub.kind == "kiosk_device":
                    pairs = [("kiosk_device", self.kiosk(i))]
                elif hub.kind == "public_wifi_ip":
                    pairs = [("public_wifi_ip", self.wifi_ip(i))]
                else:
                    pairs = [("placeholder_phone", PLACEHOLDER_PHONE)]
                for kind, identifier in pairs:
                    n += 1
                    hub_id = f"H{n:05d}"
                    ctx.sink.add("truth_hubs", (hub_id, kind, identifier, members))
                    ctx.confounder("hub", hub_id, None, f"{kind} {identifier} shared by {members} customers")
