"""At the anonymous level the memorial shows the entry number, an age band, the prefecture and
what happened by year: no name in any script, no village or county, no birth date, no sex, no
facility, no testimony and no source title. It still counts in the statistics."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.public import reading

pytestmark = pytest.mark.django_db

WITHHELD = (
    "Zulpiye",
    "Qadirqiz",
    "祖丽皮耶",
    "卡迪尔克孜",
    "زۇلپىيە",
    "Yengi Awat",
    "Ishqol",
    "Yarkand",
    "1975",
    "Female",
    "May 2017",
    "Witness Hidden",
)


def test_the_entry_is_read_at_the_anonymous_level(anonymous: Any) -> None:
    person = reading.public_person(anonymous.pk)
    assert person is not None
    assert person.names == []
    assert person.name == f"Entry {anonymous.pk}"
    assert person.hometown == ""
    assert person.prefecture is not None and person.prefecture.name == "Kashgar"
    assert person.age_band == "40–49"
    assert (person.birth_year, person.sex) == (None, "")
    assert [(event.what, event.when, event.place, event.facility) for event in person.events] == [
        ("Detention in a camp", "2017", "", "")
    ]
    assert person.testimonies == []
    assert [item.title for item in person.evidence] == [""]
    for text in WITHHELD:
        assert text not in repr(person)


def test_no_page_or_answer_shows_a_name_a_place_below_the_prefecture_or_a_birth_date(
    client: Client, anonymous: Any
) -> None:
    for url in (
        reverse("memorial:person", kwargs={"pk": anonymous.pk}),
        reverse("memorial:api_person", kwargs={"pk": anonymous.pk}),
        reverse("memorial:person_list"),
        reverse("memorial:api_persons"),
        reverse("memorial:statistics"),
        reverse("memorial:api_statistics"),
    ):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200
        for text in WITHHELD:
            assert text not in body, (url, text)
    page = client.get(reverse("memorial:person", kwargs={"pk": anonymous.pk})).content.decode()
    assert f"Entry {anonymous.pk}" in page and "Kashgar" in page and "40–49" in page


def test_an_anonymous_entry_is_counted_in_the_statistics(anonymous: Any) -> None:
    statistics = reading.public_statistics()
    assert statistics.total == 1
    assert [(facet.label, facet.count) for facet in statistics.by_prefecture] == [("Kashgar", 1)]


def test_no_name_finds_an_anonymous_entry(client: Client, anonymous: Any) -> None:
    for query in ("Zulpiye Qadirqiz", "Zulpiye", "祖丽皮耶·卡迪尔克孜"):
        assert client.get(reverse("memorial:api_persons"), {"q": query}).json()["count"] == 0
