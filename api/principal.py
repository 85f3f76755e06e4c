"""Who is calling: a name and a role. Roles decide what is masked (see `api.masking`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    FRAUD_ANALYST = "fraud_analyst"
    RELATIONSHIP_MANAGER = "relationship_manager"
    SERVICE = "service"


@dataclass(frozen=True, slots=True)
class Principal:
    name: str
    role: Role
    #: "api_key:<key_id>" or "jwt": how the caller proved who they are, for the audit trail.
    via: str
