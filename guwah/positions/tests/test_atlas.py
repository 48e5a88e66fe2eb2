"""Dots for the states too small to have a shape on the 1:110m world map."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from guwah.positions.atlas import small_state_points

ATLAS = Path(settings.PACKAGE_DIR) / "static" / "vendor" / "world-atlas"


@pytest.fixture
def points() -> dict[str, tuple[float, float]]:
    if not (ATLAS / "countries-50m.json").exists():
        pytest.skip("the world-atlas package is not vendored (run `make assets`)")
    return small_state_points(ATLAS / "countries-110m.json", ATLAS / "countries-50m.json")


def test_small_states_get_a_dot_where_they_are(points: dict[str, tuple[float, float]]) -> None:
    latitude, longitude = points["AND"]
    assert 42 < latitude < 43 and 1 < longitude < 2  # Andorra, in the Pyrenees
    latitude, longitude = points["GRD"]
    assert 11.9 < latitude < 12.6 and -62 < longitude < -61.3  # Grenada


def test_states_drawn_as_shapes_get_no_dot(points: dict[str, tuple[float, float]]) -> None:
    assert "FRA" not in points
    assert "CHN" not in points
