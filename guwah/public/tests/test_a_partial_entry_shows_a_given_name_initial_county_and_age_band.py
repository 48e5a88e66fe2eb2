"""At the partial level the memorial shows the given name and an initial, the county rather than
the village and an age band rather than the birth date, on the page, in the list and in the
API; free text that names people (testimony excerpts, source titles) is left out."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.public import reading

pytestmark = pytest.mark.django_db

WITHHELD = ("Dawutqiz", "达吾提克孜", "Yengi Awat", "Ishqol", "1975", "Witness Hidden")


def test_the_entry_is_read_at_the_partial_level(partial: Any) -> None:
    person = reading.public_person(partial.pk)
    assert person is not None
    assert [name.text for name in person.names] == ["Rahile D.", "热依拉·达."]
    assert person.hometown == "Yarkand County"
    assert person.prefecture is not None and person.prefecture.name == "Kashgar"
    assert person.birth_year is None
    assert person.age_band == "40–49"  # 42 when taken in 2017
    assert person.sex == "Female"
    assert person.testimonies == []
    assert [(item.title, item.kind) for item in person.evidence] == [("", "News report")]
    assert [(event.when, event.place) for event in person.events] == [
        ("20 May 2017", "Yarkand County")
    ]
    for text in WITHHELD:
        assert text not in repr(person)


def test_no_page_or_answer_shows_the_family_name_the_village_or_the_birth_date(
    client: Client, partial: Any
) -> None:
    for url in (
        reverse("memorial:person", kwargs={"pk": partial.pk}),
        reverse("memorial:api_person", kwargs={"pk": partial.pk}),
        reverse("memorial:person_list"),
        reverse("memorial:api_persons"),
    ):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200
        assert "Rahile D." in body
        for text in WITHHELD:
            assert text not in body, (url, text)


def test_the_full_name_does_not_find_a_partial_entry(client: Client, partial: Any) -> None:
    # Finding the entry by a name it does not show would tell the name.
    for query in ("Rahile Dawutqiz", "Rahile", "达吾提克孜"):
        found = client.get(reverse("memorial:api_persons"), {"q": query}).json()
        assert found["count"] == 0
    assert client.get(reverse("memorial:api_persons")).json()["count"] == 1
