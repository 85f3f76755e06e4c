"""What readers hand to validation: one record of a file, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class IngestFileError(Exception):
    """The file as a whole is not what it claims (encoding, binary, header, broken XML).

    Nothing from such a file is loaded: the whole ingestion runs in one transaction that is rolled
    back, so a half-read file never leaves half its rows behind.
    """


@dataclass(frozen=True)
class Problem:
    """Why a row is rejected: a machine-readable rule, the field, and a sentence for a person."""

    rule: str
    field: str | None
    message: str


@dataclass
class RawRecord:
    """One record as read: text values by field name (None = absent or empty), before validation."""

    line_no: int
    values: dict[str, str | None]
    raw: str
    #: Set by a reader when the record is broken before any field is looked at (truncated, not JSON).
    problem: Problem | None = None


@dataclass
class Row:
    """A validated record: column values for the target table, and its business key."""

    record: RawRecord
    columns: dict[str, Any]
    key: tuple[Any, ...]
    #: (table, key column, value, field) for every reference that must exist in the database.
    references: list[tuple[str, str, Any, str]] = field(default_factory=list)
