"""Reading the tables people bring: CSV in whatever encoding they were saved in, or Excel.

Lists arrive as exported from a spreadsheet in Ürümqi (GB18030), from Excel on Windows
(UTF-16 with a byte-order mark, tab-separated) or from anywhere else (UTF-8, with or without a
byte-order mark). Rows are streamed, so a list of a million rows never sits in memory twice.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SAMPLE_BYTES = 64 * 1024
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030")


class TableError(ValueError):
    """A file that cannot be read as a table; the message says what to do about it."""


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)
    encoding: str  # empty for Excel files


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def detect_encoding(sample: bytes) -> str:
    """The encoding of a CSV file from its first bytes; TableError when none fits."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(sample) >= 4:
        # Latin text in UTF-16 without a byte-order mark has a NUL byte in every other place.
        if sample[1::2].count(0) > len(sample) // 4:
            return "utf-16-le"
        if sample[0::2].count(0) > len(sample) // 4:
            return "utf-16-be"
    if b"\x00" in sample:
        raise TableError("the file looks binary, not like a CSV text file")
    # The sample may end in the middle of a character; ignore at most three trailing bytes.
    for trim in range(4):
        try:
            sample[: len(sample) - trim].decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 4:
                break
    try:
        sample[: max(0, len(sample) - 4)].decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        pass
    raise TableError(
        "could not tell the file's encoding; save it as UTF-8 or give the encoding "
        f"(one of {', '.join(ENCODINGS)})"
    )


def open_table(path: Path, encoding: str | None = None) -> Table:
    """The header and a stream of rows of a CSV or XLSX file."""
    if not path.is_file():
        raise TableError(f"{path} does not exist")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _open_xlsx(path)
    if suffix not in (".csv", ".tsv", ".txt"):
        raise TableError(f"{path.name}: only .csv and .xlsx files can be imported")
    return _open_csv(path, encoding)


def _open_csv(path: Path, encoding: str | None) -> Table:
    with path.open("rb") as binary:
        sample = binary.read(SAMPLE_BYTES)
    if not sample.strip():
        raise TableError(f"{path.name} is empty")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise TableError(f"unknown encoding {encoding!r}") from exc
    chosen = encoding or detect_encoding(sample)
    try:
        text_sample = sample.decode(chosen, errors="ignore")
    except LookupError as exc:  # pragma: no cover - lookup() above already refused it
        raise TableError(f"unknown encoding {encoding!r}") from exc
    first_line = text_sample.lstrip("\ufeff").splitlines()[0] if text_sample.strip() else ""
    delimiter = max(",;\t|", key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","

    def rows() -> Iterator[tuple[int, list[str]]]:
        with path.open(encoding=chosen, newline="", errors="strict") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            try:
                next(reader, None)  # the header, read again below
                for cells in reader:
                    # The header is line 1, so the first data row is row 2, as in a spreadsheet.
                    yield reader.line_num, cells
            except UnicodeDecodeError as exc:
                raise TableError(
                    f"{path.name}: near line {reader.line_num + 1} the text is not valid "
                    f"{chosen}; give the file's encoding (one of {', '.join(ENCODINGS)})"
                ) from exc

    try:
        with path.open(encoding=chosen, newline="", errors="strict") as handle:
            header = next(csv.reader(handle, delimiter=delimiter), [])
    except UnicodeDecodeError as exc:
        raise TableError(
            f"{path.name}: the header is not valid {chosen}; give the file's encoding "
            f"(one of {', '.join(ENCODINGS)})"
        ) from exc
    header = [cell.lstrip("\ufeff").strip() for cell in header]
    return Table(header=header, rows=rows(), encoding=chosen)


def _open_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise TableError(f"{path.name} is not a readable Excel workbook: {exc}") from exc
    sheet = workbook.active
    if sheet is None:
        raise TableError(f"{path.name} has no worksheet")
    stream = sheet.iter_rows(values_only=True)
    first = next(stream, None)
    if first is None:
        workbook.close()
        raise TableError(f"{path.name} is empty")
    header = [cell_text(value) for value in first]

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, values in enumerate(stream, start=2):
                yield number, [cell_text(value) for value in values]
        finally:
            workbook.close()

    return Table(header=header, rows=rows(), encoding="")


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: empty for none, whole numbers without ".0", trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
