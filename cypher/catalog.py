"""The analyst query library (`cypher/library/*.cypher`) as typed entries, read from each file's header.

The header is the documentation and the contract at once: the CLI parses parameters by the types it
declares, the tests check results against the columns it names, and the Browser guide shows its
example values. A header reads:

    // Purpose: what the query answers
    //   (indented lines continue the item above)
    // Param customer_id (string) = "CUS000000001": what it means
    // Column hops (int): what it holds
    // Any other comment: a note on why the query is written the way it is

Example values are JSON, which is also a Cypher literal for every parameter type used here, so the
same text works in `:param customer_id => "CUS000000001"`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal, cast, get_args

from cypher import names, text

ParamType = Literal["string", "int", "float", "bool", "date", "list<string>"]
PARAM_TYPES: tuple[str, ...] = get_args(ParamType)
#: Column types: these, `list<T>` of them, and a trailing `?` for "or null".
COLUMN_BASE_TYPES = ("string", "int", "float", "bool", "date", "datetime", "path")

_PARAM = re.compile(r"^Param (?P<name>\w+) \((?P<type>[^)]+)\) = (?P<rest>.+)$")
_COLUMN = re.compile(r"^Column (?P<name>\w+) \((?P<type>[^)]+)\): (?P<description>.+)$")


class CatalogError(ValueError):
    """A library file whose header does not follow the format."""


class UnknownLibraryQueryError(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class ParamError(ValueError):
    """Parameters given to a library query that it cannot run with (missing, unknown, invalid)."""


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    example: Any
    description: str

    def parse(self, raw: str) -> object:
        """A command-line value, converted by the declared type."""
        try:
            return self.coerce(raw if self.type != "list<string>" else [s for s in raw.split(",") if s])
        except ValueError as exc:
            raise ParamError(f"--param {self.name}={raw!r}: expected {self.type} ({exc})") from exc

    def coerce(self, value: object) -> object:
        """A JSON-ish value (example, or a parsed command-line string) as the driver should send it."""
        match self.type, value:
            case "string", str():
                return value
            case "int", int() | str() if not isinstance(value, bool):
                return int(value)
            case "float", int() | float() | str() if not isinstance(value, bool):
                return float(value)
            case "bool", bool():
                return value
            case "bool", str() if value.lower() in {"true", "false"}:
                return value.lower() == "true"
            case "date", str():
                return date.fromisoformat(value)
            case "list<string>", list() if all(isinstance(v, str) for v in value):
                return list(value)
        raise ValueError(f"not a {self.type}: {value!r}")

    @property
    def browser_command(self) -> str:
        """The Neo4j Browser command that sets this parameter to its example value."""
        return f":param {self.name} => {json.dumps(self.example, ensure_ascii=False)}"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    purpose: str
    params: tuple[Param, ...]
    columns: tuple[Column, ...]
    cypher: str

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def example_params(self) -> dict[str, object]:
        return {p.name: p.coerce(p.example) for p in self.params}

    def bind(self, raw: Mapping[str, str]) -> dict[str, object]:
        """Command-line `name=value` strings as typed parameters; every declared one is required."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(declared))
        if unknown:
            raise ParamError(
                f"{self.name} takes no parameter {', '.join(unknown)}; it takes: {self._signature()}"
            )
        missing = [n for n in declared if n not in raw]
        if missing:
            raise ParamError(f"{self.name} needs {', '.join(missing)}; it takes: {self._signature()}")
        return {n: declared[n].parse(v) for n, v in raw.items()}

    def _signature(self) -> str:
        return ", ".join(f"{p.name} ({p.type}, e.g. {json.dumps(p.example)})" for p in self.params) or "none"


def parse(name: str, source: str) -> LibraryQuery:
    """One library file: its leading `//` block is the header."""
    items: list[list[str]] = []
    for line in source.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:]
        if body.startswith("   ") and items:
            items[-1].append(body.strip())
        else:
            items.append([body.strip()])
    purpose = ""
    params: list[Param] = []
    columns: list[Column] = []
    for item in (" ".join(parts) for parts in items):
        if item.startswith("Purpose: "):
            purpose = item.removeprefix("Purpose: ")
        elif item.startswith("Param "):
            params.append(_param(name, item))
        elif item.startswith("Column "):
            columns.append(_column(name, item))
    if not purpose or not columns:
        raise CatalogError(f"{name}: the header needs a `// Purpose:` line and at least one `// Column`")
    used = set(re.findall(r"\$(\w+)", _without_comments(source)))
    declared = {p.name for p in params}
    if used != declared:
        raise CatalogError(f"{name}: parameters used {sorted(used)} but declared {sorted(declared)}")
    return LibraryQuery(name, purpose, tuple(params), tuple(columns), source)


def _without_comments(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("//"))


def _param(query: str, item: str) -> Param:
    match = _PARAM.match(item)
    if not match or match["type"] not in PARAM_TYPES:
        raise CatalogError(f"{query}: bad parameter line {item!r} (types: {', '.join(PARAM_TYPES)})")
    try:
        example, end = json.JSONDecoder().raw_decode(match["rest"])
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{query}: example of {match['name']} is not JSON: {exc}") from exc
    description = match["rest"][end:]
    if not description.startswith(": "):
        raise CatalogError(f"{query}: parameter {match['name']} needs `: description` after its example")
    param = Param(match["name"], cast(ParamType, match["type"]), example, description[2:])
    try:
        param.coerce(example)
    except ValueError as exc:
        raise CatalogError(f"{query}: example of {param.name}: {exc}") from exc
    return param


def _column(query: str, item: str) -> Column:
    match = _COLUMN.match(item)
    if not match or not _valid_column_type(match["type"]):
        raise CatalogError(f"{query}: bad column line {item!r}")
    return Column(match["name"], match["type"], match["description"])


def _valid_column_type(type_: str) -> bool:
    inner = type_.removesuffix("?")
    if inner.startswith("list<") and inner.endswith(">"):
        inner = inner[5:-1].removesuffix("?")
    return inner in COLUMN_BASE_TYPES


@cache
def library() -> dict[str, LibraryQuery]:
    """Every library query by name (the file name without `.cypher`), sorted."""
    return {
        path.removeprefix("library/"): parse(path.removeprefix("library/"), text(path))
        for path in names("library")
    }


def get(name: str) -> LibraryQuery:
    try:
        return library()[name]
    except KeyError:
        raise UnknownLibraryQueryError(name) from None
