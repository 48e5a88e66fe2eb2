"""The export written out: JSON (whole or streamed, the same bytes), CSV, XLSX, an archive."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO, Any

from guwah.evidence import log
from guwah.evidence.models import Blob
from guwah.evidence.store import StoredFileChanged, blob_name, blob_storage, open_blob
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


@dataclass(frozen=True)
class StoredFile:
    """A file the archive carries: its size on disk (a hint), and how to open its plaintext."""

    size: int
    open: Callable[[], IO[bytes]]


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


# A fixed date for every entry: the same registry gives the same archive bytes.
_ENTRY_DATE = (1980, 1, 1, 0, 0, 0)


def _info(name: str) -> zipfile.ZipInfo:
    """An entry named ``name``, deflated, with a fixed date."""
    entry = zipfile.ZipInfo(name, date_time=_ENTRY_DATE)
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def _entry(archive: zipfile.ZipFile, name: str, size: int) -> IO[bytes]:
    """An entry of ``archive`` to write ``size`` bytes into, deflated: what
    ``archive.writestr(name, data)`` would write, its bytes given a piece at a time. The size
    is only the writer's hint for ZIP64 (entries over 2 GiB)."""
    entry = _info(name)
    entry.file_size = size
    return archive.open(entry, "w")


def _copy(source: IO[bytes], target: IO[bytes]) -> str:
    """Copy ``source`` into ``target`` a piece at a time; the SHA-256 of what was copied."""
    digest = hashlib.sha256()
    for piece in iter(lambda: source.read(PIECE), b""):
        digest.update(piece)
        target.write(piece)
    return digest.hexdigest()


def _stored_files(sources: Iterable[dict[str, Any]], files: Files) -> dict[str, StoredFile]:
    """The files the document names, by archive name: each evidence source's file kept by the
    evidence store (a source whose file is not stored goes without), then the photos and
    recordings, opened through their storage (which decrypts a sealed file as it reads)."""
    stored: dict[str, StoredFile] = {}
    for source in sources:
        digest = source.get("sha256")
        blob = Blob.objects.filter(pk=digest).first() if digest else None
        if blob is not None and blob_storage().exists(blob_name(blob.sha256)):
            stored[f"files/{blob.sha256}"] = StoredFile(blob.size, partial(open_blob, blob))
    for digest, field_file in files.items():
        name = str(field_file.name)
        stored[f"files/{digest}"] = StoredFile(
            field_file.storage.size(name), partial(field_file.storage.open, name, "rb")
        )
    return stored


def write_archive(actor: Any, out: IO[bytes]) -> None:
    """The archive of everything ``actor`` may see, written into ``out`` (a file open for
    writing that can seek) without holding it: the document, a piece at a time, into a
    temporary file; the evidence files, photos and recordings it names, copied in one by one;
    then the manifest of the SHA-256 of every entry, and the transparency log's latest signed
    tree head. The entries are in the order of their names.

    A stored file whose bytes no longer hash to its name is not handed out:
    :class:`~guwah.evidence.store.StoredFileChanged` is raised."""
    files: Files = {}
    parts = sections(Selection(actor, files))
    head = log.latest_tree_head()
    tree_head = (
        json.dumps(log.tree_head_fields(head) if head else None, sort_keys=True, indent=2) + "\n"
    ).encode()
    manifest: dict[str, str] = {ARCHIVE_TREE_HEAD: hashlib.sha256(tree_head).hexdigest()}
    with tempfile.TemporaryFile() as document, zipfile.ZipFile(out, "w") as archive:
        # Written first, as the photos and recordings it names are found while it is written.
        digest = hashlib.sha256()
        for piece in in_pieces(_json_text(parts)):
            digest.update(piece)
            document.write(piece)
        manifest[ARCHIVE_DOCUMENT] = digest.hexdigest()
        size = document.tell()
        document.seek(0)
        for name, stored in sorted(_stored_files(parts["sources"], files).items()):
            with stored.open() as source, _entry(archive, name, stored.size) as target:
                found = _copy(source, target)
            if found != name.removeprefix("files/"):
                raise StoredFileChanged(name.removeprefix("files/"), found)
            manifest[name] = found
        with _entry(archive, ARCHIVE_DOCUMENT, size) as target:
            _copy(document, target)
        listing = (
            json.dumps({"sha256": dict(sorted(manifest.items()))}, sort_keys=True, indent=2) + "\n"
        ).encode()
        archive.writestr(_info(ARCHIVE_MANIFEST), listing)
        archive.writestr(_info(ARCHIVE_TREE_HEAD), tree_head)


def stream_archive(actor: Any) -> Iterator[bytes]:
    """The archive of :func:`write_archive`, written to a temporary file and read out in
    pieces (a ZIP file's entries are completed by seeking back to their headers)."""
    with tempfile.TemporaryFile() as handle:
        write_archive(actor, handle)
        handle.seek(0)
        yield from iter(lambda: handle.read(PIECE), b"")


def archive_file(actor: Any) -> IO[bytes]:
    """The archive of :func:`write_archive` in a temporary file, at its start; removed when
    closed (a web response closes it once sent)."""
    handle = tempfile.TemporaryFile()
    try:
        write_archive(actor, handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle
