"""What each role may see of each kind of personal data: the one place masking is decided.

Schema fields that carry personal data are declared with `pii(kind)` (see `api.schema.pii`); a
field extension passes every value they resolve through `mask` with the caller's role. The one
other caller is `Ring.explanation`, whose sentences quote identifiers: it masks them with `mask`
before it writes the sentences, since a sentence cannot be masked afterwards. Either way this
table is the whole policy:

| kind            | fraud_analyst | relationship_manager | service |
|-----------------|---------------|----------------------|---------|
| name            | full          | full                 | hidden  |
| date_of_birth   | full          | full                 | hidden  |
| national_id     | full          | last 3 characters    | hidden  |
| phone           | full          | last 3 digits        | hidden  |
| email           | full          | first letter @domain | hidden  |
| address         | full          | full                 | hidden  |
| ip              | full          | first two octets     | hidden  |
| free_text       | full          | full                 | hidden  |

Hidden values resolve to null. Keys the bank assigns (customer, account, device, transaction and
alert IDs) are not personal data and are never masked: the API needs them to link records.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from api.principal import Role

MASK = "*"


class Kind(StrEnum):
    NAME = "name"
    DATE_OF_BIRTH = "date_of_birth"
    NATIONAL_ID = "national_id"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    IP = "ip"
    FREE_TEXT = "free_text"


def _full(value: str) -> str | None:
    return value


def _hidden(_value: str) -> str | None:
    return None


def _last(n: int) -> Callable[[str], str | None]:
    def keep_last(value: str) -> str | None:
        # Short values would give away too much of themselves: hide them entirely.
        if len(value) <= 2 * n:
            return MASK * len(value)
        return MASK * (len(value) - n) + value[-n:]

    return keep_last


def _email(value: str) -> str | None:
    local, at, domain = value.rpartition("@")
    if not at or not local:
        return MASK * len(value)
    return local[0] + MASK * max(3, len(local) - 1) + "@" + domain


def _ip(value: str) -> str | None:
    parts = value.split(".")
    if len(parts) == 4:
        return ".".join([*parts[:2], MASK, MASK])
    return MASK * len(value)  # IPv6 or anything else: nothing shown


_RM: dict[Kind, Callable[[str], str | None]] = {
    Kind.NATIONAL_ID: _last(3),
    Kind.PHONE: _last(3),
    Kind.EMAIL: _email,
    Kind.IP: _ip,
}

POLICY: dict[Role, Callable[[Kind], Callable[[str], str | None]]] = {
    Role.FRAUD_ANALYST: lambda _kind: _full,
    Role.RELATIONSHIP_MANAGER: lambda kind: _RM.get(kind, _full),
    Role.SERVICE: lambda _kind: _hidden,
}


def mask(value: object, kind: Kind, role: Role) -> str | None:
    """`value` as `role` may see it. None stays None; anything else is shown as text."""
    if value is None:
        return None
    return POLICY[role](kind)(str(value))


def describe(role: Role) -> dict[str, str]:
    """Per kind, what the role sees: full, partial or hidden (the `viewer` query shows it)."""
    out = {}
    for kind in Kind:
        rule = POLICY[role](kind)
        out[kind.value] = "full" if rule is _full else "hidden" if rule is _hidden else "partial"
    return out
