"""A list that cannot be imported as given says why, and leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from guwah.linkage import services
from guwah.linkage.models import ExternalList
from guwah.linkage.services import imports
from guwah.linkage.tests.conftest import row_counts

COLUMNS = {"name": "姓名", "birth_year": "出生年份"}


def write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_it_names_the_missing_columns_and_the_ones_present(tmp_path, reported_twice) -> None:
    before = row_counts()
    path = write(tmp_path / "list.csv", "name,year\nMemet Tursun,1968\n", "utf-8")
    with pytest.raises(services.ImportFileError) as error:
        services.import_external_list(path, COLUMNS)
    assert "'姓名'" in str(error.value) and "'name'" in str(error.value)
    assert row_counts() == before


def test_it_reads_gb18030_without_being_told(tmp_path, reported_twice) -> None:
    path = write(tmp_path / "list.csv", "姓名,出生年份\n买买提·吐尔逊,1968\n", "gb18030")
    external_list, _run = services.import_external_list(path, COLUMNS)
    assert external_list.encoding == "gb18030"
    assert list(external_list.records.values_list("name", flat=True)) == ["买买提·吐尔逊"]


def test_it_reads_utf16_with_tabs_as_excel_saves_it(tmp_path, reported_twice) -> None:
    path = write(
        tmp_path / "list.csv", "\ufeff姓名\t出生年份\r\n买买提·吐尔逊\t1968\r\n", "utf-16-le"
    )
    external_list, _run = services.import_external_list(path, COLUMNS)
    assert external_list.encoding == "utf-16"
    assert external_list.records.get().birth_year == 1968


def test_a_wrong_encoding_given_is_a_clear_error(tmp_path, reported_twice) -> None:
    before = row_counts()
    path = write(tmp_path / "list.csv", "姓名,出生年份\n买买提·吐尔逊,1968\n", "gb18030")
    with pytest.raises(services.ImportFileError) as error:
        services.import_external_list(path, COLUMNS, encoding="utf-8")
    assert "encoding" in str(error.value)
    assert row_counts() == before


def test_rows_without_a_name_are_listed_and_nothing_is_kept(tmp_path, reported_twice) -> None:
    before = row_counts()
    path = write(
        tmp_path / "list.csv",
        "姓名,出生年份\n买买提·吐尔逊,1968\n,1970\n古丽娜尔·吐尔逊,1972\n  ,1971\n",
        "utf-8",
    )
    with pytest.raises(services.ImportFileError) as error:
        services.import_external_list(path, COLUMNS)
    message = str(error.value)
    assert "2 row(s) have no name: 3, 5" in message
    assert "Nothing was imported" in message
    assert row_counts() == before


def test_repeated_rows_are_listed_and_nothing_is_kept(tmp_path, reported_twice) -> None:
    before = row_counts()
    path = write(
        tmp_path / "list.csv",
        "姓名,出生年份\n买买提·吐尔逊,1968\n古丽娜尔·吐尔逊,1972\n买买提·吐尔逊,1968\n",
        "utf-8-sig",
    )
    with pytest.raises(services.ImportFileError) as error:
        services.import_external_list(path, COLUMNS)
    assert "4 (same as 2)" in str(error.value)
    assert row_counts() == before


def test_an_unknown_field_or_file_type_is_refused(tmp_path, reported_twice) -> None:
    path = write(tmp_path / "list.csv", "姓名\n买买提\n", "utf-8")
    with pytest.raises(services.ImportFileError, match="Unknown field"):
        services.import_external_list(path, {"name": "姓名", "shoe_size": "姓名"})
    with pytest.raises(services.ImportFileError, match=r"only \.csv and \.xlsx"):
        services.import_external_list(write(tmp_path / "list.pdf", "x", "utf-8"), COLUMNS)
    assert not ExternalList.objects.exists()


def test_a_failure_while_matching_keeps_nothing_of_the_list(
    tmp_path, reported_twice, monkeypatch
) -> None:
    before = row_counts()

    def broken(*args, **kwargs):
        raise RuntimeError("the engine stopped")

    monkeypatch.setattr(imports, "predict_links", broken)
    path = write(tmp_path / "list.csv", "姓名,出生年份\n买买提·吐尔逊,1968\n", "utf-8")
    with pytest.raises(RuntimeError):
        services.import_external_list(path, COLUMNS)
    assert row_counts() == before


def test_an_excel_workbook_is_imported(tmp_path, reported_twice) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "出生年份"])
    sheet.append(["买买提·吐尔逊", 1968])
    sheet.append(["古丽娜尔·吐尔逊", 1972.0])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    external_list, _run = services.import_external_list(path, COLUMNS)
    assert external_list.row_count == 2
    assert sorted(external_list.records.values_list("birth_year", flat=True)) == [1968, 1972]
