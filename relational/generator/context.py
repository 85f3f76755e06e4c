"""What every part of the generator shares for one run: the seed, the sizes, the sink, tallies."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from relational.generator.keys import mix, salt
from relational.generator.profiles import ScaleProfile
from relational.generator.writer import RowSink

if TYPE_CHECKING:
    from relational.generator.confounders import Hubs


@dataclass(slots=True)
class Context:
    seed: int
    customers: int
    profile: ScaleProfile
    sink: RowSink
    merchants: int
    hubs: Hubs
    #: Planted things counted as they are written (rings, households, hub members...).
    tally: Counter[str] = field(default_factory=Counter)
    _confounders: int = 0

    def rng(self, kind: str, key: int) -> random.Random:
        """A generator private to one unit (a customer, a household, a ring): what a unit looks like
        depends on the seed and the unit alone, not on batch sizes or on what came before."""
        return random.Random(mix(self.seed, salt(kind), key))

    def confounder(self, kind: str, subject: str, customer_id: str | None, detail: str | None) -> None:
        self._confounders += 1
        self.sink.add("truth_confounders", (f"X{self._confounders:07d}", kind, subject, customer_id, detail))
        self.tally[f"confounder:{kind}"] += 1
