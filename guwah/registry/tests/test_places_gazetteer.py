"""Loading the shared Xinjiang gazetteer: hierarchy, levels, scripts, coordinates, idempotence."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from guwah.registry.models import Place
from guwah.registry.places import load_gazetteer, read_gazetteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer(shared_data: Path) -> Path:
    path = shared_data / "xinjiang_places.csv"
    if not path.is_file():
        pytest.skip(f"the places gazetteer is not at {path}")
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_it_loads_every_place_with_its_parent_and_level(gazetteer: Path) -> None:
    rows = _rows(gazetteer)
    groupings = {row["code"] for row in rows if row["level"].startswith("grouping")}

    report = load_gazetteer(gazetteer)

    assert report.added == len(rows) - len(groupings)
    assert Place.objects.count() == report.added
    region = Place.objects.get(parent=None)
    assert region.level == Place.Level.REGION
    for row in rows:
        if row["code"] in groupings:
            continue
        place = Place.objects.get(code=row["code"])
        expected_parent = row["parent_code"]
        if expected_parent in groupings:
            # Members of a statistical grouping hang from the grouping's own parent.
            expected_parent = next(r["parent_code"] for r in rows if r["code"] == expected_parent)
        assert (place.parent.code if place.parent else "") == expected_parent
        assert place.name_zh == row["name_zh"]
        assert place.name_ug_arab == row["name_ug_arab"]
        assert place.name_ug_latn == row["name_ug_latn"]
        if row["lat"]:
            assert place.latitude == pytest.approx(float(row["lat"]))
            assert place.longitude == pytest.approx(float(row["lon"]))
        else:
            assert place.latitude is None
        assert place.source == row["source"]
        assert place.name_en


def test_prefectures_and_counties_sit_at_their_levels(gazetteer: Path) -> None:
    load_gazetteer(gazetteer)

    region = Place.objects.get(parent=None)
    prefectures = Place.objects.filter(level=Place.Level.PREFECTURE)
    assert prefectures.exists()
    assert set(prefectures.values_list("parent", flat=True)) == {region.pk}
    counties = Place.objects.filter(level=Place.Level.COUNTY)
    assert counties.count() > prefectures.count()
    assert all(county.parent.level != Place.Level.COUNTY for county in counties)


def test_loading_it_twice_changes_nothing(gazetteer: Path) -> None:
    first = load_gazetteer(gazetteer)
    history_rows = Place.history.count()

    second = load_gazetteer(gazetteer)

    assert second.added == second.updated == 0
    assert second.unchanged == first.added
    assert Place.history.count() == history_rows


def test_a_changed_row_is_updated_in_place(gazetteer: Path, tmp_path: Path) -> None:
    load_gazetteer(gazetteer)
    records = read_gazetteer(gazetteer)
    target = records[-1]
    edited = tmp_path / "edited.csv"
    text = gazetteer.read_text(encoding="utf-8")
    with edited.open("w", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(text.splitlines()))
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        for row in rows:
            if row["code"] == target.code:
                row["name_en"] = "Renamed for this test"
            writer.writerow(row)

    report = load_gazetteer(edited)

    assert (report.added, report.updated) == (0, 1)
    assert Place.objects.get(code=target.code).name_en == "Renamed for this test"


def test_the_command_reports_what_it_did(
    gazetteer: Path, capsys: pytest.CaptureFixture, colleague
) -> None:
    call_command("load_places", str(gazetteer), "--as", colleague.username)
    call_command("load_places", str(gazetteer), "--as", colleague.username)

    out = capsys.readouterr().out
    assert "0 added, 0 updated" in out
    assert f"{Place.objects.count()} unchanged" in out
