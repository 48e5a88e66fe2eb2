"""Records of Aynur's family, entered by Aynur herself, for the registry's tests."""

from __future__ import annotations

import pytest

from guwah.registry import services
from guwah.registry.models import Person


@pytest.fixture
def aynurs_father(owner) -> Person:
    return services.create_person(
        owner,
        names=[
            {"text": "ئەخمەت تۇرسۇن", "script": "ug-Arab", "kind": "primary"},
            {"text": "艾合买提·吐尔逊", "script": "zh-Hans", "kind": "official_zh"},
        ],
        sex="m",
        birth_date="1956",
    )


@pytest.fixture
def murats_brother(outsider) -> Person:
    return services.create_person(
        outsider, names=[{"text": "Abdulla Qadir", "script": "ug-Latn"}], sex="m"
    )
