"""The database derives each person's status exactly as the Python timeline does."""

import pytest

from guwah.registry import services
from guwah.registry.models import Person
from guwah.registry.status import Status, annotate_status, derive_status, with_status

pytestmark = pytest.mark.django_db

TIMELINES = [
    [],
    [("arrest", "2017-04"), ("camp", "2017-05")],
    [("camp", "2017"), ("release", "2019")],
    [("arrest", "2017"), ("sentence", "2018"), ("transfer", "2020")],
    [("sentence", "2018"), ("arrest", "2018")],
    [("death", "2020"), ("camp", "")],
    [("reported_death", "2019"), ("prison", "2021")],
    [("lost_contact", "2017")],
    [("transfer", "2019")],
    [("camp", ""), ("release", "")],
    [("disappearance", "2018"), ("forced_labour", "2019-03")],
    [("reported_death", "2020")],
    [("camp", "2017"), ("disappearance", "2019")],
]


def test_the_status_filter_agrees_with_the_timeline(colleague):
    persons = []
    for number, events in enumerate(TIMELINES):
        person = services.create_person(
            colleague, names=[{"text": f"Person {number}", "script": "und-Latn"}]
        )
        for kind, date in events:
            services.add_event(colleague, person, kind=kind, date=date)
        persons.append(person)
    annotated = dict(annotate_status(Person.objects.all()).values_list("pk", "derived_status"))
    for person in persons:
        assert annotated[person.pk] == derive_status(person).status, person
    assert len(set(annotated.values())) >= 8


def test_filtering_by_status_agrees_with_the_timeline(colleague):
    expected: dict[str, set[int]] = {}
    for number, events in enumerate(TIMELINES):
        person = services.create_person(
            colleague, names=[{"text": f"Person {number}", "script": "und-Latn"}]
        )
        for kind, date in events:
            services.add_event(colleague, person, kind=kind, date=date)
        expected.setdefault(derive_status(person).status, set()).add(person.pk)
    annotated = annotate_status(Person.objects.all())
    for status in Status:
        found = set(with_status(annotated, status).values_list("pk", flat=True))
        assert found == expected.get(status, set()), status
