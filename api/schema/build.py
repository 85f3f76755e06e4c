"""The schema with its guards: depth, alias and token limits, error masking, introspection off in
production, and the extension that writes the audit trail and reports round trips."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator
from strawberry.schema.config import StrawberryConfig

from api.context import Context
from api.errors import is_client_error
from api.schema.mutation import Mutation
from api.schema.query import Query
from api.schema.types import LONG_SCALAR, Long
from c360.settings import Settings

log = logging.getLogger("c360.api")


class AuditAndCount(SchemaExtension):
    """After execution: write who read which customers (before the response leaves), and put the
    request's Cypher round trips in the response's `extensions`."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        if not isinstance(context, Context):
            return
        is_mutation = self.execution_context.operation_type.value == "mutation"
        if context.customers_read or is_mutation:
            await context.audit.record(
                context.principal,
                self.execution_context.operation_name,
                context.customers_read,
                context.request_id,
            )

    def get_results(self) -> dict[str, object]:
        context = self.execution_context.context
        if not isinstance(context, Context):
            return {}
        out: dict[str, object] = {
            "cypherRoundTrips": context.graph.round_trips,
            "requestId": context.request_id,
        }
        if context.settings.api_mode == "development":
            out["cypherQueries"] = context.graph.names
        return out


def _should_mask(error: GraphQLError) -> bool:
    # Messages we wrote for the caller (bad arguments, forbidden) and GraphQL's own validation
    # messages are safe; anything else (a driver error, a bug) may carry internals.
    original = error.original_error
    return not (original is None or is_client_error(original))


class Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        # The caller's mistakes (bad arguments, invalid queries) are answered, not logged as server
        # errors; anything else is logged with its traceback.
        for error in errors:
            if not _should_mask(error):
                continue
            log.error("unexpected error at %s: %s", error.path, error.message, exc_info=error.original_error)


def build(settings: Settings) -> strawberry.Schema:
    # The rules are built once, so that every request validates with the same rule classes and
    # the validation cache (keyed by document and rules) hits for a document seen before: a
    # frontend sends the same few documents again and again, and validating the 360 costs more
    # than executing it.
    rules: list[type[ASTValidationRule]] = [
        depth_validator(max_depth=settings.api_max_depth, should_ignore=None),
        aliases_validator(settings.api_max_aliases),
    ]
    if settings.api_mode == "production":
        rules.append(NoSchemaIntrospectionCustomRule)
    # Factories, not instances: each request gets fresh extensions (some keep per-request state).
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=settings.api_max_tokens),
        ParserCache,
        ValidationCache,
        AuditAndCount,
    ]
    if settings.api_mode == "production":
        extensions.append(lambda: MaskErrors(should_mask_error=_should_mask))
    return Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(scalar_map={Long: LONG_SCALAR}),
    )


def sdl() -> str:
    """The schema in SDL, as committed in api/schema.graphql (limits do not change the SDL)."""
    return build(Settings(_env_file=None)).as_str() + "\n"
