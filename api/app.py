"""The ASGI application `c360 serve` runs: `/graphql` (authenticated) and `/health` (not).

Authentication happens here, before GraphQL sees the request: a request without valid
credentials never reaches a resolver. GraphiQL (development mode only) is a static page and is
served without credentials; the queries it sends need them like any other.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

import neo4j
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from api.audit import AuditWriter
from api.auth import Authenticator, AuthFailedError
from api.context import Context
from api.graph import RequestGraph
from api.loaders import Loaders
from api.principal import Principal
from api.schema.build import build
from c360.bootstrap import neo4j_auth, sql_engine
from c360.settings import Settings

log = logging.getLogger("c360.api")

#: Largest request body accepted. The token limit bounds the document; this bounds variables too.
MAX_BODY_BYTES = 64 * 1024
#: Alerts shown per customer in the 360 (the rest are in `alerts`, paged).
ALERTS_PER_CUSTOMER = 20


def _error(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message}]}, status_code=status, headers=headers)


class Customer360GraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings, driver: neo4j.AsyncDriver, engine: Engine) -> None:
        development = settings.api_mode == "development"
        super().__init__(
            build(settings), graphql_ide="graphiql" if development else None, allow_queries_via_get=False
        )
        self.settings, self.driver, self.engine = settings, driver, engine
        self.audit = AuditWriter(engine)

    async def get_context(self, request: Any, response: Any) -> Context:
        principal: Principal | None = request.scope.get("c360.principal")
        if principal is None:  # the Guard authenticates every request that reaches here
            raise RuntimeError("request reached GraphQL without a principal")
        graph = RequestGraph(
            self.driver,
            self.settings.neo4j_database,
            timeout=self.settings.api_query_timeout_seconds,
            check_values=self.settings.api_mode == "development",
        )
        return Context(
            principal=principal,
            graph=graph,
            loaders=Loaders(graph, self.engine, ALERTS_PER_CUSTOMER),
            settings=self.settings,
            engine=self.engine,
            request_id=str(uuid.uuid4()),
            audit=self.audit,
        )


class Guard:
    """ASGI middleware in front of GraphQL: body size, then credentials."""

    def __init__(self, inner: Customer360GraphQL, authenticate: Authenticator, development: bool) -> None:
        self.inner, self.authenticate, self.development = inner, authenticate, development

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await _error(400, "only HTTP is served here")(scope, receive, send)
            return
        request = Request(scope, receive)
        if self.development and request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            # The GraphiQL page itself: static, needs no context (its queries are authenticated).
            await (await self.inner.render_graphql_ide(request))(scope, receive, send)
            return
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            await _error(413, f"request body larger than {MAX_BODY_BYTES} bytes")(scope, receive, send)
            return
        try:
            header = request.headers.get("authorization")
            # A key checked recently is in memory; otherwise the lookup may hit the database
            # (blocking), so it runs off the event loop.
            scope["c360.principal"] = self.authenticate.cached(header) or await asyncio.to_thread(
                self.authenticate, header
            )
        except AuthFailedError as exc:
            await _error(401, str(exc), **{"WWW-Authenticate": "Bearer"})(scope, receive, send)
            return
        await self.inner(scope, receive, send)


def _freeze_startup_objects() -> None:
    """Keep the cyclic GC off the objects every worker builds at start-up (modules, the schema,
    the driver): they live as long as the process. Without this, each full collection walked
    them all, about 120 ms during which every request in flight on the worker waited; under load
    that happened every hundred requests or so and set the p95."""
    gc.collect()
    gc.freeze()


def create_app(settings: Settings) -> Starlette:
    """The app, with its Neo4j driver and SQL engine opened at startup and closed at shutdown."""
    engine = sql_engine(settings)
    driver = neo4j.AsyncGraphDatabase.driver(
        settings.effective_neo4j_uri,
        auth=neo4j_auth(settings),
        max_connection_pool_size=50,
        # The server's advice on query plans is for query authors (PROFILE shows it); here it
        # would only cost work and log noise on every request.
        notifications_min_severity="OFF",
    )
    graphql = Customer360GraphQL(settings, driver, engine)
    guard = Guard(graphql, Authenticator(settings, engine), settings.api_mode == "development")

    async def health(_request: Request) -> Response:
        # For load balancers and compose healthchecks: says whether Neo4j answers, and nothing else.
        try:
            await driver.verify_connectivity()
        except Exception:  # any failure means "not ready"; the reason goes to the log, not the caller
            log.exception("health check: Neo4j does not answer")
            return JSONResponse({"status": "unavailable", "neo4j": "down"}, status_code=503)
        return JSONResponse({"status": "ok", "neo4j": "up"})

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        _freeze_startup_objects()
        try:
            yield
        finally:
            await driver.close()
            engine.dispose()

    async def not_found(_request: Request, _exc: Exception) -> Response:
        return _error(404, "not found: the API is at /graphql")

    # CORS sits outside everything, so a browser's preflight (which carries no credentials) is
    # answered before authentication, and a refusal (401) still reaches the page's code.
    middleware = (
        [
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type"],
                max_age=600,
            )
        ]
        if settings.cors_origins
        else []
    )
    return Starlette(
        routes=[Route("/health", health), Route("/graphql", guard, methods=["GET", "POST"])],
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={404: not_found},
    )
