"""Evaluation metrics, burst and money evidence, the score, and the offline report (no I/O)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from analytics import evaluation, evidence, scoring
from analytics.report import render, svg
from analytics.report.model import RingPicture
from analytics.store import StoredGroup, StoredRun


def test_pairwise_scores_count_pairs_found_and_planted() -> None:
    found = [frozenset("abc")]
    truth = [frozenset("ab"), frozenset("cd")]
    # found pairs ab ac bc, planted ab cd: one hit.
    assert evaluation.pairwise(found, truth) == {"precision": 0.3333, "recall": 0.5, "f1": 0.4}


def test_bcubed_scores_are_perfect_only_for_the_planted_groups() -> None:
    truth = [frozenset("ab"), frozenset("cde")]
    assert evaluation.bcubed(truth, truth)["f1"] == 1.0
    assert evaluation.bcubed([frozenset("abcde")], truth)["precision"] < 1.0
    assert evaluation.bcubed([], truth)["recall"] < 1.0


def test_a_burst_is_the_most_accounts_opened_on_one_device_within_the_window() -> None:
    t = datetime(2026, 3, 1, 9)
    openings = [("dev", "a", t), ("dev", "b", t + timedelta(hours=2)), ("dev", "c", t + timedelta(hours=5)),
                ("dev", "a", t + timedelta(days=9)), ("own", "a", t)]  # fmt: skip
    found = evidence.bursts(openings, timedelta(hours=24))
    assert found == [
        {"device": "dev", "accounts": 3, "members": 3, "first_at": "2026-03-01T09:00", "span_hours": 5.0}
    ]


def test_money_going_round_is_a_cycle() -> None:
    flow = evidence.money_flow([("x", "y", 1, 100), ("y", "z", 2, 90), ("z", "x", 1, 80), ("z", "w", 1, 5)])
    assert flow == {
        "transfers": 5,
        "account_pairs": 4,
        "total_vnd": 275,
        "cycles": 1,
        "accounts_in_cycles": 3,
    }


EVIDENCE = {
    "members": 3,
    "identifiers": [
        {"kind": "device", "key": "d1", "members": 3},
        {"kind": "phone", "key": "p", "members": 2},
    ],
    "money": {
        "transfers": 4,
        "account_pairs": 3,
        "total_vnd": 9_000_000,
        "cycles": 1,
        "accounts_in_cycles": 3,
    },
    "bursts": [
        {"device": "d1", "accounts": 3, "members": 3, "first_at": "2026-03-01T09:00", "span_hours": 4.0}
    ],
    "untrusted_devices": [{"device": "d1", "members": 3}],
    "alerts": {"untrusted_device": 2},
    "households": [],
}


def test_the_score_adds_capped_signals_and_the_evidence_reads_as_sentences() -> None:
    parts = scoring.parts(EVIDENCE)
    want = {"ties": 25 * 2 / 3, "money": 25.0, "burst": 25 * 2 / 3, "untrusted": 10.0, "alerts": 10.0}
    assert parts == pytest.approx(want)
    lines = scoring.explain(EVIDENCE)
    assert lines[0] == "3 members share device d1"
    assert any("1 cycle(s)" in line for line in lines)


def _run() -> StoredRun:
    ring = StoredGroup("ring", "FR-000001", frozenset("abc"), 71.7, "open", "new", "", EVIDENCE)
    ties = [{"a": "x", "b": "y", "reasons": ["surname"]}]
    home_evidence = {"address": "1 le loi", "ring": None, "ties": ties}
    home = StoredGroup("household", "HS-000001", frozenset("xy"), 0, "open", "new", "", home_evidence)
    summary = {
        "hubs": [{"kind": "device", "key": "kiosk", "degree": 200}],
        "seed": 360,
        "scores": {"count": 1, "min": 71.7, "median": 71.7, "max": 71.7},
    }
    return StoredRun(1, datetime(2026, 3, 2), "inprocess", 12, summary, [ring, home])


def test_the_html_report_opens_offline_with_a_picture_of_each_ring() -> None:
    picture = RingPicture(frozenset("abc"), {("device", "d1"): frozenset("abc")}, {("a", "b"): 5_000_000})
    page = render.html(_run(), {"FR-000001": picture})
    assert page.count("<svg") == 1 and "<script" not in page
    # The only URL is the SVG namespace, which browsers never fetch.
    assert page.count("http") == page.count('xmlns="http://www.w3.org/2000/svg"') == 1
    assert "FR-000001" in page and "HS-000001" in page and "kiosk" in page


def test_csv_and_json_reports_carry_every_ring() -> None:
    rows = render.csv_text(_run()).splitlines()
    assert rows[0].startswith("rank,ring_id,score") and rows[1].startswith("1,FR-000001,71.7")
    doc = json.loads(render.json_text(_run()))
    assert doc["rings"][0]["members"] == ["a", "b", "c"] and doc["households"][0]["id"] == "HS-000001"


def test_a_ring_picture_draws_every_member_and_identifier() -> None:
    text = svg.draw(RingPicture(frozenset("ab"), {("phone", "p"): frozenset("ab")}, {}))
    assert text.count("<circle") == 2 and text.count("<rect") == 1
