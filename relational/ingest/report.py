"""The outcome of one ingestion, and the invariant that makes it auditable.

Every record read ends in exactly one bucket:

    read = loaded + updated + unchanged + rejected

`loaded` counts inserted rows. The issue's shorter form, read = loaded + rejected, holds with
"loaded" read broadly as `accepted` = loaded + updated + unchanged: the rows now in the database
exactly as the file has them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class IngestReport:
    source_file: str
    kind: str
    format: str
    read: int = 0
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    #: Quarantine records written by this run; fewer than `rejected` on a re-run of the same file.
    quarantined: int = 0
    rejected_by_rule: Counter[str] = field(default_factory=Counter)
    #: The first few rejection messages, for the human summary.
    examples: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.loaded + self.updated + self.unchanged

    @property
    def reconciles(self) -> bool:
        return self.read == self.accepted + self.rejected

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_file": self.source_file,
            "kind": self.kind,
            "format": self.format,
            "read": self.read,
            "loaded": self.loaded,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "accepted": self.accepted,
            "quarantined": self.quarantined,
            "reconciles": self.reconciles,
            "rejected_by_rule": dict(sorted(self.rejected_by_rule.items())),
            "examples": self.examples,
        }
