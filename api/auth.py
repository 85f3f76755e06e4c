"""Turn a request's `Authorization` header into a Principal, by API key or by JWT (API_AUTH).

Every failure is an `AuthFailedError` whose message says what to send instead; none says whether a
key exists, so the messages leak nothing to someone guessing keys.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import jwt
from sqlalchemy import Engine

from api import keys
from api.principal import Principal, Role
from c360.settings import Settings


class AuthFailedError(Exception):
    """401: no credentials, or credentials that do not check out."""


SCHEME = "Bearer"


@dataclass
class Authenticator:
    settings: Settings
    engine: Engine
    clock: Callable[[], float] = time.monotonic
    _cache: dict[str, tuple[float, Principal | None]] = field(default_factory=dict)

    def __call__(self, authorization: str | None) -> Principal:
        if not authorization:
            raise AuthFailedError(
                f"authentication required: send the header 'Authorization: {SCHEME} <{self._what}>'"
            )
        token = _token(authorization)
        if token is None:
            raise AuthFailedError(f"the Authorization header must be '{SCHEME} <{self._what}>'")
        if self.settings.api_auth == "jwt":
            return self._from_jwt(token)
        return self._from_key(token)

    def cached(self, authorization: str | None) -> Principal | None:
        """The principal of an API key checked recently, without touching the database (so the
        caller can skip a thread hop); None when a full check is needed."""
        if self.settings.api_auth != "api_key" or not authorization:
            return None
        token = _token(authorization)
        hit = self._fresh(token, self.clock()) if token else None
        return hit[1] if hit else None

    def _fresh(self, token: str, now: float) -> tuple[float, Principal | None] | None:
        """The cached check of this key, if it is recent enough to trust."""
        hit = self._cache.get(token)
        return hit if hit is not None and now - hit[0] <= self.settings.api_key_cache_seconds else None

    @property
    def _what(self) -> str:
        return "JWT" if self.settings.api_auth == "jwt" else "API key"

    def _from_key(self, token: str) -> Principal:
        # Keys are looked up at most once per API_KEY_CACHE_SECONDS: a database round trip per
        # request would cost more than the request. Revocation takes effect within that time.
        now = self.clock()
        hit = self._fresh(token, now)
        if hit is None:
            info = keys.check(self.engine, token)
            principal = Principal(info.name, info.role, f"api_key:{info.key_id}") if info else None
            if len(self._cache) > 10_000:  # a flood of wrong keys must not grow memory without end
                self._cache.clear()
            self._cache[token] = hit = (now, principal)
        if hit[1] is None:
            raise AuthFailedError("invalid or revoked API key")
        return hit[1]

    def _from_jwt(self, token: str) -> Principal:
        s = self.settings
        assert s.api_jwt_key is not None  # enforced by Settings
        try:
            claims = jwt.decode(
                token,
                s.api_jwt_key.get_secret_value(),
                algorithms=[s.api_jwt_algorithm],
                audience=s.api_jwt_audience,
                issuer=s.api_jwt_issuer,
                options={"require": ["exp", "sub", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthFailedError("the JWT has expired") from exc
        except jwt.PyJWTError as exc:
            raise AuthFailedError(f"invalid JWT: {exc}") from exc
        role = claims.get(s.api_jwt_role_claim)
        try:
            return Principal(str(claims["sub"]), Role(str(role)), "jwt")
        except ValueError as exc:
            roles = ", ".join(r.value for r in Role)
            raise AuthFailedError(
                f"the JWT's {s.api_jwt_role_claim!r} claim must be one of: {roles}"
            ) from exc


def _token(authorization: str) -> str | None:
    """The credential of a `Bearer <credential>` header; None for any other form."""
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    return token if scheme.lower() == SCHEME.lower() and token else None
