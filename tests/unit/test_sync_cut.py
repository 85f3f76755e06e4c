"""The sync's watermarks against a cut, and which rows of a page wait for a parent (no I/O)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.dialects import sqlite

from graph_loader import pending, reader
from graph_loader.sources import by_name
from graph_loader.sync import _mark, _rewind, _with_last

T0 = datetime(2026, 12, 3, 12, 0, 0)
U = by_name("device_usage")


def _sql(clause: Any) -> str:
    return str(clause.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def test_a_keyed_watermark_is_exclusive_and_a_bound_is_inclusive() -> None:
    table = U.table
    keyed = _sql(reader._after(table, ["usage_id"], reader.Watermark(T0, (42,))))
    assert "updated_at >" in keyed and "usage_id > 42" in keyed
    bound = _sql(reader._after(table, ["usage_id"], reader.Watermark(T0, ())))
    assert bound.endswith("updated_at >= '2026-12-03 12:00:00.000000'")


def test_the_rewind_reads_the_overlap_again_inclusively() -> None:
    mark = _rewind(reader.Watermark(T0, (42,)), timedelta(seconds=2))
    assert mark == reader.Watermark(T0 - timedelta(seconds=2), ())
    assert _rewind(reader.Watermark(T0, (42,)), timedelta(0)) == reader.Watermark(T0, (42,))
    assert _rewind(None, timedelta(seconds=2)) is None


def test_a_page_mark_never_passes_the_cut() -> None:
    bound = T0
    below = {"updated_at": T0 - timedelta(seconds=5), "usage_id": 7}
    above = {"updated_at": T0 + timedelta(seconds=1), "usage_id": 8}
    assert _mark(U, below, bound, is_last=False)["key"] == [7]
    assert _mark(U, below, bound, is_last=True) == {"source": "device_usage", "updated_at": bound, "key": []}
    # A row the snapshot saw above the bound: a rerun from it could skip a late commit below it.
    assert _mark(U, above, bound, is_last=False) == {"source": "device_usage", "updated_at": bound, "key": []}


def test_with_last_flags_only_the_last_item() -> None:
    assert list(_with_last(iter([1, 2, 3]))) == [(1, False), (2, False), (3, True)]
    assert list(_with_last(iter([]))) == []


def _usage(uid: int, customer: str | None, device: str | None, deleted: bool = False) -> dict[str, Any]:
    return {
        "usage_id": uid,
        "customer_id": customer,
        "device_id": device,
        "deleted_at": T0 if deleted else None,
    }


def test_a_check_asks_for_each_parent_once_and_skips_deleted_rows() -> None:
    rows = [_usage(1, "C1", "D1"), _usage(2, "C1", "D2"), _usage(3, "C2", "D1", deleted=True)]
    check = pending.check_for("device_usage", U.refs, U.key_columns, rows, known={"device_usage|[3]"})
    assert check is not None
    params = check.params()
    assert params["customers"] == ["C1"] and params["devices"] == ["D1", "D2"]
    assert params["accounts"] == [] and params["transactions"] == []
    assert [pid for pid, _key, _refs in check.rows] == ["device_usage|[1]", "device_usage|[2]"]
    assert check.clears == ["device_usage|[3]"]  # it was pending; its deletion settles it


def test_a_page_that_refers_to_nothing_needs_no_check() -> None:
    assert (
        pending.check_for("device_usage", U.refs, U.key_columns, [_usage(1, None, None)], known=set()) is None
    )


def test_pending_ids_and_refs_round_trip() -> None:
    assert pending.row_id("account_holders", ["CUS1", "100"]) == 'account_holders|["CUS1", "100"]'
    assert pending.parse_ref(pending.ref_text("Device", "fp:odd:key")) == ("Device", "fp:odd:key")
