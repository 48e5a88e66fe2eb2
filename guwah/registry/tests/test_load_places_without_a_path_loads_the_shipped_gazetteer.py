"""The gazetteer ships inside the package: ``guwah load_places`` with no path loads every county
of the region from it, and the family's hometown picker then offers each one in Uyghur."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command

from guwah.family.places import county_choices
from guwah.registry.models import Place
from guwah.registry.places import SHIPPED_GAZETTEER, default_gazetteer_path

pytestmark = pytest.mark.django_db

COUNTY_LEVELS = ("county", "autonomous county", "county-level city", "district")


def _shipped_rows() -> list[dict[str, str]]:
    with SHIPPED_GAZETTEER.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _counties() -> list[dict[str, str]]:
    return [
        row
        for row in _shipped_rows()
        if row["level"].split("(")[0].strip().lower() in COUNTY_LEVELS
    ]


def test_the_gazetteer_is_shipped_inside_the_package_with_its_sources():
    assert default_gazetteer_path() == SHIPPED_GAZETTEER
    assert SHIPPED_GAZETTEER.is_file()
    assert (SHIPPED_GAZETTEER.parent / "README.md").is_file()
    assert all(row["source"] for row in _shipped_rows())


def test_load_places_with_no_path_loads_every_county(colleague, settings, tmp_path, capsys):
    # No shared reference folder on a fresh install.
    settings.GUWAH_SHARED_DATA_DIR = tmp_path / "absent"
    call_command("load_places", "--as", colleague.username)
    counties = _counties()
    assert len(counties) == 108
    loaded = Place.objects.filter(level=Place.Level.COUNTY)
    assert loaded.count() == len(counties)
    assert set(loaded.values_list("code", flat=True)) == {row["code"] for row in counties}
    assert str(SHIPPED_GAZETTEER) in capsys.readouterr().out


def test_a_fresh_installs_hometown_picker_offers_every_county_in_uyghur(colleague):
    call_command("load_places", "--as", colleague.username)
    offered = {pk: name for group in county_choices("ug") for pk, name in group.places}
    counties = Place.objects.filter(level=Place.Level.COUNTY)
    assert set(offered) == set(counties.values_list("pk", flat=True))
    assert len(offered) == len(_counties())
    # Each in Uyghur where the gazetteer has its Uyghur name: all but the twelve newest
    # divisions, which the sources name only in Chinese and English (shown in English).
    in_uyghur = [place for place in counties if place.name_ug_arab]
    assert len(in_uyghur) == sum(1 for row in _counties() if row["name_ug_arab"]) == 96
    assert all(offered[place.pk] == place.name_ug_arab for place in in_uyghur)
    assert any(name.startswith("غۇلجا") for name in offered.values())
