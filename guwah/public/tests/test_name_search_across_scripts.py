"""A visitor finds a person from any spelling of the name, and narrows the list by facets."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["Memtimin Hoshur", "Maimaitiming Wushouer", "买买提明·吾守尔"])
def test_searching_a_latin_or_chinese_spelling_finds_the_person_entered_in_arabic_script(
    client: Client, memtimin: Any, gulbahar: Any, query: str
) -> None:
    response = client.get(reverse("memorial:person_list"), {"q": query})
    assert response.status_code == 200
    page = response.context["page"]
    assert [person.entry for person in page.persons] == [memtimin.pk]
    assert reverse("memorial:person", kwargs={"pk": memtimin.pk}) in response.content.decode()


def _facets(response: Any, name: str) -> list[Any]:
    return next(group.links for group in response.context["facet_groups"] if group.name == name)


def test_search_never_finds_an_unpublished_person(client: Client, unpublished: list[Any]) -> None:
    response = client.get(reverse("memorial:person_list"), {"q": "Abduweli"})
    assert response.context["page"].persons == []
    assert "Restricted" not in response.content.decode()


def test_the_status_facet_keeps_the_persons_of_that_status(
    client: Client, memtimin: Any, gulbahar: Any
) -> None:
    response = client.get(reverse("memorial:person_list"), {"status": "released"})
    assert [person.entry for person in response.context["page"].persons] == [gulbahar.pk]
    facets = {facet.label: facet.count for facet in _facets(response, "status")}
    assert facets == {"Detained": 1, "Released": 1}


def test_the_prefecture_facet_keeps_the_persons_from_that_prefecture_and_its_counties(
    client: Client, memtimin: Any, gulbahar: Any, kashgar: Any
) -> None:
    listed = client.get(reverse("memorial:person_list"))
    links = {facet.label: facet.link for facet in _facets(listed, "prefecture")}
    assert set(links) == {"Kashgar", "Hotan"}
    response = client.get(reverse("memorial:person_list") + "?" + links["Kashgar"])
    assert [person.entry for person in response.context["page"].persons] == [memtimin.pk]


def test_unreadable_filters_are_ignored_rather_than_refused(client: Client, memtimin: Any) -> None:
    response = client.get(
        reverse("memorial:person_list"), {"status": "vanished", "prefecture": "x", "page": "-3"}
    )
    assert response.status_code == 200
    assert [person.entry for person in response.context["page"].persons] == [memtimin.pk]
