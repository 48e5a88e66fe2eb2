"""Whatever bytes arrive, the readers return a table or say clearly why they cannot."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from guwah.imports.readers import ImportFileError, read_table


def _workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "birth_date"])
    sheet.append(["Ilham Tohti", 25000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX = _workbook()
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        table = read_table(data, name)
    except ImportFileError as error:
        assert str(error)
    else:
        assert isinstance(table.header, list)


@FUZZ
@given(st.binary(max_size=2000))
def test_the_csv_reader_reads_or_refuses_arbitrary_bytes(data):
    read_or_refuse(data, "list.csv")


@FUZZ
@given(st.text(max_size=500), st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-8-sig"]))
def test_the_csv_reader_reads_or_refuses_any_text_in_any_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    read_or_refuse(data, "list.csv")


@FUZZ
@given(st.binary(max_size=2000))
def test_the_xlsx_reader_reads_or_refuses_arbitrary_bytes(data):
    read_or_refuse(data, "list.xlsx")


@FUZZ
@given(st.integers(min_value=0, max_value=len(XLSX) - 1), st.binary(min_size=1, max_size=64))
def test_the_xlsx_reader_reads_or_refuses_a_damaged_workbook(offset, garbage):
    read_or_refuse(XLSX[:offset] + garbage + XLSX[offset + len(garbage) :], "list.xlsx")


def test_an_undamaged_workbook_is_read():
    table = read_table(XLSX, "list.xlsx")

    assert table.header == ["name", "birth_date"]
    assert table.rows == [(2, ["Ilham Tohti", 25000])]
