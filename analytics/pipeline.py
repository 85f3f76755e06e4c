"""One detection run, end to end: components (either engine), typing, stable IDs, evidence and
score, decisions, the store and the write-back. `c360 rings detect` and the demo call `run`."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta
from typing import Any

import neo4j
from sqlalchemy import Engine

from analytics import decisions, detection, evidence, identifier_graph, scoring, stable_ids, store, writeback
from analytics.engines import in_database, inprocess
from analytics.model import Components, SharedIdentifier
from c360.errors import C360Error
from c360.settings import Settings
from graph_loader import schema as graph_schema
from relational.models import utcnow

ENGINES = ("inprocess", "cypher")


def params_from(settings: Settings) -> detection.Params:
    return detection.Params(
        hub_floor=settings.rings_hub_floor,
        hub_percentile=settings.rings_hub_percentile,
        split_above=settings.rings_split_above,
        min_ring_size=settings.rings_min_size,
        seed=settings.rings_seed,
    )


class Stages:
    """Seconds per stage of a run, in the order they ran: where a slow run spends its time."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._clock = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self._clock, 2)
        self._clock = now


def detect(
    driver: neo4j.Driver,
    database: str,
    params: detection.Params,
    engine_name: str,
    stages: Stages | None = None,
) -> tuple[detection.Detected, Components]:
    """Components by the chosen engine, then the shared typing. Returns (detected, components)."""
    stages = stages or Stages()
    if engine_name == "inprocess":
        comps, shared = inprocess.run(driver, database, params.hub_floor, params.hub_percentile, stages.done)
    elif engine_name == "cypher":
        comps = in_database.run(driver, database, params.hub_floor, params.hub_percentile)
        stages.done("components")
        ids = sorted({m for g in comps.groups for m in g})
        links = identifier_graph.fetch_links(driver, database, ids)
        shared = identifier_graph.shared_within(comps.groups, links, {(h.kind, h.key) for h in comps.hubs})
        stages.done("links")
    else:
        raise C360Error(f"unknown engine {engine_name!r}", hint=f"choose one of: {', '.join(ENGINES)}")
    ids = sorted({m for g in comps.groups for m in g})
    profiles = detection.fetch_profiles(driver, database, ids)
    stages.done("profiles")
    found = detection.classify(comps.groups, _only_grouped(shared, ids), profiles, params)
    stages.done("classify")
    return found, comps


def _only_grouped(shared: list[SharedIdentifier], ids: list[str]) -> list[SharedIdentifier]:
    grouped = set(ids)
    return [s for s in shared if s.members and s.members[0] in grouped]


def _distribution(scores: list[float]) -> dict[str, Any]:
    if not scores:
        return {"count": 0}
    buckets = {f"{lo}-{lo + 19}": sum(1 for s in scores if lo <= s < lo + 20) for lo in range(0, 100, 20)}
    buckets["80-99"] += sum(1 for s in scores if s >= 100)
    return {"count": len(scores), "min": min(scores), "median": statistics.median(scores),
            "max": max(scores), "buckets": buckets}  # fmt: skip


def run(
    settings: Settings, engine: Engine, driver: neo4j.Driver, engine_name: str | None = None
) -> dict[str, Any]:
    """Detect, track changes, score, apply decisions, store and write back. Returns the summary."""
    started, clock = utcnow(), time.perf_counter()
    name = engine_name or settings.rings_engine
    database = settings.neo4j_database
    params = params_from(settings)
    stages = Stages()
    graph_schema.apply(driver, database)  # the FraudRing and Household constraints MERGE relies on
    stages.done("schema")
    found, comps = detect(driver, database, params, name, stages)
    detected_s = time.perf_counter() - clock

    previous = store.latest_run_id(engine)
    ring_changes = stable_ids.assign(
        store.groups_of(engine, previous, "ring"), [r.members for r in found.rings],
        settings.rings_match_jaccard, store.id_minter(engine, "ring"),
    )  # fmt: skip
    hh_changes = stable_ids.assign(
        store.groups_of(engine, previous, "household"), [h.members for h in found.households],
        settings.rings_match_jaccard, store.id_minter(engine, "household"),
    )  # fmt: skip
    ring_ids = {}
    for ring, a in zip(found.rings, ring_changes.assigned, strict=True):
        ring_ids[ring.id] = a.id
        ring.id, ring.change, ring.change_detail = a.id, a.change, a.detail
    hh_ids = {}
    for household, a in zip(found.households, hh_changes.assigned, strict=True):
        hh_ids[household.id] = a.id
        household.id, household.change, household.change_detail = a.id, a.change, a.detail
        household.ring_id = ring_ids.get(household.ring_id or "")
    for ring in found.rings:
        ring.household_ids = [hh_ids[h] for h in ring.household_ids]

    stages.done("stable_ids")
    evidence.collect(driver, database, found.rings, timedelta(hours=settings.rings_burst_window_hours))
    stages.done("evidence")
    latest = store.latest_decisions(engine)
    for ring in found.rings:
        ring.score = scoring.score(ring)
        ring.status, why = decisions.status(ring.members, latest.get(ring.id))
        if ring.status == "reopened":
            ring.change_detail = "; ".join(x for x in (ring.change_detail, why) if x)
    found.rings.sort(key=lambda r: (-r.score, r.id))
    found.households.sort(key=lambda h: h.id)

    summary: dict[str, Any] = {
        "engine": name,
        "hub_limit": comps.hub_limit,
        "hubs": [{"kind": h.kind, "key": h.key, "degree": h.degree} for h in comps.hubs],
        "groups": len(comps.groups),
        "rings": len(found.rings),
        "raised": sum(1 for r in found.rings if decisions.is_raised(r.status)),
        "households": len(found.households),
        "ring_changes": ring_changes.counts(),
        "household_changes": hh_changes.counts(),
        "retired_rings": [{"id": i, "change": c, "detail": d} for i, c, d in ring_changes.retired],
        "scores": _distribution([r.score for r in found.rings]),
        "previous_run": previous,
        "seed": params.seed,
    }
    run_id = store.save_run(
        engine, started_at=started, engine_name=name, hub_limit=comps.hub_limit, summary=summary,
        rings=found.rings, households=found.households,
    )  # fmt: skip
    stages.done("store")
    writeback.write(driver, database, run_id, found.rings, found.households)
    stages.done("write_back")
    summary["run_id"] = run_id
    summary["seconds"] = {"detect": round(detected_s, 2), "total": round(time.perf_counter() - clock, 2)}
    summary["stages"] = stages.seconds
    return summary
