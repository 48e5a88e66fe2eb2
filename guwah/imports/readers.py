"""Reading the files people bring: CSV in the encoding it was saved in, Excel, or JSON.

Partners' lists arrive from spreadsheets in Ürümqi (GB18030), from Excel on Windows (UTF-16,
tab-separated), from anywhere else (UTF-8 with or without a byte-order mark), as workbooks with
a group header merged over the columns beneath it, or as JSON. Whatever the bytes, a reader
either returns a table or raises :class:`ImportFileError` with a message a person can act on;
no other exception leaves this module (a test feeds it arbitrary bytes).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from guwah.linkage.tables import TableError, cell_text, detect_encoding

Cell = str | int | float | dt.datetime | dt.date | dt.time | None

# A spreadsheet's own row numbers: the header is row 1, the first data row row 2.
FIRST_DATA_ROW = 2
DELIMITERS = ",;\t|"
# ``csv`` refuses fields longer than its default of 128 KiB; a testimony's text may be long.
csv.field_size_limit(16 * 1024 * 1024)


class ImportFileError(ValueError):
    """A file that cannot be read at all; the message says what to do about it."""


@dataclass
class Table:
    header: list[str]
    # (row number as the spreadsheet shows it, cells in the order of the header)
    rows: list[tuple[int, list[Cell]]]
    encoding: str = ""
    document: dict[str, Any] | None = field(default=None)  # a Guwah JSON export, read whole


def kind_of(filename: str) -> str:
    """``csv``, ``xlsx`` or ``json`` from a file's name; CSV when it does not say."""
    lowered = filename.lower()
    if lowered.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if lowered.endswith(".json"):
        return "json"
    return "csv"


def read_table(data: bytes, filename: str) -> Table:
    """The header and rows of a CSV, XLSX or JSON file given as bytes."""
    kind = kind_of(filename)
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if kind == "xlsx":
        return read_xlsx(data)
    if kind == "json":
        return read_json(data)
    return read_csv(data)


def _header(rows: list[list[Cell]]) -> tuple[list[str], int]:
    """The column names and how many rows the header takes.

    A group header merged over several columns ("Name" over "Uyghur", "Latin", "Chinese")
    leaves the cells it covers empty in row 1, and the columns are named in row 2. Such a
    header is read as two rows: each column is named by its group and its own name ("Name
    Uyghur"); a cell merged down over both rows ("No.") keeps its one name.
    """
    first = [cell_text(cell) for cell in rows[0]] if rows else []
    if len(rows) < 2:
        return first, 1
    second_cells = rows[1]
    second = [cell_text(cell) for cell in second_cells]
    width = max(len(first), len(second))
    first += [""] * (width - len(first))
    second += [""] * (width - len(second))
    gaps = [i for i, name in enumerate(first) if not name and second[i]]
    all_text = all(isinstance(cell, str) or cell is None for cell in second_cells)
    if not gaps or not all_text or not any(first):
        return first, 1
    names: list[str] = []
    group = ""
    for upper, lower in zip(first, second, strict=True):
        group = upper or group
        if upper and not lower:
            names.append(upper)
        else:
            names.append(" ".join(part for part in (group, lower) if part))
    return names, 2


def _table(raw: list[list[Cell]], encoding: str, start: int = 1) -> Table:
    while raw and not any(cell_text(cell) for cell in raw[0]):
        raw.pop(0)
        start += 1
    if not raw:
        raise ImportFileError(_("The file has no rows."))
    header, depth = _header(raw[:2])
    if not any(header):
        raise ImportFileError(_("The first row names no column."))
    rows = [
        (start + depth + offset, cells)
        for offset, cells in enumerate(raw[depth:])
        if any(cell_text(cell) for cell in cells)
    ]
    return Table(header=header, rows=rows, encoding=encoding)


def read_csv(data: bytes) -> Table:
    try:
        encoding = detect_encoding(data[: 64 * 1024])
    except TableError as exc:
        raise ImportFileError(
            _(
                "Guwah cannot tell which encoding the file is in ({reason}). Save it as "
                "UTF-8 CSV and import it again."
            ).format(reason=exc)
        ) from exc
    try:
        text = codecs.decode(data, encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "Near line %(line)d the file is not valid %(encoding)s text. Save it as "
                "UTF-8 CSV and import it again."
            )
            % {"line": line, "encoding": encoding}
        ) from exc
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise ImportFileError(_("The file looks binary, not like a CSV text file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    if not first_line.count(delimiter):
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw: list[list[Cell]] = []
    try:
        for cells in reader:
            raw.append(list(cells))
    except csv.Error as exc:
        raise ImportFileError(
            _("Line %(line)d cannot be read as CSV: %(reason)s")
            % {"line": reader.line_num, "reason": exc}
        ) from exc
    # Rows are numbered as a spreadsheet shows them: a quoted cell spanning lines is one row.
    return _table(raw, encoding)


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.active
            if sheet is None:
                raise ImportFileError(_("The workbook has no worksheet."))
            raw: list[list[Cell]] = [list(values) for values in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(
            _(
                "The workbook cannot be read (%(reason)s). Open it in Excel, save it again "
                "and retry."
            )
            % {"reason": type(exc).__name__}
        ) from exc
    return _table(raw, "")


def read_json(data: bytes) -> Table:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ImportFileError(
            _("The file is not JSON in UTF-8: %(reason)s") % {"reason": exc}
        ) from exc
    if isinstance(document, dict) and "persons" in document:
        return Table(header=[], rows=[], encoding="utf-8", document=document)
    if not isinstance(document, list) or not all(isinstance(row, dict) for row in document):
        raise ImportFileError(
            _("A JSON file is a Guwah export, or a list of objects with one person each.")
        )
    header: list[str] = list(dict.fromkeys(str(key) for row in document for key in row))
    rows = [
        (FIRST_DATA_ROW + index, [_json_cell(row.get(name)) for name in header])
        for index, row in enumerate(document)
    ]
    return Table(header=header, rows=rows, encoding="utf-8")


def _json_cell(value: Any) -> Cell:
    if value is None or isinstance(value, (str, int, float)):
        return value
    return json.dumps(value, ensure_ascii=False)


def cells_as_text(cells: Sequence[Cell]) -> list[str]:
    return [cell_text(cell) for cell in cells]
