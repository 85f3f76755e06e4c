"""The analytics store in the relational database: runs, the members of each group per run, and
decisions. An adapter: maps rows to and from the domain types."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from analytics.decisions import Decision
from analytics.model import FraudRing, Household
from relational.models import AnalyticsGroup, AnalyticsGroupMember, AnalyticsRun, RingDecision, utcnow

PREFIX = {"ring": "FR-", "household": "HS-"}


@dataclass(frozen=True, slots=True)
class StoredGroup:
    kind: str
    id: str
    members: frozenset[str]
    score: float
    status: str
    change: str
    change_detail: str
    evidence: dict[str, Any]


@dataclass(frozen=True, slots=True)
class StoredRun:
    run_id: int
    started_at: datetime
    engine: str
    hub_limit: int
    summary: dict[str, Any]
    groups: list[StoredGroup]


def latest_run_id(engine: Engine) -> int | None:
    with engine.connect() as conn:
        value = conn.execute(sa.select(sa.func.max(AnalyticsRun.run_id))).scalar()
    return int(value) if value is not None else None


def groups_of(engine: Engine, run_id: int | None, kind: str) -> dict[str, frozenset[str]]:
    """{group_id: members} of one kind in a run ({} for no run)."""
    if run_id is None:
        return {}
    found: dict[str, set[str]] = defaultdict(set)
    query = sa.select(AnalyticsGroupMember.group_id, AnalyticsGroupMember.customer_id).where(
        AnalyticsGroupMember.run_id == run_id, AnalyticsGroupMember.group_kind == kind
    )
    with engine.connect() as conn:
        for gid, cid in conn.execute(query):
            found[gid].add(cid)
    return {gid: frozenset(m) for gid, m in found.items()}


def id_minter(engine: Engine, kind: str) -> Callable[[], str]:
    """A function returning fresh IDs for `kind`, never reusing one given in any earlier run."""
    prefix = PREFIX[kind]
    with engine.connect() as conn:
        ids = conn.execute(
            sa.select(AnalyticsGroup.group_id).distinct().where(AnalyticsGroup.group_kind == kind)
        ).scalars()
        top = max((int(m.group(1)) for i in ids if (m := re.fullmatch(r"[A-Z]+-(\d+)", i))), default=0)
    counter = [top]

    def mint() -> str:
        counter[0] += 1
        return f"{prefix}{counter[0]:06d}"

    return mint


def save_run(
    engine: Engine,
    *,
    started_at: datetime,
    engine_name: str,
    hub_limit: int,
    summary: dict[str, Any],
    rings: list[FraudRing],
    households: list[Household],
) -> int:
    """Store one run whole, in one transaction. Returns its run_id."""
    with engine.begin() as conn:
        inserted = conn.execute(
            sa.insert(AnalyticsRun).values(
                started_at=started_at,
                finished_at=utcnow(),
                engine=engine_name,
                hub_limit=hub_limit,
                summary=json.dumps(summary, sort_keys=True),
            )
        ).inserted_primary_key
        assert inserted is not None  # an INSERT of one row always has a key
        run_id = int(inserted[0])
        groups: list[dict[str, Any]] = []
        members: list[dict[str, Any]] = []
        for r in rings:
            groups.append({"run_id": run_id, "group_kind": "ring", "group_id": r.id, "score": r.score,
                           "status": r.status, "change": r.change, "change_detail": r.change_detail,
                           "evidence": json.dumps(r.evidence, sort_keys=True)})  # fmt: skip
            members += [{"run_id": run_id, "group_kind": "ring", "group_id": r.id, "customer_id": c}
                        for c in sorted(r.members)]  # fmt: skip
        for h in households:
            ties = [{"a": t.a, "b": t.b, "reasons": list(t.reasons)} for t in h.ties]
            evidence = {"address": h.address, "ring": h.ring_id, "ties": ties}
            groups.append({"run_id": run_id, "group_kind": "household", "group_id": h.id, "score": 0,
                           "status": "open", "change": h.change, "change_detail": h.change_detail,
                           "evidence": json.dumps(evidence, sort_keys=True)})  # fmt: skip
            members += [{"run_id": run_id, "group_kind": "household", "group_id": h.id, "customer_id": c}
                        for c in sorted(h.members)]  # fmt: skip
        for start in range(0, len(groups), 5_000):
            conn.execute(sa.insert(AnalyticsGroup), groups[start : start + 5_000])
        for start in range(0, len(members), 10_000):
            conn.execute(sa.insert(AnalyticsGroupMember), members[start : start + 10_000])
    return run_id


def load_run(engine: Engine, run_id: int | None = None) -> StoredRun | None:
    """A stored run with its groups (the latest when `run_id` is None)."""
    run_id = run_id if run_id is not None else latest_run_id(engine)
    if run_id is None:
        return None
    with engine.connect() as conn:
        run = conn.execute(sa.select(AnalyticsRun).where(AnalyticsRun.run_id == run_id)).one()
        rows = conn.execute(sa.select(AnalyticsGroup).where(AnalyticsGroup.run_id == run_id)).all()
    members = {kind: groups_of(engine, run_id, kind) for kind in PREFIX}
    groups = [
        StoredGroup(g.group_kind, g.group_id, members[g.group_kind].get(g.group_id, frozenset()),
                    float(g.score), g.status, g.change, g.change_detail, json.loads(g.evidence))
        for g in rows
    ]  # fmt: skip
    return StoredRun(run.run_id, run.started_at, run.engine, run.hub_limit, json.loads(run.summary), groups)


def add_decision(engine: Engine, decision: Decision) -> None:
    with engine.begin() as conn:
        conn.execute(
            sa.insert(RingDecision).values(
                ring_id=decision.ring_id, decision=decision.decision, note=decision.note,
                decided_by=decision.decided_by, decided_at=decision.decided_at,
                members=json.dumps(sorted(decision.members)),
            )
        )  # fmt: skip


def latest_decisions(engine: Engine) -> dict[str, Decision]:
    """The most recent decision per ring."""
    out: dict[str, Decision] = {}
    with engine.connect() as conn:
        rows = conn.execute(sa.select(RingDecision).order_by(RingDecision.decision_id)).all()
    for d in rows:
        out[d.ring_id] = _decision(d)
    return out


def decisions_for(engine: Engine, ring_ids: list[str]) -> dict[str, list[Decision]]:
    """Every decision on these rings, newest first (the API's ring.decisions)."""
    out: dict[str, list[Decision]] = defaultdict(list)
    query = (
        sa.select(RingDecision)
        .where(RingDecision.ring_id.in_(ring_ids))
        .order_by(RingDecision.decision_id.desc())
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    for d in rows:
        out[d.ring_id].append(_decision(d))
    return out


def _decision(d: sa.Row[Any]) -> Decision:
    members = frozenset(json.loads(d.members))
    return Decision(d.ring_id, d.decision, d.note, d.decided_by, d.decided_at, members)
