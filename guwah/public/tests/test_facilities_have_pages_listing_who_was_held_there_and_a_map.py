"""Each facility of the gazetteer has a page with its names in four scripts, type, tier,
coordinates with their source and dates, listing the published persons held there (not those
published anonymously); the map draws facilities and hometowns by county, each linked to its
list."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Facility

pytestmark = pytest.mark.django_db


@pytest.fixture
def camp(memtimin: Any, anonymous: Any, owner: Any, kashgar_town: Any) -> Facility:
    kashgar_town.latitude, kashgar_town.longitude = 39.47, 75.99
    kashgar_town.save()
    facility = Facility.objects.create(
        kind=Facility.Kind.CAMP,
        name_en="Synthetic Camp No. 7",
        name_ug="سىنتېتىك لاگېر",
        name_ug_latn="Sintétik Lagér",
        name_zh="合成营地七号",
        security_tier=3,
        latitude=39.5,
        longitude=76.0,
        coordinates_source="Synthetic imagery study",
        built="2017-06",
        source="Synthetic example source",
        synthetic=True,
    )
    for person in (memtimin, anonymous):
        services.add_event(owner, person, kind="camp", date="2018", facility=facility)
    return facility


def test_a_facility_page_shows_its_record_and_who_was_held_there(
    client: Client, camp: Facility, memtimin: Any, anonymous: Any
) -> None:
    body = client.get(reverse("memorial:facility", kwargs={"pk": camp.pk})).content.decode()
    for text in ("سىنتېتىك لاگېر", "Sintétik Lagér", "合成营地七号", "Synthetic imagery study"):
        assert text in body
    assert "June 2017" in body
    assert reverse("memorial:person", kwargs={"pk": memtimin.pk}) in body
    assert reverse("memorial:person", kwargs={"pk": anonymous.pk}) not in body
    assert client.get(reverse("memorial:facility", kwargs={"pk": 999999})).status_code == 404


def test_the_list_and_the_api_name_every_facility(client: Client, camp: Facility) -> None:
    assert "Synthetic Camp No. 7" in client.get(reverse("memorial:facility_list")).content.decode()
    data = client.get(reverse("memorial:api_facilities")).json()
    assert [row["name_zh"] for row in data["facilities"]] == ["合成营地七号"]
    assert data["facilities"][0]["url"].endswith(f"/memorial/facilities/{camp.pk}/")


def test_the_map_draws_facilities_and_hometowns_linked_to_their_lists(
    client: Client, camp: Facility, kashgar_town: Any
) -> None:
    response = client.get(reverse("memorial:map"))
    body = response.content.decode()
    data = json.loads(
        body.split('id="memorial-map-data" type="application/json">')[1].split("<")[0]
    )
    assert data["facilities"][0]["url"] == reverse("memorial:facility", kwargs={"pk": camp.pk})
    # Memtimin's county; the anonymous entry's county is not drawn.
    assert [(c["name"], c["count"]) for c in data["counties"]] == [("Kashgar City", 1)]
    assert data["counties"][0]["url"] == f"/memorial/?county={kashgar_town.pk}"
    assert "vendor/leaflet/leaflet.js" in body
