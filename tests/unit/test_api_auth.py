"""Authentication: API keys (hashed, revocable, cached) and JWTs, each mapped to a role."""

from __future__ import annotations

import time
from pathlib import Path

import jwt
import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from api import keys
from api.auth import Authenticator, AuthFailedError
from api.principal import Role
from c360.errors import C360Error
from c360.settings import Settings
from relational import db
from relational.models import ApiKey

SECRET = "unit-test-secret-of-at-least-thirty-two-bytes"


@pytest.fixture
def engine(tmp_path: Path) -> sa.Engine:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'keys.sqlite3'}")
    db.upgrade(engine)
    return engine


def _settings(**overrides: object) -> Settings:
    return Settings(_env_file=None, **overrides)  # type: ignore[arg-type]


def test_a_created_key_authenticates_with_its_role_and_only_its_hash_is_stored(engine: sa.Engine) -> None:
    info, key = keys.create(engine, "crm-backend", Role.SERVICE)
    principal = Authenticator(_settings(), engine)(f"Bearer {key}")
    assert (principal.name, principal.role, principal.via) == (
        "crm-backend",
        Role.SERVICE,
        f"api_key:{info.key_id}",
    )
    with engine.connect() as conn:
        stored = conn.execute(sa.select(ApiKey.secret_sha256)).scalar_one()
    assert key.split("_", 2)[2] not in stored and len(stored) == 64


@pytest.mark.parametrize("header", [None, "", "Bearer", "Basic abc", "Bearer c360_nope_nope", "Bearer x"])
def test_missing_or_wrong_credentials_fail_with_a_message(engine: sa.Engine, header: str | None) -> None:
    with pytest.raises(AuthFailedError, match=r"Authorization|invalid"):
        Authenticator(_settings(), engine)(header)


def test_a_right_key_id_with_a_wrong_secret_fails(engine: sa.Engine) -> None:
    info, _key = keys.create(engine, "x", Role.SERVICE)
    with pytest.raises(AuthFailedError):
        Authenticator(_settings(), engine)(f"Bearer c360_{info.key_id}_{'A' * 43}")


def test_revocation_takes_effect_after_the_cache_time(engine: sa.Engine) -> None:
    info, key = keys.create(engine, "x", Role.RELATIONSHIP_MANAGER)
    now = [1000.0]
    auth = Authenticator(_settings(api_key_cache_seconds=30), engine, clock=lambda: now[0])
    auth(f"Bearer {key}")
    keys.revoke(engine, info.key_id)
    auth(f"Bearer {key}")  # still cached
    now[0] += 31
    with pytest.raises(AuthFailedError, match="revoked"):
        auth(f"Bearer {key}")


def test_revoking_twice_or_an_unknown_key_is_an_error(engine: sa.Engine) -> None:
    info, _ = keys.create(engine, "x", Role.SERVICE)
    keys.revoke(engine, info.key_id)
    with pytest.raises(C360Error, match="no active API key"):
        keys.revoke(engine, info.key_id)
    with pytest.raises(C360Error, match="needs a name"):
        keys.create(engine, "  ", Role.SERVICE)


def _jwt_settings() -> Settings:
    return _settings(api_auth="jwt", api_jwt_key=SecretStr(SECRET))


def _token(**claims: object) -> str:
    base: dict[str, object] = {
        "sub": "alice",
        "role": "fraud_analyst",
        "aud": "c360-api",
        "exp": time.time() + 60,
    }
    return jwt.encode({**base, **claims}, SECRET, algorithm="HS256")


def test_a_jwt_maps_to_its_subject_and_role(engine: sa.Engine) -> None:
    principal = Authenticator(_jwt_settings(), engine)(f"Bearer {_token()}")
    assert (principal.name, principal.role, principal.via) == ("alice", Role.FRAUD_ANALYST, "jwt")


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({"exp": time.time() - 10}, "expired"),
        ({"aud": "someone-else"}, "invalid JWT"),
        ({"role": "admin"}, "must be one of"),
        ({"role": None}, "must be one of"),
    ],
)
def test_bad_jwts_are_refused(engine: sa.Engine, claims: dict[str, object], message: str) -> None:
    with pytest.raises(AuthFailedError, match=message):
        Authenticator(_jwt_settings(), engine)(f"Bearer {_token(**claims)}")


def test_a_jwt_signed_with_another_key_is_refused(engine: sa.Engine) -> None:
    forged = jwt.encode(
        {"sub": "mallory", "role": "fraud_analyst", "aud": "c360-api", "exp": time.time() + 60},
        "another-secret-of-at-least-thirty-two-bytes",
        algorithm="HS256",
    )
    with pytest.raises(AuthFailedError, match="invalid JWT"):
        Authenticator(_jwt_settings(), engine)(f"Bearer {forged}")


def test_jwt_mode_needs_a_key() -> None:
    with pytest.raises(ValueError, match="API_JWT_KEY"):
        _settings(api_auth="jwt")
