"""Reading the core-banking XML export (a T24-style layout, specified in docs/ingestion.md).

    <T24Export entity="CUSTOMERS" exported="2026-11-01T02:00:00+07:00">
      <record id="C000001">
        <field name="customer_id">C000001</field>
        ...
      </record>
    </T24Export>

Parsed with defusedxml's SAX parser: a DTD, an entity declaration or an external reference is
refused (no billion-laughs expansion, no file or network access), and records are handed on as
soon as each one closes, so memory stays bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax import SAXParseException
from xml.sax.expatreader import ExpatLocator
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

from defusedxml.common import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from relational.ingest.kinds import Kind
from relational.ingest.readers import text_lines
from relational.ingest.records import IngestFileError, Problem, RawRecord

ROOT, RECORD, FIELD = "T24Export", "record", "field"
_DECLARED_ENCODING = re.compile(r"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class _Handler(ContentHandler):
    def __init__(self, path: Path, kind: Kind) -> None:
        super().__init__()
        self._name = path.name
        self._kind = kind
        self._depth = 0
        self._locator: Locator | None = None
        self._record: ET.Element | None = None
        self._record_line = 0
        self._field_text: list[str] | None = None
        self.done: list[RawRecord] = []

    def setDocumentLocator(self, locator: Locator) -> None:  # noqa: N802 - SAX API name
        self._locator = locator

    def _line(self) -> int:
        return (self._locator.getLineNumber() or 0) if self._locator is not None else 0

    def _refuse(self, what: str) -> IngestFileError:
        return IngestFileError(
            f"{self._name} line {self._line()}: {what} (see docs/ingestion.md, XML format)"
        )

    def startElement(self, name: str, attrs: AttributesImpl) -> None:  # noqa: N802
        self._depth += 1
        if self._depth == 1:
            if name != ROOT:
                raise self._refuse(f"the root element is <{name}>, expected <{ROOT}>")
            entity = attrs.get("entity")
            if entity != self._kind.xml_entity:
                raise self._refuse(
                    f'the export is entity="{entity}", but --kind {self._kind.name} expects'
                    f' entity="{self._kind.xml_entity}"'
                )
        elif self._depth == 2:
            if name != RECORD:
                raise self._refuse(f"unexpected <{name}>; <{ROOT}> holds only <{RECORD}> elements")
            self._record = ET.Element(RECORD, dict(attrs.items()))
            self._record_line = self._line()
        elif self._depth == 3:
            if name != FIELD or "name" not in attrs:
                raise self._refuse(f'unexpected <{name}>; a <{RECORD}> holds only <{FIELD} name="...">')
            self._field_text = []
        else:
            raise self._refuse(f"unexpected <{name}> inside a <{FIELD}>: field values are plain text")
        if self._depth == 3 and self._record is not None:
            ET.SubElement(self._record, FIELD, {"name": attrs["name"]})

    def characters(self, content: str) -> None:
        if self._field_text is not None:
            self._field_text.append(content)

    def endElement(self, name: str) -> None:  # noqa: N802
        if self._depth == 3 and self._record is not None and self._field_text is not None:
            self._record[-1].text = "".join(self._field_text)
            self._field_text = None
        elif self._depth == 2 and self._record is not None:
            self.done.append(self._to_raw(self._record))
            self._record = None
        self._depth -= 1

    def _to_raw(self, element: ET.Element) -> RawRecord:
        values: dict[str, str | None] = {}
        problem = None
        for child in element:
            name = child.attrib["name"]
            if name in values:
                message = f"record at line {self._record_line} has field {name} twice"
                problem = problem or Problem("duplicate_field", name, message)
            values[name] = (child.text or "").strip() or None
        raw = ET.tostring(element, encoding="unicode")
        return RawRecord(self._record_line, values, raw, problem)


def read_xml(path: Path, kind: Kind) -> Iterator[RawRecord]:
    handler = _Handler(path, kind)
    parser = DefusedExpatParser(forbid_dtd=True)
    parser.setContentHandler(handler)
    # parse() would hand over the locator; feeding line by line does not, so do it here.
    handler.setDocumentLocator(ExpatLocator(parser))
    try:
        for line_no, line in enumerate(text_lines(path), 1):
            declared = _DECLARED_ENCODING.search(line) if line_no == 1 else None
            if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
                raise IngestFileError(
                    f"{path.name} declares encoding {declared.group(1)}; exports must be UTF-8"
                )
            parser.feed(line.encode("utf-8"))
            yield from handler.done
            handler.done.clear()
        parser.close()
    except SAXParseException as exc:
        message = exc.getMessage()
        cut = " (the file looks truncated)" if message in ("no element found", "unclosed token") else ""
        raise IngestFileError(
            f"{path.name} is not well-formed XML: line {exc.getLineNumber()}, column"
            f" {exc.getColumnNumber()}: {message}{cut}. Nothing was loaded."
        ) from exc
    except DefusedXmlException as exc:
        raise IngestFileError(
            f"{path.name} declares a DTD or entities ({type(exc).__name__}); they are refused, so an export"
            " can neither expand entities nor read other files"
        ) from exc
    yield from handler.done
