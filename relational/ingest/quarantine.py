"""Rejected rows go to the `quarantine` table, whole, with the rule that failed.

A re-run of the same file rejects the same rows again (they are counted as rejected in its
report), but does not write a second copy: a record is identified by (file, kind, line, rule,
field, raw payload). A row that changed is a new record, so nothing is ever lost.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from relational.ingest.records import Problem, RawRecord
from relational.ingest.references import CHUNK
from relational.models import Base

_Q = Base.metadata.tables["quarantine"]


def quarantine(
    conn: Connection, source_file: str, kind: str, rejected: list[tuple[RawRecord, Problem]]
) -> int:
    """Write the rejections not already recorded; return how many were new."""
    if not rejected:
        return 0
    seen: set[tuple[int, str, str | None, str]] = set()
    lines = sorted({record.line_no for record, _ in rejected})
    for start in range(0, len(lines), CHUNK):
        query = select(_Q.c.line_no, _Q.c.rule, _Q.c.field, _Q.c.raw_payload).where(
            _Q.c.source_file == source_file, _Q.c.kind == kind, _Q.c.line_no.in_(lines[start : start + CHUNK])
        )
        seen.update((r.line_no, r.rule, r.field, r.raw_payload) for r in conn.execute(query))
    new = []
    for record, problem in rejected:
        identity = (record.line_no, problem.rule, problem.field, record.raw)
        if identity in seen:
            continue
        seen.add(identity)
        new.append(
            {
                "source_file": source_file,
                "kind": kind,
                "line_no": record.line_no,
                "rule": problem.rule,
                "field": problem.field,
                "message": problem.message,
                "raw_payload": record.raw,
            }
        )
    if new:
        conn.execute(insert(_Q), new)
    return len(new)
