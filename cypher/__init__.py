"""Every Cypher statement the project runs lives in a `.cypher` file in this package.

Files start with a `//` header: purpose, parameters with an example, what the statement guarantees.
Values only ever arrive as parameters; nothing is formatted into the text.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


class UnknownQueryError(KeyError):
    pass


@cache
def text(name: str) -> str:
    """The Cypher in `cypher/<name>.cypher`, e.g. text("load/upsert_customers")."""
    resource = files(__name__).joinpath(f"{name}.cypher")
    if not resource.is_file():
        raise UnknownQueryError(name)
    return resource.read_text(encoding="utf-8")


@cache
def exists(name: str) -> bool:
    return files(__name__).joinpath(f"{name}.cypher").is_file()


def statements(name: str) -> list[str]:
    """A file of several `;`-terminated statements (schema files), one string each, comments out."""
    body = "\n".join(line for line in text(name).splitlines() if not line.lstrip().startswith("//"))
    return [stmt.strip() for stmt in body.split(";") if stmt.strip()]


def names(folder: str) -> list[str]:
    """The queries in one folder, sorted by file name (schema files apply in that order)."""
    root = files(__name__).joinpath(folder)
    return sorted(
        f"{folder}/{p.name.removesuffix('.cypher')}" for p in root.iterdir() if p.name.endswith(".cypher")
    )
