"""The read-only JSON API gives the same public persons as the pages, page by page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_api_lists_the_published_persons_with_their_citable_addresses(
    client: Client, memtimin: Any, gulbahar: Any, unpublished: list[Any]
) -> None:
    response = client.get(reverse("memorial:api_persons"))
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 2
    assert [person["entry"] for person in data["results"]] == [memtimin.pk, gulbahar.pk]
    first = data["results"][0]
    assert first["url"] == f"http://testserver/memorial/{memtimin.pk}/"
    name = first["names"][0]
    assert (name["text"], name["script"]) == ("مەمتىمىن ھوشۇر", "ug-Arab")
    assert [form["text"] for form in name["uyghur_forms"]][1:] == [
        "Memtimin Hoshur",
        "Мәмтимин Һошур",
    ]
    assert first["status"] == "detained"
    assert first["prefecture"]["name"] == "Kashgar"


def test_the_api_pages_through_the_list_with_links_to_the_next_and_previous_pages(
    client: Client, memtimin: Any, gulbahar: Any
) -> None:
    first = client.get(reverse("memorial:api_persons"), {"per_page": 1}).json()
    assert (first["count"], first["pages"], first["previous"]) == (2, 2, None)
    assert [person["entry"] for person in first["results"]] == [memtimin.pk]
    second = client.get(first["next"]).json()
    assert [person["entry"] for person in second["results"]] == [gulbahar.pk]
    assert second["next"] is None and second["previous"] is not None


def test_the_api_takes_the_same_filters_as_the_pages(
    client: Client, memtimin: Any, gulbahar: Any, hotan: Any
) -> None:
    api = reverse("memorial:api_persons")

    def entries(**params: Any) -> list[int]:
        return [person["entry"] for person in client.get(api, params).json()["results"]]

    assert entries(q="Maimaitiming Wushouer") == [memtimin.pk]
    assert entries(status="released") == [gulbahar.pk]
    assert entries(prefecture=hotan.pk) == [gulbahar.pk]
    assert entries(prefecture=hotan.pk, status="detained") == []


def test_one_entry_is_served_with_its_timeline_and_public_sources(
    client: Client, memtimin: Any
) -> None:
    data = client.get(reverse("memorial:api_person", kwargs={"pk": memtimin.pk})).json()
    assert data["events"][0]["what"] == "Detention in a camp"
    assert data["testimonies"] == [
        {"excerpt": "He was taken from the mosque at night.", "given_on": ""}
    ]
    assert data["evidence"][0]["title"] == "Report on the imams of Kashgar"


def test_an_unpublished_entry_is_not_found_in_the_api(
    client: Client, unpublished: list[Any]
) -> None:
    for person in unpublished:
        url = reverse("memorial:api_person", kwargs={"pk": person.pk})
        assert client.get(url).status_code == 404
