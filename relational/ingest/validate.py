"""Turning a `RawRecord` into a typed `Row`, or the `Problem` that rejects it.

This part needs no database: field types and formats, required fields, cross-field rules, and
duplicates within the file. References and uniqueness against the database are checked per batch
in `relational.ingest.references`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String

from relational.ingest.kinds import Field, FieldError, Kind
from relational.ingest.records import Problem, RawRecord, Row


def label(kind: Kind, record: RawRecord) -> str:
    """How a message names a row: 'customers line 7 (customer_id C0001)'."""
    keys = [x.name for x in kind.fields if x.target in kind.key or x.raw_column is not None]
    shown = ", ".join(f"{k} {record.values[k]}" for k in keys if record.values.get(k))
    return f"{kind.name} line {record.line_no}" + (f" ({shown})" if shown else "")


def _max_length(kind: Kind, column: str) -> int | None:
    column_type = kind.table.c[column].type
    return column_type.length if isinstance(column_type, String) else None


class RowValidator:
    """Validates the records of one file in order; remembers keys to catch in-file duplicates.

    Memory grows with the number of distinct keys in the file (not with its size in bytes): the
    price of naming the earlier line a duplicate repeats.
    """

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self._seen_keys: dict[tuple[Any, ...], int] = {}
        self._seen_unique: dict[tuple[str, Any], tuple[tuple[Any, ...], int]] = {}

    def validate(self, record: RawRecord) -> Row | Problem:
        where = label(self.kind, record)
        if record.problem is not None:
            return Problem(record.problem.rule, record.problem.field, f"{where}: {record.problem.message}")
        problems: list[Problem] = []
        unknown = sorted(set(record.values) - self.kind.field_names)
        if unknown:
            problems.append(Problem("unknown_field", unknown[0], f"unknown field(s) {', '.join(unknown)}"))
        columns: dict[str, Any] = {}
        for spec in self.kind.fields:
            problem = self._convert(spec, record, columns)
            if problem is not None:
                problems.append(problem)
        if not problems:
            for check in self.kind.checks:
                failed = check(columns)
                if failed is not None:
                    problems.append(Problem(*failed))
        if not problems:
            problems.extend(self._too_long(columns))
        if problems:
            first = problems[0]
            details = "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in problems)
            return Problem(first.rule, first.field, f"{where}: {details}")
        key = tuple(columns[k] for k in self.kind.key)
        duplicate = self._duplicate(key, columns, record.line_no)
        if duplicate is not None:
            return Problem(duplicate.rule, duplicate.field, f"{where}: {duplicate.message}")
        references = [
            (spec.references[0], spec.references[1], columns[spec.target], spec.name)
            for spec in self.kind.fields
            if spec.references is not None and columns.get(spec.target) is not None
        ]
        return Row(record, columns, key, references)

    def _convert(self, spec: Field, record: RawRecord, columns: dict[str, Any]) -> Problem | None:
        if spec.name not in record.values:
            # Absent (not in the header / not a key of the object): leave the stored value alone;
            # an insert takes the default.
            if spec.required:
                return Problem("missing_field", spec.name, "is required but absent")
            return None
        text = record.values[spec.name]
        if text is None:
            if spec.required:
                return Problem("missing_field", spec.name, "is required but empty")
            columns[spec.target] = spec.default
            return None
        try:
            columns[spec.target] = spec.convert(text)
        except FieldError as exc:
            return Problem(exc.rule, spec.name, exc.message)
        if spec.raw_column is not None:
            columns[spec.raw_column] = text
        return None

    def _too_long(self, columns: dict[str, Any]) -> list[Problem]:
        problems = []
        for column, value in columns.items():
            limit = _max_length(self.kind, column)
            if isinstance(value, str) and limit is not None and len(value) > limit:
                problems.append(
                    Problem("too_long", column, f"has {len(value)} characters, at most {limit} fit")
                )
        return problems

    def _duplicate(self, key: tuple[Any, ...], columns: dict[str, Any], line_no: int) -> Problem | None:
        first = self._seen_keys.get(key)
        if first is not None:
            shown = ", ".join(str(k) for k in key)
            return Problem(
                "duplicate_key", self.kind.key[-1], f"same key ({shown}) as line {first}; the first wins"
            )
        for column in self.kind.unique:
            value = columns.get(column)
            if value is None:
                continue
            holder = self._seen_unique.get((column, value))
            if holder is not None and holder[0] != key:
                message = f"{value} is already used by line {holder[1]} of this file"
                return Problem("duplicate_value", column, message)
        self._seen_keys[key] = line_no
        for column in self.kind.unique:
            if columns.get(column) is not None:
                self._seen_unique[(column, columns[column])] = (key, line_no)
        return None
