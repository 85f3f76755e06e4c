"""Errors a person can act on: what went wrong, and what to do about it."""

from __future__ import annotations


class C360Error(Exception):
    """An expected failure. The CLI prints it without a traceback and exits non-zero."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        #: Extra lines, such as the tail of a log, shown below the message.
        self.detail = detail


class MissingToolError(C360Error):
    """A program the command needs (java, mvn, initdb) is not installed."""


class PortInUseError(C360Error):
    """A port the server must listen on is held by another process."""


class DownloadError(C360Error):
    """Resolving artifacts from the package registry failed."""


class ServerStartError(C360Error):
    """A server did not come up in time or died while starting."""
