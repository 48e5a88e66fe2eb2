"""The export written out: JSON (whole or streamed, the same bytes), CSV, XLSX, an archive."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from guwah.evidence import log
from guwah.evidence.store import read_blob
from guwah.imports.export.records import ACT_FIELDS, PERSON_FIELDS, Files, Selection
from guwah.imports.plan import NAME_COLUMNS
from guwah.spreadsheets import safe_row

FORMAT = "guwah-export/1"
SHAPED_AFTER = "HURIDOCS Events Standard Formats"
ARCHIVE_DOCUMENT = "guwah.json"
ARCHIVE_MANIFEST = "manifest.json"
ARCHIVE_TREE_HEAD = "tree_head.json"
# Streamed output is sent in pieces of about this many bytes.
PIECE = 1 << 16


def sections(selection: Selection) -> dict[str, Any]:
    """The document's sections, persons and acts as iterators; in the document's key order."""
    return {
        "acts": selection.act_records(),
        "biographic_details": selection.relationships(),
        "events": selection.events(),
        "facilities": selection.facilities(),
        "format": FORMAT,
        "persons": selection.persons(),
        "places": selection.places(),
        "shaped_after": SHAPED_AFTER,
        "sources": selection.sources(),
    }


def export_document(actor: Any, files: Files | None = None) -> dict[str, Any]:
    """Every record ``actor`` may see, as one JSON-ready document."""
    return {
        name: value if isinstance(value, str | list) else list(value)
        for name, value in sections(Selection(actor, files)).items()
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)


def as_json(document: dict[str, Any]) -> bytes:
    """The document as bytes that depend on its contents alone."""
    return (_dumps(document) + "\n").encode()


def _json_text(parts: dict[str, Any]) -> Iterator[str]:
    # Written out as ``json.dumps(document, sort_keys=True, indent=2)`` would write it, one
    # record at a time. A record's JSON has a raw line feed only between its lines (one inside
    # a string is written ``\n``), so each is indented by what follows its line feeds; not by
    # splitting into lines, which would also split at U+2028 or U+0085 inside a name.
    yield "{"
    for number, name in enumerate(sorted(parts)):
        yield ("\n" if number == 0 else ",\n") + f"  {_dumps(name)}: "
        value = parts[name]
        if isinstance(value, str):
            yield _dumps(value)
            continue
        empty = True
        for record in value:
            yield ("[\n    " if empty else ",\n    ") + _dumps(record).replace("\n", "\n    ")
            empty = False
        yield "[]" if empty else "\n  ]"
    yield "\n}\n"


def in_pieces(texts: Iterable[str]) -> Iterator[bytes]:
    """UTF-8 bytes of ``texts`` in pieces of about :data:`PIECE` bytes."""
    buffer: list[str] = []
    size = 0
    for text in texts:
        buffer.append(text)
        size += len(text)
        if size >= PIECE:
            yield "".join(buffer).encode()
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode()


def stream_json(actor: Any) -> Iterator[bytes]:
    """The JSON export, the same bytes as :func:`as_json`, without holding the document."""
    return in_pieces(_json_text(sections(Selection(actor))))


# --------------------------------------------------------------------------------------------
# Spreadsheets: one sheet per kind of record, with IDs and the IDs of related records.

_NAME_COLUMNS = [column for column in NAME_COLUMNS if column != "name"]
_SCRIPT_COLUMN = {script: column for column, script in NAME_COLUMNS.items() if script}
PERSON_HEADER = ["id", "name", *_NAME_COLUMNS, "hometown", *PERSON_FIELDS]
OTHER_SHEETS = (
    ("events", ["id", "title", "date", "place", "description", "synthetic"]),
    ("acts", ["id", "victim", "event", "facility", "place", "sources", *ACT_FIELDS]),
    ("biographic_details", ["person", "relative", "relation", "note"]),
    ("sources", ["id", "type", "about", "title", "witness_name", "reference", "sha256", "text"]),
)


def person_row(person: dict[str, Any]) -> list[Any]:
    """A person as a row in Guwah's own import columns."""
    by_column: dict[str, str] = {}
    for name in person["names"]:
        column = _SCRIPT_COLUMN.get(name["script"], "name_latin")
        by_column.setdefault(column, name["text"])
    primary = person["names"][0]["text"] if person["names"] else ""
    return (
        [person["id"], primary]
        + [by_column.get(column, "") for column in _NAME_COLUMNS]
        + [person["hometown"] or ""]
        + [person[column] for column in PERSON_FIELDS]
    )


def sheets(document: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The document as tables: persons in Guwah's own import columns, then the rest."""
    tables = {"persons": [PERSON_HEADER, *(person_row(p) for p in document["persons"])]}
    for sheet, columns in OTHER_SHEETS:
        rows: list[list[Any]] = [columns]
        for record in document[sheet]:
            rows.append([_cell(record.get(column)) for column in columns])
        tables[sheet] = rows
    return tables


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return value


def _csv_text(rows: Iterable[list[Any]]) -> Iterator[str]:
    # A byte-order mark, so that Excel reads Uyghur and Chinese right.
    yield "\ufeff"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(safe_row(row))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def as_csv(document: dict[str, Any], sheet: str = "persons") -> bytes:
    """One sheet as UTF-8 CSV with a byte-order mark."""
    return "".join(_csv_text(sheets(document)[sheet])).encode("utf-8")


def stream_csv(actor: Any) -> Iterator[bytes]:
    """The persons sheet as CSV, the same bytes as :func:`as_csv`, a chunk of persons at a time."""
    persons = Selection(actor).persons()
    return in_pieces(_csv_text(_chain([PERSON_HEADER], (person_row(p) for p in persons))))


def _chain(first: list[list[Any]], rest: Iterable[list[Any]]) -> Iterator[list[Any]]:
    yield from first
    yield from rest


def _workbook_pieces(tables: Iterable[tuple[str, Iterable[list[Any]]]]) -> Iterator[bytes]:
    """An Excel workbook of ``tables`` (a title and its rows each), in pieces.

    openpyxl's write-only mode writes each row to a temporary file as it is appended and
    never keeps the cells, so the workbook's size does not bound the memory; the finished
    file is then read out in pieces."""
    import tempfile

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in tables:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(safe_row(row))
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        yield from iter(lambda: handle.read(PIECE), b"")


def as_xlsx(document: dict[str, Any]) -> bytes:
    """The document as an Excel workbook, one sheet per kind of record."""
    return b"".join(_workbook_pieces(sheets(document).items()))


def stream_xlsx(actor: Any) -> Iterator[bytes]:
    """The workbook of :func:`as_xlsx`, its persons and acts read a chunk at a time."""
    selection = Selection(actor)
    parts = sections(selection)

    def table(sheet: str, columns: list[str]) -> Iterator[list[Any]]:
        yield columns
        for record in parts[sheet]:
            yield [_cell(record.get(column)) for column in columns]

    persons = _chain([PERSON_HEADER], (person_row(p) for p in parts["persons"]))
    return _workbook_pieces(
        [("persons", persons), *((sheet, table(sheet, columns)) for sheet, columns in OTHER_SHEETS)]
    )


def as_archive(document: dict[str, Any], files: Files | None = None) -> bytes:
    """The document; the evidence files, photos and recordings it names; a manifest of their
    SHA-256 hashes; and the transparency log's latest signed tree head, in one ZIP file."""
    contents: dict[str, bytes] = {ARCHIVE_DOCUMENT: as_json(document)}
    for source in document["sources"]:
        digest = source.get("sha256")
        stored = read_blob(digest) if digest else None
        if stored is not None:
            contents[f"files/{digest}"] = stored
    for digest, field_file in sorted((files or {}).items()):
        with field_file.storage.open(str(field_file.name), "rb") as handle:
            contents[f"files/{digest}"] = handle.read()
    head = log.latest_tree_head()
    contents[ARCHIVE_TREE_HEAD] = (
        json.dumps(log.tree_head_fields(head) if head else None, sort_keys=True, indent=2) + "\n"
    ).encode()
    manifest = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(contents.items())}
    contents[ARCHIVE_MANIFEST] = (
        json.dumps({"sha256": manifest}, sort_keys=True, indent=2) + "\n"
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(contents):
            # A fixed date: the same registry gives the same archive bytes.
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(entry, contents[name], compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
