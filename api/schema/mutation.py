"""The mutation root: an analyst's decision on a ring, in the same store the CLI writes to."""

from __future__ import annotations

import asyncio

import strawberry
from strawberry.types import Info

from analytics import service
from api.errors import BadRequestError, ForbiddenError
from api.principal import Role
from api.schema.types import Decision, DecisionKind, ctx
from c360.errors import C360Error

MAX_NOTE = 2000


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Confirm or dismiss a ring of the latest run (fraud analysts only). Recorded with who "
        "and when, and the members it was made on: a dismissed ring that changes is raised again."
    )
    async def decide_ring(
        self, info: Info, ring_id: strawberry.ID, decision: DecisionKind, note: str
    ) -> Decision:
        c = ctx(info)
        if c.principal.role is not Role.FRAUD_ANALYST:
            raise ForbiddenError(
                f"only the fraud_analyst role may decide on rings; you are {c.principal.role.value}"
            )
        if len(note) > MAX_NOTE:
            raise BadRequestError(f"`note` is longer than {MAX_NOTE} characters")
        try:
            made = await asyncio.to_thread(
                service.decide, c.engine, str(ring_id), decision.value, note, c.principal.name
            )
        except C360Error as exc:
            raise BadRequestError(str(exc)) from exc
        return Decision.of(made)
