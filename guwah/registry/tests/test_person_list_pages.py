"""The person list pages through the registry without counting it, and shows each listed
person's status exactly as the timeline derives it."""

import pytest
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Person
from guwah.registry.status import Status, derive_status
from guwah.registry.views import persons as views

pytestmark = pytest.mark.django_db

TIMELINES = [
    [],
    [("arrest", "2017-04"), ("camp", "2017-05")],
    [("camp", "2017"), ("release", "2019")],
    [("arrest", "2017"), ("sentence", "2018"), ("transfer", "2020")],
    [("death", "2020"), ("camp", "")],
    [("reported_death", "2019"), ("prison", "2021")],
    [("transfer", "2019")],
    [("disappearance", "2018"), ("forced_labour", "2019-03")],
]


@pytest.fixture
def signed_in(client, colleague, password):
    client.login(username="dilnur", password=password)
    return client


@pytest.fixture
def timelines(colleague):
    persons = []
    for number, events in enumerate(TIMELINES):
        person = services.create_person(
            colleague, names=[{"text": f"Person {number}", "script": "und-Latn"}]
        )
        for kind, date in events:
            services.add_event(colleague, person, kind=kind, date=date)
        persons.append(person)
    return persons


def page(client, **params):
    response = client.get(reverse("registry:person_list"), params)
    assert response.status_code == 200
    return response


def test_each_listed_person_shows_the_status_the_timeline_derives(signed_in, timelines):
    listed = list(page(signed_in).context["page"])
    assert {person.pk for person in listed} == {person.pk for person in timelines}
    for person in listed:
        expected = derive_status(Person.objects.get(pk=person.pk)).status
        assert person.derived_status == expected, person


def test_filtering_by_status_lists_exactly_those_the_timeline_gives_it(signed_in, timelines):
    for status in Status:
        expected = {person.pk for person in timelines if derive_status(person).status == status}
        listed = page(signed_in, status=status.value).context["page"]
        assert {person.pk for person in listed} == expected, status
        assert all(person.derived_status == status for person in listed)


def test_next_and_previous_walk_every_person_once_in_list_order(signed_in, timelines, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    seen: list[int] = []
    number = 1
    while True:
        current = page(signed_in, page=number).context["page"]
        assert current.number == number
        assert current.has_previous == (number > 1)
        seen.extend(person.pk for person in current)
        if not current.has_next:
            break
        assert f"page={current.next_page_number()}" in page(signed_in, page=number).content.decode()
        number = current.next_page_number()
    assert number == 3
    assert seen == list(Person.objects.order_by("-updated_at", "-id").values_list("pk", flat=True))
    last = page(signed_in, page=3).content.decode()
    assert "page=2" in last
    assert "Next" not in last


def test_a_page_number_that_is_not_a_number_shows_the_first_page(signed_in, timelines, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    first = [person.pk for person in page(signed_in).context["page"]]
    for bad in ["x", "-2", "0", "1.5"]:
        response = page(signed_in, page=bad)
        assert response.context["page"].number == 1
        assert [person.pk for person in response.context["page"]] == first


def test_a_page_beyond_the_end_is_empty_and_leads_back(signed_in, timelines, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    response = page(signed_in, page=9)
    assert list(response.context["page"]) == []
    assert "page=8" in response.content.decode()


def test_a_family_member_pages_only_through_what_they_submitted(client, owner, password, timelines):
    mine = services.create_person(owner, names=[{"text": "Ablimit", "script": "ug-Latn"}])
    services.add_event(owner, mine, kind="camp", date="2018")
    client.login(username="aynur", password=password)
    assert [person.pk for person in page(client).context["page"]] == [mine.pk]
    assert [person.pk for person in page(client, status="detained").context["page"]] == [mine.pk]
    assert list(page(client, status="released").context["page"]) == []
