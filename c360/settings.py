"""One typed settings object, read from the environment and `.env` once.

Every default is documented in `.env.example`. Secrets are `SecretStr`, so they never show up in a
repr, a log line or a traceback.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Neo4j 5.26 is the LTS line. APOC core's newest 5.26 release on Maven Central is 5.26.19, and APOC
#: is built against one server patch level, so the server is pinned to the same one.
NEO4J_VERSION = "5.26.19"
APOC_VERSION = "5.26.19"
#: The last Neo4j Browser published to Maven Central.
BROWSER_VERSION = "5.24.0"
#: A web origin as browsers send it: scheme, host, optional port; no path, no wildcard.
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- where local state lives (git-ignored) -------------------------------------------------
    c360_home: Path = Field(
        default=Path(".c360"),
        description="Folder for local state: the managed Neo4j home, the SQLite file, reports.",
    )

    # --- relational source ---------------------------------------------------------------------
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the bank's relational database; default SQLite in C360_HOME.",
    )

    # --- the graph sync (`c360 graph sync`, docs/graph-model.md#what-the-sync-guarantees) -------
    sync_overlap_seconds: float = Field(
        default=2.0,
        ge=0,
        description="Each cycle re-reads rows stamped this long before its watermark: room for writers "
        "whose clock is not the database's, and for SQLite's commit lag.",
    )
    sync_pending_alert_seconds: float = Field(
        default=300.0,
        gt=0,
        description="A source row waiting this long for a parent makes `c360 graph verify` fail.",
    )

    # --- risk rules (`c360 risk scan`) ---------------------------------------------------------
    risk_high_value_vnd: int = Field(
        default=10_000_000,
        gt=0,
        description="A transfer of at least this many VND needs strong authentication (SBV 2345/QĐ-NHNN).",
    )
    risk_strong_auth_level: int = Field(
        default=4, ge=1, le=4, description="auth_methods.security_level that counts as strong (4: biometric)."
    )
    risk_daily_limit_vnd: int = Field(
        default=500_000_000, gt=0, description="Most an account may transfer out (completed) in one day."
    )

    # --- ring and household detection (`c360 rings`) ------------------------------------------
    rings_engine: Literal["inprocess", "cypher"] = Field(
        default="inprocess", description="inprocess: scipy over pulled identifiers; cypher: in Neo4j."
    )
    rings_hub_floor: int = Field(
        default=12, ge=2, description="An identifier shared by more customers than this never links them."
    )
    rings_hub_percentile: float = Field(
        default=99.0, gt=0, le=100, description="The hub limit rises to this percentile of shared degrees."
    )
    rings_split_above: int = Field(
        default=40, ge=3, description="Groups bigger than this are split (Louvain)."
    )
    rings_min_size: int = Field(default=3, ge=2, description="Fewest members a ring can have.")
    rings_match_jaccard: float = Field(
        default=0.5, gt=0, le=1, description="Member overlap with last run's group that keeps its ID."
    )
    rings_burst_window_hours: float = Field(
        default=24.0, gt=0, description="Accounts opened on one device within this are a burst."
    )
    rings_seed: int = Field(default=360, description="Seed of the Louvain split, printed with every run.")
    rings_analyst: str | None = Field(
        default=None, description="Who decides (`c360 rings decide`); unset: $USER."
    )

    # --- Neo4j ---------------------------------------------------------------------------------
    neo4j_uri: str | None = Field(
        default=None,
        description="Bolt URI of an external Neo4j (Aura, cluster, container). Unset: the local one.",
    )
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = Field(
        default=None,
        description="Unset with a local server: a generated password kept in C360_HOME, outside git.",
    )
    neo4j_database: str = "neo4j"

    # --- the local Neo4j that `c360 neo4j` manages -------------------------------------------
    neo4j_version: str = NEO4J_VERSION
    neo4j_apoc_version: str = APOC_VERSION
    neo4j_browser_version: str = BROWSER_VERSION
    neo4j_bolt_port: int = Field(default=7687, ge=1, le=65535)
    neo4j_http_port: int = Field(default=7474, ge=1, le=65535)
    neo4j_heap: str = Field(default="1g", pattern=r"^\d+[kmg]$", description="JVM heap, min and max.")
    neo4j_pagecache: str = Field(default="512m", pattern=r"^\d+[kmg]$")
    neo4j_start_timeout: float = Field(default=120.0, gt=0)

    # --- the local PostgreSQL that `c360 postgres` manages (optional; SQLite is the default) --
    postgres_port: int = Field(default=5433, ge=1, le=65535)

    # --- API -----------------------------------------------------------------------------------
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    api_mode: Literal["development", "production"] = Field(
        default="development",
        description="development: GraphiQL and introspection on. production: both off, errors masked.",
    )
    api_auth: Literal["api_key", "jwt"] = Field(
        default="api_key", description="How callers authenticate: API keys (`c360 api key create`) or JWTs."
    )
    api_jwt_key: SecretStr | None = Field(
        default=None, description="HS256 secret, or the PEM public key for RS256/ES256, that signs JWTs."
    )
    api_jwt_algorithm: Literal["HS256", "HS384", "HS512", "RS256", "ES256"] = "HS256"
    api_jwt_audience: str = Field(default="c360-api", description="The `aud` a JWT must carry.")
    api_jwt_issuer: str | None = Field(default=None, description="The `iss` a JWT must carry, if set.")
    api_jwt_role_claim: str = Field(default="role", description="The JWT claim that holds the role.")
    api_key_cache_seconds: float = Field(
        default=30.0, ge=0, description="How long a checked API key is trusted before it is looked up again."
    )
    api_max_depth: int = Field(default=10, ge=2, description="Deepest selection a query may have.")
    api_max_aliases: int = Field(default=15, ge=1, description="Most aliases in one query.")
    api_max_tokens: int = Field(default=2000, ge=50, description="Most tokens in one query document.")
    api_default_page_size: int = Field(default=20, ge=1, description="`first` when a list query omits it.")
    api_max_page_size: int = Field(default=100, ge=1, description="Largest `first` a list query accepts.")
    api_max_hops: int = Field(default=3, ge=1, le=4, description="Largest `maxHops` of `linkedCustomers`.")
    api_query_timeout_seconds: float = Field(
        default=10.0, gt=0, description="Longest one Cypher read of a request may run before Neo4j stops it."
    )
    api_workers: int = Field(default=1, ge=1, description="uvicorn worker processes for `c360 serve`.")
    api_cors_origins: str = Field(
        default="",
        description="Comma-separated web origins whose pages may call the API from a browser "
        "(e.g. https://app.bank.example); empty: none.",
    )

    @model_validator(mode="after")
    def _external_neo4j_needs_password(self) -> Settings:
        if self.neo4j_uri and self.neo4j_password is None:
            raise ValueError("NEO4J_URI is set but NEO4J_PASSWORD is not: an external server needs both")
        return self

    @model_validator(mode="after")
    def _jwt_needs_key(self) -> Settings:
        if self.api_auth == "jwt" and not (self.api_jwt_key and self.api_jwt_key.get_secret_value()):
            raise ValueError("API_AUTH=jwt needs API_JWT_KEY (the HS256 secret or the public key)")
        if self.api_default_page_size > self.api_max_page_size:
            raise ValueError("API_DEFAULT_PAGE_SIZE is larger than API_MAX_PAGE_SIZE")
        for origin in self.cors_origins:
            if not _ORIGIN.fullmatch(origin):
                raise ValueError(
                    f"API_CORS_ORIGINS: {origin!r} is not an origin; give scheme://host[:port] with no "
                    "path, e.g. https://app.bank.example (a wildcard is not accepted: name each site)"
                )
        return self

    # --- derived -------------------------------------------------------------------------------
    @property
    def home(self) -> Path:
        return self.c360_home.expanduser().resolve()

    @property
    def cors_origins(self) -> list[str]:
        return [o.strip() for o in self.api_cors_origins.split(",") if o.strip()]

    @property
    def uses_local_neo4j(self) -> bool:
        return not self.neo4j_uri

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'data' / 'c360.sqlite3'}"

    @property
    def neo4j_home(self) -> Path:
        return self.home / f"neo4j-{self.neo4j_version}"

    @property
    def effective_neo4j_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read on first use (never at import time)."""
    return Settings()
