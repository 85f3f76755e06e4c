"""Reading CSV and JSON-lines files as a stream of `RawRecord`s, after checking they are UTF-8 text.

Every reader works line by line, so memory stays bounded however large the file. A problem with
the file as a whole raises `IngestFileError`; a problem with one record comes back on that record
(`RawRecord.problem`) so it can be quarantined while the rest of the file loads.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from relational.ingest.kinds import Kind
from relational.ingest.records import IngestFileError, Problem, RawRecord

FORMATS = ("csv", "jsonl", "xml")
_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xml": "xml"}
#: A longer line is not an export row: it is a binary file or a file without line breaks.
MAX_LINE_BYTES = 1 << 20
#: How much of the start is checked for NUL bytes before anything is parsed (text has none).
SNIFF_BYTES = 8192


def detect_format(path: Path, given: str | None) -> str:
    if given is not None:
        if given not in FORMATS:
            raise IngestFileError(f"unknown format {given!r}; use one of {', '.join(FORMATS)}")
        return given
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise IngestFileError(
            f"cannot tell the format of {path.name} from its extension; pass --format {'|'.join(FORMATS)}"
        )
    return fmt


def text_lines(path: Path) -> Iterator[str]:
    """The file's lines, decoded; refuses UTF-16, binary content and bytes that are not UTF-8,
    naming the line and byte, before any of that line reaches a parser."""
    name = path.name
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise IngestFileError(f"cannot read {path}: {exc.strerror}") from exc
    with handle:
        head = handle.read(SNIFF_BYTES)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise IngestFileError(
                f"{name} is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"
            )
        if b"\x00" in head:
            raise IngestFileError(f"{name} is binary data (NUL bytes near the start), not a text export")
        handle.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
        line_no = 0
        while line := handle.readline(MAX_LINE_BYTES + 1):
            line_no += 1
            if len(line) > MAX_LINE_BYTES:
                raise IngestFileError(
                    f"{name} line {line_no} is longer than {MAX_LINE_BYTES} bytes: this is not a text export"
                )
            if b"\x00" in line:
                raise IngestFileError(
                    f"{name} line {line_no} contains NUL bytes: it is binary data or UTF-16 text, not UTF-8"
                )
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise IngestFileError(
                    f"{name} is not valid UTF-8: line {line_no}, byte {exc.start + 1} of that line is"
                    f" 0x{line[exc.start]:02x} ({exc.reason}). Files must be UTF-8; this looks like"
                    " a legacy encoding such as Latin-1 or Windows-1258: re-export or convert it."
                ) from exc


class _LineTap:
    """Hands lines to csv.reader and remembers them, so each parsed row keeps its raw text and
    the line it started on (a quoted field may span lines)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._buffer: list[str] = []
        self._next_line_no = 1
        self.start = 1

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._buffer.append(line)
        return line

    def take(self) -> tuple[int, str]:
        start, raw = self._next_line_no, "".join(self._buffer)
        self._next_line_no += len(self._buffer)
        self._buffer.clear()
        return start, raw.rstrip("\r\n")


def _check_header(path: Path, kind: Kind, header: list[str]) -> None:
    known = [h for h in header if h in kind.field_names]
    expected = ", ".join(x.name for x in kind.fields)
    if not known:
        raise IngestFileError(
            f"{path.name} has no {kind.name} header: its first line names none of the expected columns"
            f" ({expected}). A CSV file must start with a header row.",
        )
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        raise IngestFileError(f"{path.name}: the header repeats {', '.join(duplicated)}")
    unknown = [h for h in header if h not in kind.field_names]
    if unknown:
        raise IngestFileError(
            f"{path.name}: the header has columns a {kind.name} file does not have: {', '.join(unknown)}"
            f" (expected: {expected}). Is this the right --kind?"
        )
    missing = [name for name in kind.required if name not in header]
    if missing:
        raise IngestFileError(f"{path.name}: the header lacks required columns: {', '.join(missing)}")


def read_csv(path: Path, kind: Kind) -> Iterator[RawRecord]:
    tap = _LineTap(text_lines(path))
    reader = csv.reader(tap, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise IngestFileError(f"{path.name} is empty: a CSV file needs a header row") from None
    except csv.Error as exc:
        raise IngestFileError(f"{path.name}: the header row is not valid CSV ({exc})") from exc
    tap.take()
    _check_header(path, kind, header)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line_no, raw = tap.take()
            at_end = "end of data" in str(exc)
            rule = "truncated_line" if at_end else "bad_csv"
            yield RawRecord(line_no, {}, raw, Problem(rule, None, f"line {line_no} is not valid CSV: {exc}"))
            continue
        line_no, raw = tap.take()
        if not cells:
            continue  # a blank line is not a record
        problem = None
        if len(cells) < len(header):
            missing = ", ".join(header[len(cells) :])
            message = f"line {line_no} has {len(cells)} of {len(header)} fields; {missing} missing"
            problem = Problem("truncated_line", header[len(cells)], message + " (truncated line?)")
        elif len(cells) > len(header):
            message = f"line {line_no} has {len(cells)} fields, the header {len(header)}"
            problem = Problem("too_many_fields", None, message)
        values = {h: (c.strip() or None) for h, c in zip(header, cells, strict=False)}
        yield RawRecord(line_no, values, raw, problem)


def _json_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value).strip() or None
    raise TypeError(type(value).__name__)


def read_jsonl(path: Path, kind: Kind) -> Iterator[RawRecord]:
    del kind  # every key is checked per record by validation
    for line_no, line in enumerate(text_lines(path), 1):
        raw = line.rstrip("\r\n")
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            # Cut mid-object: the parser ran out of text, or a string never closed.
            cut = exc.pos >= len(raw.rstrip()) or exc.msg.startswith("Unterminated string")
            message = f"line {line_no} is not a complete JSON object: {exc.msg} at column {exc.colno}"
            yield RawRecord(line_no, {}, raw, Problem("truncated_line" if cut else "bad_json", None, message))
            continue
        if not isinstance(obj, dict):
            message = f"line {line_no} is a JSON {type(obj).__name__}, not an object"
            yield RawRecord(line_no, {}, raw, Problem("bad_json", None, message))
            continue
        values: dict[str, str | None] = {}
        problem = None
        for name, value in obj.items():
            try:
                values[str(name)] = _json_text(value)
            except TypeError:
                message = f"line {line_no}: {name} is a nested JSON {type(value).__name__}, not a plain value"
                problem = problem or Problem("bad_type", str(name), message)
        yield RawRecord(line_no, values, raw, problem)
