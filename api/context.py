"""What every resolver can reach for one request: who is asking, the counted graph, the loaders,
and the customers read so far (for the audit trail)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from api.audit import AuditWriter
from api.graph import RequestGraph
from api.loaders import Loaders
from api.principal import Principal
from c360.settings import Settings


@dataclass
class Context:
    principal: Principal
    graph: RequestGraph
    loaders: Loaders
    settings: Settings
    engine: Engine
    request_id: str
    audit: AuditWriter
    customers_read: set[str] = field(default_factory=set)
