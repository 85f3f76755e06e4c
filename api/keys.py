"""API keys: created by `c360 api key create`, checked on every request, revocable.

A key is `c360_<key_id>_<secret>`. Only SHA-256 of the secret is stored; the key is shown once.
The secret has 256 bits of entropy, so a plain hash (no slow KDF) is enough and keeps the check
cheap on every request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from api.principal import Role
from c360.errors import C360Error
from relational.models import ApiKey, utcnow

PREFIX = "c360_"


@dataclass(frozen=True, slots=True)
class KeyInfo:
    key_id: str
    name: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(engine: Engine, name: str, role: Role) -> tuple[KeyInfo, str]:
    """A new key for `name` in `role`: (its record, the key itself, which is never stored)."""
    if not name.strip():
        raise C360Error("an API key needs a name: who or what will use it")
    key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    info = KeyInfo(key_id, name.strip(), role, utcnow(), None)
    with engine.begin() as conn:
        conn.execute(
            sa.insert(ApiKey).values(
                key_id=key_id,
                name=info.name,
                role=role.value,
                secret_sha256=_digest(secret),
                created_at=info.created_at,
                revoked_at=None,
            )
        )
    return info, f"{PREFIX}{key_id}_{secret}"


def revoke(engine: Engine, key_id: str) -> None:
    with engine.begin() as conn:
        done = conn.execute(
            sa.update(ApiKey)
            .where(ApiKey.key_id == key_id, ApiKey.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        ).rowcount
    if not done:
        raise C360Error(f"no active API key {key_id!r}", hint="see `c360 api key list`")


def listing(engine: Engine) -> list[KeyInfo]:
    query = sa.select(ApiKey.key_id, ApiKey.name, ApiKey.role, ApiKey.created_at, ApiKey.revoked_at)
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(ApiKey.created_at)).all()
    return [KeyInfo(r.key_id, r.name, Role(r.role), r.created_at, r.revoked_at) for r in rows]


def check(engine: Engine, key: str) -> KeyInfo | None:
    """The active key this is, or None. Compares digests in constant time."""
    if not key.startswith(PREFIX) or key.count("_") < 2:
        return None
    key_id, _, secret = key[len(PREFIX) :].partition("_")
    query = sa.select(
        ApiKey.key_id, ApiKey.name, ApiKey.role, ApiKey.secret_sha256, ApiKey.created_at, ApiKey.revoked_at
    ).where(ApiKey.key_id == key_id, ApiKey.revoked_at.is_(None))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or not hmac.compare_digest(row.secret_sha256, _digest(secret)):
        return None
    return KeyInfo(row.key_id, row.name, Role(row.role), row.created_at, row.revoked_at)
