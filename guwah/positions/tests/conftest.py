from __future__ import annotations

import pytest

from guwah.positions import services


@pytest.fixture
def loaded(db) -> services.LoadReport:
    """The record packaged with Guwah, loaded."""
    return services.load(services.PACKAGED_POSITIONS)
