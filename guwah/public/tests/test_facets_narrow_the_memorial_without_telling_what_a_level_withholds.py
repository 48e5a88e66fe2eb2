"""The memorial narrows by status, prefecture, county, year of detention, sex, age band,
facility, sentence length, source reliability and verification, counting what each value would
leave; a facet on what a publication level withholds (county, sex, facility) neither counts nor
lists the entries published at that level."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.public import reading
from guwah.registry import services
from guwah.registry.models import Facility

pytestmark = pytest.mark.django_db


@pytest.fixture
def everyone(memtimin: Any, gulbahar: Any, partial: Any, anonymous: Any, owner: Any) -> dict:
    prison = Facility.objects.create(
        kind=Facility.Kind.PRISON, name_en="Synthetic Prison No. 3", synthetic=True
    )
    services.add_event(owner, memtimin, kind="sentence", date="2018-01", sentence_months=120)
    services.add_event(owner, memtimin, kind="prison", date="2018-02", facility=prison)
    return {"memtimin": memtimin, "gulbahar": gulbahar, "partial": partial, "anonymous": anonymous}


def _counts(name: str, **chosen: Any) -> dict[str, int]:
    return {f.label: f.count for f in reading.facet(name, reading.Criteria(**chosen))}


def _entries(**chosen: Any) -> list[int]:
    return [p.entry for p in reading.public_persons(**chosen).persons]


def test_each_facet_counts_what_its_values_would_leave(everyone: dict) -> None:
    assert _counts("year") == {"2017": 3, "2018": 2}
    assert _counts("age") == {"40–49": 2, "50–59": 1}
    assert _counts("facility") == {"Synthetic Prison No. 3": 1}
    assert _counts("sentence") == {"10 to 19 years": 1}
    assert _counts("grade") == {"B — usually reliable": 3}
    assert _counts("verification") == {"Reported": 4}
    assert _counts("prefecture") == {"Hotan": 1, "Kashgar": 3}


def test_facets_on_what_a_level_withholds_leave_out_anonymous_entries(everyone: dict) -> None:
    # Two persons from Yarkand County and two women are published, one of each anonymously.
    assert _counts("county") == {"Kashgar City": 1, "Yarkand County": 1}
    assert _counts("sex") == {"Female": 2, "Male": 1}
    yarkand = int(next(f.value for f in reading.facet("county") if f.label == "Yarkand County"))
    assert _entries(county=yarkand) == [everyone["partial"].pk]
    assert _entries(sex="f") == [everyone["gulbahar"].pk, everyone["partial"].pk]
    # Facets the anonymous entry shows still find it.
    assert everyone["anonymous"].pk in _entries(year=2017, age="40")


def test_filters_combine_and_each_facet_counts_over_the_others(everyone: dict) -> None:
    assert _entries(year=2017, sex="m") == [everyone["memtimin"].pk]
    assert _counts("sex", year=2018) == {"Female": 1, "Male": 1}
    assert _counts("year", sex="f") == {"2017": 1, "2018": 1}
    assert _entries(sentence="10-19") == [everyone["memtimin"].pk]
    assert _entries(grade="A") == []


def test_the_list_page_links_each_value_and_ignores_what_it_cannot_read(
    client: Client, everyone: dict
) -> None:
    page = client.get(reverse("memorial:person_list"))
    groups = {group.name: group for group in page.context["facet_groups"]}
    assert set(groups) >= {"status", "prefecture", "county", "year", "sex", "age", "facility"}
    link = next(link.link for link in groups["year"].links if link.label == "2018")
    chosen = client.get(reverse("memorial:person_list") + "?" + link)
    assert [p.entry for p in chosen.context["page"].persons] == sorted(
        [everyone["memtimin"].pk, everyone["gulbahar"].pk]
    )
    junk = {"year": "1066", "age": "forty", "sex": "x", "sentence": "life", "grade": "Z"}
    response = client.get(reverse("memorial:person_list"), junk)
    assert response.status_code == 200
    assert response.context["page"].count == 4
    api = client.get(reverse("memorial:api_persons"), {"year": "2018", "sex": "f"}).json()
    assert [row["entry"] for row in api["results"]] == [everyone["gulbahar"].pk]


def test_facet_counts_are_kept_until_the_record_changes(
    everyone: dict, owner: Any, django_assert_num_queries: Any
) -> None:
    assert _counts("sex") == {"Female": 2, "Male": 1}
    with django_assert_num_queries(0):
        assert _counts("sex") == {"Female": 2, "Male": 1}
    services.set_consent(owner, everyone["partial"], publish=False)
    assert _counts("sex") == {"Female": 1, "Male": 1}
