"""Ingestion of outside files (CSV, JSON lines, core-banking XML) into the relational schema.

Pipeline: `readers` / `xml_reader` yield raw records -> `validate` types them -> `references`
checks them against the database per batch -> `writer` upserts, `quarantine` keeps the rejects ->
`report` counts. `service.ingest_file` runs it, in one transaction per file.
"""

from relational.ingest.kinds import KINDS
from relational.ingest.records import IngestFileError
from relational.ingest.report import IngestReport
from relational.ingest.service import ingest_file

__all__ = ["KINDS", "IngestFileError", "IngestReport", "ingest_file"]
