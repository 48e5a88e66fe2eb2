from __future__ import annotations

import pytest

from guwah.positions import services


@pytest.fixture
def loaded(db, administrator) -> services.LoadReport:
    """The record packaged with Guwah, loaded by Kamil, the administrator."""
    return services.load(administrator, services.PACKAGED_POSITIONS)


@pytest.fixture
def grouped(loaded, administrator) -> services.GroupLoadReport:
    """The record and the groups of states packaged with Guwah, loaded by Kamil."""
    return services.load_groups(administrator, services.PACKAGED_GROUPS)
