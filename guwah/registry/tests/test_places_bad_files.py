"""A bad gazetteer file is refused whole, with line numbers, and nothing is half-imported.

The rows here describe invented places with invented codes; no real gazetteer row is copied.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guwah.registry.models import Place
from guwah.registry.places import GazetteerError, load_gazetteer, read_gazetteer

HEADER = "code,level,parent_code,name_en,name_ug_arab,name_ug_latn,name_zh,pinyin,lat,lon,source\n"
GOOD_ROWS = [
    "990000,autonomous region,,Testland,,,,,40.0,80.0,invented\n",
    "990100,prefecture,990000,North Testland,,,,,41.0,81.0,invented\n",
    "990101,county,990100,Hilltown County,,,,,41.5,81.5,invented\n",
]


def _write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "places.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(GazetteerError) as caught:
        read_gazetteer(path)
    return caught.value.problems


def test_a_good_invented_file_is_read(tmp_path: Path) -> None:
    records = read_gazetteer(_write(tmp_path, *GOOD_ROWS))

    assert [(r.code, r.level, r.parent_code) for r in records] == [
        ("990000", "region", ""),
        ("990100", "prefecture", "990000"),
        ("990101", "county", "990100"),
    ]


def test_it_refuses_a_file_with_missing_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "990000,Testland\n", header="code,name_en\n")

    problems = _problems(path)

    assert problems[0].startswith("line 1: missing column(s): level, parent_code")


def test_it_refuses_bad_codes_with_their_line_numbers(tmp_path: Path) -> None:
    path = _write(
        tmp_path, *GOOD_ROWS, "99010X,county,990100,Bad,,,,,,,\n", "12,county,990100,,,,,,,,\n"
    )

    problems = _problems(path)

    assert problems == [
        "line 5: code '99010X' is not a six-digit GB/T 2260 code",
        "line 6: code '12' is not a six-digit GB/T 2260 code",
    ]


def test_it_refuses_an_unknown_parent(tmp_path: Path) -> None:
    path = _write(tmp_path, *GOOD_ROWS, "990201,county,990200,Lost County,,,,,,,\n")

    assert _problems(path) == ["line 5: parent 990200 of 990201 is not in the file"]


def test_it_refuses_unknown_levels_duplicates_and_bad_coordinates(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        *GOOD_ROWS,
        "990102,hamlet cluster,990100,Odd,,,,,,,\n",
        "990101,county,990100,Twice,,,,,,,\n",
        "990103,county,990100,Far,,,,,95.0,81.0,\n",
        "990104,county,990100,Half,,,,,41.0,,\n",
    )

    problems = _problems(path)

    assert problems[0] == "line 6: code 990101 already appears on line 4"
    assert problems[1] == "line 5: level 'hamlet cluster' is not one Guwah knows"
    assert problems[2].startswith("line 7: bad coordinate")
    assert problems[3] == "line 8: a latitude needs a longitude, and the reverse"


@pytest.mark.django_db
def test_nothing_is_half_imported_from_a_bad_file(tmp_path: Path) -> None:
    good = _write(tmp_path, *GOOD_ROWS)
    load_gazetteer(good)
    before = list(Place.objects.order_by("code").values_list("code", "name_en"))
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + GOOD_ROWS[0].replace("Testland", "Renamed")
        + "990102,county,990100,New County,,,,,,,\n"
        + "990103,county,999900,Orphan,,,,,,,\n",
        encoding="utf-8",
    )

    with pytest.raises(GazetteerError):
        load_gazetteer(bad)

    assert list(Place.objects.order_by("code").values_list("code", "name_en")) == before


@pytest.mark.django_db
def test_the_command_names_the_bad_lines_and_changes_nothing(tmp_path: Path, colleague) -> None:
    path = _write(tmp_path, *GOOD_ROWS, "990201,county,990200,Lost County,,,,,,,\n")

    with pytest.raises(CommandError, match="line 5: parent 990200"):
        call_command("load_places", str(path), "--as", colleague.username)

    assert not Place.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_a_missing_file_unless_told_to_fall_back(
    tmp_path: Path, colleague
) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_places", str(tmp_path / "absent.csv"), "--as", colleague.username)

    assert not Place.objects.exists()
