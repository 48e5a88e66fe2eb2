"""Everything a user may see, out: JSON, CSV, an Excel workbook, or a full archive.

The JSON document is shaped after the HURIDOCS Events Standard Formats: ``persons``, ``events``
(one happening that touched many people), ``acts`` (what was done to one person, its victim,
with the ``sources`` it rests on), ``biographic_details`` (family relationships) and ``sources``
(testimony and evidence, and whom they are about). It is deterministic, keys sorted and records
in the order of their IDs, so two exports of one registry are the same bytes; records are named
by the IDs they were imported under, or ``guwah-<kind>-<number>``, so an export imported into an
empty instance exports again identically. Who submitted a record, when, and at which version
are the installation's bookkeeping, not the record, and are left out. A person's photo and a
testimony's recording are named by their SHA-256; the archive carries their bytes.

Every format is also written out as a stream (:func:`stream`), a chunk of records at a time, the
same bytes as the whole export: a registry of 100,000 persons goes to a file, standard output
or a browser without being held in memory.

What a user may see is the access policy's answer (``access.persons_visible_to`` and its
siblings), never a filter of this module's own. Every cell of a CSV or XLSX export goes
through :func:`guwah.spreadsheets.safe_cell`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from guwah.imports.export.formats import (
    ARCHIVE_DOCUMENT,
    ARCHIVE_MANIFEST,
    ARCHIVE_TREE_HEAD,
    FORMAT,
    SHAPED_AFTER,
    archive_file,
    as_csv,
    as_json,
    as_xlsx,
    export_document,
    sheets,
    stream_archive,
    stream_csv,
    stream_json,
    stream_xlsx,
    write_archive,
)
from guwah.imports.export.records import (
    ACT_FIELDS,
    EVIDENCE_FIELDS,
    PERSON_FIELDS,
    TESTIMONY_FIELDS,
    ExternalIds,
    place_ref,
)

__all__ = [
    "ACT_FIELDS",
    "ARCHIVE_DOCUMENT",
    "ARCHIVE_MANIFEST",
    "ARCHIVE_TREE_HEAD",
    "CONTENT_TYPES",
    "EVIDENCE_FIELDS",
    "FILE_NAMES",
    "FORMAT",
    "FORMATS",
    "PERSON_FIELDS",
    "SHAPED_AFTER",
    "STREAMED",
    "TESTIMONY_FIELDS",
    "ExternalIds",
    "archive_file",
    "as_csv",
    "as_json",
    "as_xlsx",
    "export",
    "export_document",
    "place_ref",
    "sheets",
    "stream",
    "stream_archive",
    "stream_xlsx",
    "write_archive",
]

FORMATS = ("csv", "xlsx", "json", "archive")
# The formats written out record by record (a workbook through openpyxl's write-only mode);
# an archive is written a piece at a time too, but into a temporary file first, as a ZIP
# file's entries are completed by seeking back (:func:`archive_file`).
STREAMED = ("csv", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "archive": "application/zip",
}
FILE_NAMES = {
    "csv": "guwah-persons.csv",
    "xlsx": "guwah-export.xlsx",
    "json": "guwah-export.json",
    "archive": "guwah-archive.zip",
}


def export(actor: Any, format: str) -> bytes:
    """The export of everything ``actor`` may see, in ``format`` (csv, xlsx, json, archive)."""
    if format not in FORMATS:
        raise ValueError(format)
    if format in ("xlsx", "archive"):
        return b"".join(stream(actor, format))
    document = export_document(actor)
    if format == "json":
        return as_json(document)
    return as_csv(document)


def stream(actor: Any, format: str) -> Iterator[bytes]:
    """The export in pieces, a chunk of records at a time."""
    if format == "json":
        return stream_json(actor)
    if format == "csv":
        return stream_csv(actor)
    if format == "xlsx":
        return stream_xlsx(actor)
    if format == "archive":
        return stream_archive(actor)
    raise ValueError(format)
