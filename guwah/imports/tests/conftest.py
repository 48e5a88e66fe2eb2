"""Places and a file writer shared by the import tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from guwah.registry.models import Facility, Place


@pytest.fixture
def kashgar(db) -> Place:
    return Place.objects.create(
        code="653100",
        level=Place.Level.PREFECTURE,
        name_en="Kashgar",
        name_ug_arab="قەشقەر",
        name_ug_latn="Qeshqer",
        name_zh="喀什地区",
        pinyin="Kashi",
    )


@pytest.fixture
def camp(kashgar: Place) -> Facility:
    return Facility.objects.create(
        kind=Facility.Kind.CAMP, name_en="Kashgar City No. 3", place=kashgar
    )


@pytest.fixture
def write(tmp_path: Path):
    """Write ``text`` to a file named ``name`` in ``encoding`` and return its path."""

    def writer(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return writer
