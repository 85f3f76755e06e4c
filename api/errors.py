"""Errors a client caused, whose message is safe and useful to show even in production.

Anything else is unexpected: in production it reaches the client as "Unexpected error." only
(strawberry's MaskErrors), and its traceback goes to the server log.
"""

from __future__ import annotations


class ClientError(Exception):
    """Base: the message is written for the API's caller."""


class BadRequestError(ClientError):
    """An argument that cannot be served: a page too big, a cursor that does not decode."""


class ForbiddenError(ClientError):
    """The caller's role may not do this."""


class QueryTimeoutError(ClientError):
    """A read ran past API_QUERY_TIMEOUT_SECONDS and Neo4j stopped it: the caller asked for too
    much at once (and can ask for less), which is theirs to know."""


def is_client_error(exc: BaseException | None) -> bool:
    return isinstance(exc, ClientError)
