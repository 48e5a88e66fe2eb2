from __future__ import annotations

import csv

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _json(client, code: str, query: str = "") -> dict:
    response = client.get(reverse("positions:api_group", args=[code]) + query)
    assert response.status_code == 200
    return response.json()


def test_the_oic_lists_57_members_and_5_observers(grouped, client) -> None:
    oic = _json(client, "OIC")
    assert oic["counts_by_role"] == {"member": 57, "observer": 5}
    assert len(oic["members"]) == 62


def test_the_council_of_2022_lists_47_members_and_russia_as_former(grouped, client) -> None:
    council = _json(client, "HRC", "?year=2022")
    assert council["year"] == "2022"
    assert council["counts_by_role"] == {"member": 47, "former_member": 1}


def test_each_member_carries_its_record_summary(grouped, client) -> None:
    members = {m["iso3"]: m for m in _json(client, "HRC", "?year=2022")["members"]}
    assert members["PAK"]["summary"] == "always-supportive"
    assert members["GBR"]["summary"] == "always-critical"
    assert members["GBR"]["critical"] > 0 and members["GBR"]["supportive"] == 0
    assert members["GBR"]["url"] == reverse("positions:state", args=["GBR"])


def test_the_council_without_a_year_is_a_bad_request(grouped, client) -> None:
    assert client.get(reverse("positions:api_group", args=["HRC"])).status_code == 400


def test_a_year_with_no_council_recorded_is_not_found(grouped, client) -> None:
    url = reverse("positions:api_group", args=["HRC"])
    assert client.get(url + "?year=1999").status_code == 404
    assert client.get(url + "?year=abc").status_code == 404


def test_an_unknown_group_is_not_found(grouped, client) -> None:
    assert client.get(reverse("positions:api_group", args=["NATO"])).status_code == 404


def test_the_csv_lists_the_same_members(grouped, client) -> None:
    response = client.get(reverse("positions:api_group_csv", args=["HRC"]) + "?year=2022")
    assert response["Content-Disposition"] == 'attachment; filename="hrc-2022.csv"'
    rows = list(csv.DictReader(response.content.decode().splitlines()))
    assert sum(row["role"] == "member" for row in rows) == 47
    assert {row["iso3"] for row in rows} >= {"CZE", "RUS", "CHN"}
