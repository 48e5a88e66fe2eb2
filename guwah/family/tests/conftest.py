from typing import Any

import pytest
from django.test import Client

from guwah.registry.models import Place


@pytest.fixture
def aynur_client(owner: Any) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def ghulja(db: Any) -> Place:
    ili = Place.objects.create(
        code="654000", level=Place.Level.PREFECTURE, name_en="Ili", name_ug_arab="ئىلى"
    )
    return Place.objects.create(
        code="654002",
        level=Place.Level.COUNTY,
        parent=ili,
        name_en="Yining City",
        name_ug_arab="غۇلجا",
        name_ug_latn="Ghulja",
        name_zh="伊宁市",
    )
