"""Render a stored run: HTML that opens in any browser offline (styles and pictures inline, no
script, no external link), CSV for spreadsheets and JSON for machines."""

from __future__ import annotations

import csv
import io
import json
from html import escape
from typing import Any

from analytics import scoring
from analytics.decisions import is_raised
from analytics.report import svg
from analytics.report.model import RingPicture
from analytics.store import StoredGroup, StoredRun

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#212529;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #dee2e6}table{border-collapse:collapse}
td,th{border:1px solid #dee2e6;padding:3px 8px;text-align:left;vertical-align:top}
.ring{border:1px solid #ced4da;border-radius:6px;padding:1em;margin:1.2em 0}
.score{font-size:1.4em;font-weight:bold}.status{padding:2px 6px;border-radius:4px;background:#e9ecef}
.key{margin-right:1em;white-space:nowrap}.key i{display:inline-block;width:12px;height:12px;margin-right:4px}
.members{font-family:monospace;font-size:12px}
"""

_HOUSEHOLD_ROWS = 500


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "-"


def _ties(household: StoredGroup) -> str:
    ties = household.evidence.get("ties", [])
    return "; ".join(f"{t['a']}-{t['b']}: {'+'.join(t['reasons'])}" for t in ties)


def rings_ranked(run: StoredRun) -> list[StoredGroup]:
    return sorted((g for g in run.groups if g.kind == "ring"), key=lambda g: (-g.score, g.id))


def _kv_table(rows: list[tuple[str, Any]]) -> str:
    return (
        "<table>"
        + "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in rows)
        + "</table>"
    )


def _ring_html(
    rank: int, ring: StoredGroup, picture: RingPicture | None, households: dict[str, StoredGroup]
) -> str:
    ev = ring.evidence
    hh_members = frozenset(
        m for h in ev.get("households", []) if h in households for m in households[h].members
    )
    lines = "".join(f"<li>{escape(line)}</li>" for line in scoring.explain(ev))
    parts = scoring.parts(ev)
    points = ", ".join(f"{k} {v:.1f}" for k, v in parts.items())
    change = ring.change + (f" ({ring.change_detail})" if ring.change_detail else "")
    picture_html = svg.draw(picture, hh_members) if picture else "<p>(no picture)</p>"
    return (
        f'<div class="ring" id="{escape(ring.id)}"><h3>#{rank} {escape(ring.id)} '
        f'<span class="score">{ring.score:.1f}</span> <span class="status">{escape(ring.status)}</span></h3>'
        f"<p>{len(ring.members)} members; change: {escape(change)}; points: {escape(points)}</p>"
        f"<ul>{lines}</ul>{picture_html}"
        f'<p class="members">{escape(", ".join(sorted(ring.members)))}</p></div>'
    )


def html(run: StoredRun, pictures: dict[str, RingPicture]) -> str:
    """The whole report as one self-contained HTML page."""
    s = run.summary
    rings = rings_ranked(run)
    households = {g.id: g for g in run.groups if g.kind == "household"}
    raised = [r for r in rings if is_raised(r.status)]
    quiet = [r for r in rings if not is_raised(r.status)]
    scores = s.get("scores", {})
    spread = ", ".join(f"{k}: {v}" for k, v in scores.get("buckets", {}).items())
    if scores.get("count"):
        spread += f" (min {scores['min']}, median {scores['median']}, max {scores['max']})"
    overview = _kv_table([
        ("run", f"{run.run_id} at {run.started_at:%Y-%m-%d %H:%M} UTC, {run.engine} engine, "
                f"seed {s.get('seed')}"),
        ("rings", f"{len(rings)} ({len(raised)} raised, {len(quiet)} dismissed and unchanged)"),
        ("households", len(households)),
        ("hub limit", f"identifiers shared by more than {run.hub_limit} customers link no one"),
        ("score distribution", spread),
        ("ring changes since the last run", _counts(s.get("ring_changes", {}))),
        ("household changes", _counts(s.get("household_changes", {}))),
    ])  # fmt: skip
    hubs = "".join(
        f"<tr><td>{escape(h['kind'])}</td><td>{escape(h['key'])}</td><td>{h['degree']}</td></tr>"
        for h in s.get("hubs", [])
    )
    retired = "".join(
        f"<li>{escape(r['id'])}: {escape(r['change'])} {escape(r['detail'])}</li>"
        for r in s.get("retired_rings", [])
    )
    hh_rows = "".join(
        f"<tr><td>{escape(h.id)}</td><td>{len(h.members)}</td>"
        f"<td class=members>{escape(', '.join(sorted(h.members)))}</td>"
        f"<td>{escape(str(h.evidence.get('address')))}</td><td>{escape(h.evidence.get('ring') or '')}</td>"
        f"<td>{escape(_ties(h))}</td></tr>"
        for h in sorted(households.values(), key=lambda h: h.id)[:_HOUSEHOLD_ROWS]
    )
    body = [
        f"<h1>Fraud rings: run {run.run_id}</h1>",
        "<h2>Overview</h2>", overview,
        "<h2>Hubs (shared by too many customers to link them)</h2>",
        f"<table><tr><th>kind</th><th>identifier</th><th>customers</th></tr>{hubs}</table>",
        f"<h2>Rings no longer carried on</h2><ul>{retired or '<li>none</li>'}</ul>",
        "<h2>Rings, highest score first</h2>", f"<p>{svg.legend()}</p>",
        *(_ring_html(i + 1, r, pictures.get(r.id), households) for i, r in enumerate(raised)),
        "<h2>Dismissed and unchanged (not raised)</h2>",
        "".join(f"<p>{escape(r.id)} ({len(r.members)} members, score {r.score:.1f})</p>" for r in quiet)
        or "<p>none</p>",
        f"<h2>Households ({len(households)}; first {min(len(households), _HOUSEHOLD_ROWS)} shown)</h2>",
        "<table><tr><th>id</th><th>size</th><th>members</th><th>home</th><th>in ring</th><th>ties</th></tr>",
        hh_rows, "</table>",
    ]  # fmt: skip
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fraud rings: run {run.run_id}'
            f"</title><style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n")  # fmt: skip


CSV_COLUMNS = ("rank", "ring_id", "score", "status", "change", "change_detail", "members", "customer_ids",
               "shared_identifiers", "transfers", "total_vnd", "cycles", "largest_burst", "untrusted_devices",
               "alerts", "households")  # fmt: skip


def csv_text(run: StoredRun) -> str:
    """One row per ring, ranked."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for rank, r in enumerate(rings_ranked(run), start=1):
        ev = r.evidence
        writer.writerow([
            rank, r.id, f"{r.score:.1f}", r.status, r.change, r.change_detail, len(r.members),
            ";".join(sorted(r.members)),
            ";".join(f"{i['kind']}:{i['key']}({i['members']})" for i in ev["identifiers"]),
            ev["money"]["transfers"], ev["money"]["total_vnd"], ev["money"]["cycles"],
            max((b["accounts"] for b in ev["bursts"]), default=0), len(ev["untrusted_devices"]),
            sum(ev["alerts"].values()), ";".join(ev.get("households", [])),
        ])  # fmt: skip
    return buf.getvalue()


def json_text(run: StoredRun) -> str:
    doc = {
        "run_id": run.run_id, "started_at": run.started_at.isoformat(), "engine": run.engine,
        "hub_limit": run.hub_limit, "summary": run.summary,
        "rings": [{"rank": i + 1, "id": r.id, "score": r.score, "status": r.status, "change": r.change,
                   "change_detail": r.change_detail, "members": sorted(r.members), "evidence": r.evidence,
                   "explanation": scoring.explain(r.evidence)} for i, r in enumerate(rings_ranked(run))],
        "households": [{"id": h.id, "members": sorted(h.members), "change": h.change, **h.evidence}
                       for h in sorted((g for g in run.groups if g.kind == "household"), key=lambda g: g.id)],
    }  # fmt: skip
    return json.dumps(doc, indent=2, sort_keys=False) + "\n"
