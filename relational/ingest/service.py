"""`ingest_file`: read, validate, write in batches, quarantine; one transaction per file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from relational.ingest import fields, readers
from relational.ingest.kinds import KINDS, Kind
from relational.ingest.quarantine import quarantine
from relational.ingest.records import IngestFileError, Problem, RawRecord, Row
from relational.ingest.references import check_references
from relational.ingest.report import IngestReport
from relational.ingest.validate import RowValidator
from relational.ingest.writer import upsert
from relational.ingest.xml_reader import read_xml

BATCH_SIZE = 1000
MAX_EXAMPLES = 5
_READERS: dict[str, Callable[[Path, Kind], Iterator[RawRecord]]] = {
    "csv": readers.read_csv,
    "jsonl": readers.read_jsonl,
    "xml": read_xml,
}


def source_name(path: Path) -> str:
    """How quarantine names the file: its absolute path (the column holds 500 characters)."""
    return str(path.resolve())[-500:]


def ingest_file(engine: Engine, path: Path, kind_name: str, fmt: str | None = None) -> IngestReport:
    """Load one file of `kind_name` records. Raises `IngestFileError` when the file as a whole is
    unusable; then nothing is written, because everything happens in one transaction."""
    kind = KINDS.get(kind_name)
    if kind is None:
        raise IngestFileError(f"unknown kind {kind_name!r}; use one of {', '.join(KINDS)}")
    if not path.is_file():
        raise IngestFileError(f"{path} does not exist or is not a file")
    fmt = readers.detect_format(path, fmt)
    source = source_name(path)
    report = IngestReport(source_file=source, kind=kind.name, format=fmt)
    validator = RowValidator(kind)
    try:
        with engine.begin() as conn:
            pending: list[Row] = []
            rejected: list[tuple[RawRecord, Problem]] = []

            def flush() -> None:
                good, bad = check_references(conn, kind, pending)
                rejected.extend((row.record, problem) for row, problem in bad)
                counts = upsert(conn, kind, good, fields.now())
                report.loaded += counts.inserted
                report.updated += counts.updated
                report.unchanged += counts.unchanged
                _record_rejections(report, rejected)
                report.quarantined += quarantine(conn, source, kind.name, rejected)
                pending.clear()
                rejected.clear()

            for record in _READERS[fmt](path, kind):
                report.read += 1
                outcome = validator.validate(record)
                if isinstance(outcome, Problem):
                    rejected.append((record, outcome))
                else:
                    pending.append(outcome)
                if len(pending) + len(rejected) >= BATCH_SIZE:
                    flush()
            flush()
    except DBAPIError as exc:
        # A constraint the validators do not know about: say so plainly; the transaction is undone.
        raise IngestFileError(f"the database refused a batch from {path.name}: {exc.orig}") from exc
    return report


def _record_rejections(report: IngestReport, rejected: list[tuple[RawRecord, Problem]]) -> None:
    report.rejected += len(rejected)
    for _record, problem in rejected:
        report.rejected_by_rule[problem.rule] += 1
        if len(report.examples) < MAX_EXAMPLES:
            report.examples.append(problem.message)
