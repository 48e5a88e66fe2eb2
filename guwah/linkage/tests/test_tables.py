"""Reading lists in the encodings they arrive in."""

from __future__ import annotations

import codecs

import pytest

from guwah.linkage.tables import TableError, detect_encoding, open_table

TEXT = "姓名,出生年份\n买买提·吐尔逊,1968\nمەمەت تۇرسۇن,1968\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        ("name,year\nMemet,1968\n".encode("utf-16-le"), "utf-16-le"),
        ("姓名,出生年份\n买买提·吐尔逊,1968\n".encode("gb18030"), "gb18030"),
    ],
)
def test_it_tells_the_encoding_from_the_first_bytes(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected


def test_binary_files_are_refused(tmp_path) -> None:
    with pytest.raises(TableError):
        detect_encoding(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")


def test_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("name;year\nMemet;1968\nGülnar;1972\n", encoding="utf-8")
    table = open_table(path)
    assert table.header == ["name", "year"]
    assert list(table.rows) == [(2, ["Memet", "1968"]), (3, ["Gülnar", "1972"])]


def test_an_empty_file_is_refused(tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(TableError, match="empty"):
        open_table(path)
