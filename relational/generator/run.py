"""`generate()`: the one service function behind `c360 generate`.

Phases: reference data (authentication catalogue, merchants, kiosks), then the customers streamed
unit by unit (each unit's customers, accounts, devices and transactions, flushed in batches), then
the hub truth that needs the final tallies.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Engine, func, inspect, select

from c360.errors import C360Error
from relational import db
from relational.generator import reference
from relational.generator.confounders import Hubs
from relational.generator.context import Context
from relational.generator.customers import build_single
from relational.generator.fraud import build_lone
from relational.generator.households import build_household
from relational.generator.plan import iter_units, make_plan
from relational.generator.profiles import ScaleProfile
from relational.generator.rings import build_ring
from relational.generator.transactions import merchant_of
from relational.generator.writer import SURROGATE, PostgresBackend, RowSink, backend_for
from relational.models import Base, Customer
from relational.truth import TruthBase, create_truth_tables

_REFERENCE_TIME = "2010-01-01 00:00:00.000000"


class Progress(Protocol):
    """What the generator reports; the CLI draws it with rich, tests ignore it."""

    def phase(self, name: str, total: int) -> None: ...
    def advance(self, n: int) -> None: ...


class NoProgress:
    def phase(self, name: str, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass


@dataclass(slots=True)
class GenerationResult:
    customers: int
    seed: int
    profile: str
    months: int
    rows: dict[str, int]
    planted: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0


def merchant_count(customers: int) -> int:
    return max(60, customers // 200)


def _prepare(engine: Engine, replace: bool) -> None:
    db.upgrade(engine)  # a no-op when the schema is current
    create_truth_tables(engine)
    with engine.connect() as conn:
        existing = conn.execute(select(func.count()).select_from(Customer)).scalar_one()
    if existing and not replace:
        raise C360Error(
            f"the database already holds {existing} customers",
            hint="generate into an empty database, or pass --replace to delete the bank first",
        )
    if existing or replace:
        names = set(inspect(engine).get_table_names())
        with engine.begin() as conn:
            for table in [
                *reversed(TruthBase.metadata.sorted_tables),
                *reversed(Base.metadata.sorted_tables),
            ]:
                if table.name in names and table.name != "quarantine":
                    conn.execute(table.delete())


def _reference_data(ctx: Context) -> None:
    for method, text, level in reference.AUTH_CATALOGUE:
        ctx.sink.add("auth_methods", (method, text, level, _REFERENCE_TIME, _REFERENCE_TIME))
    rng = ctx.rng("merchants", 0)
    for m in range(ctx.merchants):
        mid, mcc, _ticket = merchant_of(m)
        stem = next(s for code, s, _t in reference.MCC_CATALOGUE if code == mcc)
        city = rng.choices(reference.PROVINCES, cum_weights=reference.PROVINCE_CUM_WEIGHTS)[0][0]
        name = f"{stem} {rng.choice(reference.STREETS)} {m + 1}"
        ctx.sink.add("merchants", (mid, name, mcc, city, _REFERENCE_TIME, _REFERENCE_TIME))
    ctx.hubs.write_devices(ctx)


def generate(
    engine: Engine,
    *,
    customers: int,
    seed: int,
    profile: ScaleProfile,
    replace: bool = False,
    progress: Progress | None = None,
) -> GenerationResult:
    """Write a synthetic bank of `customers` customers, with its ground truth, into `engine`."""
    progress = progress or NoProgress()
    started = time.perf_counter()
    groups = make_plan(seed, customers, profile)  # validates the size before touching the database
    _prepare(engine, replace)
    backend = backend_for(engine)
    sink = RowSink(backend, profile.batch_rows)
    ctx = Context(seed, customers, profile, sink, merchant_count(customers), Hubs(seed, customers, profile))
    try:
        progress.phase("reference data", 1)
        _reference_data(ctx)
        sink.flush()
        progress.advance(1)

        progress.phase("customers", customers)
        for unit in iter_units(groups, customers):
            if unit.kind == "single":
                build_single(ctx, unit)
            elif unit.kind == "household":
                build_household(ctx, unit.start, unit.size, unit.number, shares_device=unit.shares_device)
            elif unit.kind == "ring":
                build_ring(ctx, unit)
            else:
                build_lone(ctx, unit)
            progress.advance(unit.size)
            sink.maybe_flush()

        progress.phase("ground truth", 1)
        ctx.hubs.write_truth(ctx)
        sink.flush()
        if isinstance(backend, PostgresBackend):
            backend.reset_sequences(SURROGATE)
        progress.advance(1)
    finally:
        backend.close()
    planted = {k: v for k, v in sorted(ctx.tally.items()) if not k.startswith("hub:")}
    return GenerationResult(
        customers,
        seed,
        profile.name,
        profile.months,
        dict(sink.counts),
        planted,
        time.perf_counter() - started,
    )


__all__ = ["GenerationResult", "NoProgress", "Progress", "generate"]
