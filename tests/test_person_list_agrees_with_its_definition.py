"""Every page of the person list holds exactly the persons its filters define, in list order,
whichever way the database is led to find them.

The list chooses between walking its order index and reading the few persons a filter leaves
(see ``in_place`` and ``names_index.search_persons``). Here both ways are forced
in turn, and each page is compared with the list worked out in Python from the definitions:
the access policy's rule for each role, the place hierarchy, the timeline's status
(``timeline.derive_status``), the names engine's keys of each name, newest change first.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from guwah.demo.bulk import write_bulk
from guwah.demo.records import places_for_synthetic_data
from guwah.names.match import part_keys, whole_key
from guwah.registry import lists, names_index, services
from guwah.registry.models import Event, Name, Person, Place
from guwah.registry.roles import Role
from guwah.registry.status import derive_status
from guwah.registry.synthetic import SyntheticRegistry
from guwah.registry.timeline import Status
from guwah.registry.views import persons as views

pytestmark = pytest.mark.django_db

PAGE_SIZE = 25
KEY_LENGTH = 100


@dataclass
class Registry:
    places: dict[str, Place]
    persons: list[Person]
    given: str
    full: str
    statuses: dict[int, Status]


@pytest.fixture
def registry(owner, outsider, colleague) -> Registry:
    region = Place.objects.create(level=Place.Level.REGION, name_en="Region")
    north = Place.objects.create(level=Place.Level.PREFECTURE, name_en="North", parent=region)
    south = Place.objects.create(level=Place.Level.PREFECTURE, name_en="South", parent=region)
    places = {
        "north": north,
        "south": south,
        "river": Place.objects.create(level=Place.Level.COUNTY, name_en="River", parent=north),
        "hill": Place.objects.create(level=Place.Level.COUNTY, name_en="Hill", parent=north),
        "lake": Place.objects.create(level=Place.Level.COUNTY, name_en="Lake", parent=south),
    }
    places["ford"] = Place.objects.create(
        level=Place.Level.TOWNSHIP, name_en="Ford", parent=places["river"]
    )
    places["mill"] = Place.objects.create(
        level=Place.Level.VILLAGE, name_en="Mill", parent=places["ford"]
    )
    # Synthetic families in the counties, all changed at the same moment (so that the list's
    # order falls back on the key), owned by a family member and by a documenter. Only the
    # demonstration's bulk loader writes rows with one timestamp, hence the one registry test
    # that imports from above the registry.
    write_bulk(
        SyntheticRegistry(places_for_synthetic_data(), seed=11),
        90,
        owners=[owner, colleague, outsider],
        batch_persons=60,
    )
    # Records entered one by one, each changed at its own moment, with hometowns at every
    # level and timelines that test the status rule's edges.
    entered = [
        (owner, "Ablikim Memet", "north", [("camp", "2017"), ("release", "2019")]),
        (owner, "ئابلىكىم مەمەت", "ford", [("arrest", "2017"), ("sentence", "2018")]),
        (colleague, "Ablikim Tursun", "mill", [("death", "2020"), ("camp", "")]),
        (colleague, "Memet Ablikim", None, [("reported_death", "2019"), ("prison", "2021")]),
        (outsider, "Ablikim Memet Qari", "lake", [("transfer", "2019")]),
        (colleague, "阿不力克木·买买提", "river", []),
        (owner, "Tursun", "hill", [("disappearance", "2018"), ("forced_labour", "2019-03")]),
    ]
    for actor, text, place, events in entered:
        person = services.create_person(
            actor,
            names=[{"text": text, "script": services.detect_script(text)}],
            hometown=places[place] if place else None,
        )
        for kind, date in events:
            services.add_event(actor, person, kind=kind, date=date)
    full = Name.objects.filter(script="ug-Latn", person__synthetic=True).order_by("pk").first()
    assert full is not None and " " in full.text
    persons = list(Person.objects.prefetch_related("names", "events").select_related("hometown"))
    return Registry(
        places,
        persons,
        given=full.text.split()[0],
        full=full.text,
        statuses={person.pk: derive_status(person).status for person in persons},
    )


# --------------------------------------------------------------------------------------------
# The list worked out in Python


def _visible(person: Person, user, roles: set[str]) -> bool:
    if roles & {Role.DOCUMENTER.value, Role.REVIEWER.value, Role.ADMINISTRATOR.value}:
        return True
    return Role.FAMILY.value in roles and person.created_by_id == user.pk


def _within(person: Person, place: Place) -> bool:
    node = person.hometown
    while node is not None:
        if node.pk == place.pk:
            return True
        node = node.parent
    return False


def _name_matches(text: str, query: str) -> bool:
    keys = list(dict.fromkeys(key[:KEY_LENGTH] for key in part_keys(query) if key))
    query_whole = whole_key(query)[:KEY_LENGTH]
    if not keys and not query_whole:
        return False
    word_keys = {key[:KEY_LENGTH] for key in part_keys(text) if key}
    name_whole = whole_key(text)[:KEY_LENGTH]
    if query_whole and name_whole == query_whole:
        return True
    if len(keys) > 1:
        # Every word of the query is a word of the name.
        return all(key in word_keys for key in keys)
    return bool(set(keys or [query_whole]) & (word_keys | {name_whole}))


def expected(registry: Registry, user, **params: str) -> list[int]:
    roles = set(user.groups.values_list("name", flat=True))
    place = Place.objects.get(pk=params["place"]) if "place" in params else None
    found = []
    for person in registry.persons:
        if not _visible(person, user, roles):
            continue
        if place is not None and not _within(person, place):
            continue
        if "q" in params and not any(
            _name_matches(name.text, params["q"]) for name in person.names.all()
        ):
            continue
        if "sex" in params and person.sex != params["sex"]:
            continue
        if "facility" in params and not any(
            str(event.facility_id) == params["facility"] for event in person.events.all()
        ):
            continue
        if "synthetic" in params and person.synthetic != (params["synthetic"] == "yes"):
            continue
        if "status" in params and registry.statuses[person.pk] != params["status"]:
            continue
        found.append(person)
    found.sort(key=lambda person: (person.updated_at, person.pk), reverse=True)
    return [person.pk for person in found]


# --------------------------------------------------------------------------------------------
# The list as served


def listed(client, registry: Registry, **params: str) -> list[int]:
    """Every page's persons, following "next" to the end; checks each status on the way."""
    pks: list[int] = []
    number = 1
    while True:
        response = client.get(reverse("registry:person_list"), {**params, "page": number})
        assert response.status_code == 200
        page = response.context["page"]
        for person in page:
            assert person.derived_status == registry.statuses[person.pk], person
        pks.extend(person.pk for person in page)
        if not page.has_next:
            return pks
        number += 1


WAYS = {
    # Every place and every word walked in list order ...
    "walk": (1, 1),
    # ... or every place's persons and every word's names read first, then sorted.
    "read first": (10**9, 10**9),
}


def _filters(registry: Registry) -> list[dict[str, str]]:
    places = registry.places
    facility = str(
        Event.objects.exclude(facility=None).order_by("pk").values_list("facility", flat=True)[0]
    )
    statuses = [Status.SENTENCED, Status.RELEASED, Status.DECEASED, Status.UNKNOWN]
    return [
        {},
        *[{"place": str(places[name].pk)} for name in ("north", "river", "hill", "lake")],
        *[{"status": status.value} for status in Status],
        *[
            {"place": str(places[name].pk), "status": status.value}
            for name in ("north", "south", "river")
            for status in statuses
        ],
        {"q": registry.given},
        {"q": registry.full},
        {"q": "Ablikim"},
        {"q": "Ablikim Memet"},
        # Two words of a three-word name, apart and in another order; all three.
        {"q": "Qari Ablikim"},
        {"q": "Qari Memet Ablikim"},
        {"q": "ئابلىكىم"},
        {"q": "阿不力克木"},
        {"q": "Zzyzx Qwvk"},
        {"q": registry.given, "place": str(places["north"].pk)},
        {"q": registry.full, "place": str(places["south"].pk)},
        {"q": "Ablikim", "place": str(places["river"].pk), "status": Status.DECEASED.value},
        {"q": registry.given, "status": Status.SENTENCED.value},
        {"sex": "f", "place": str(places["north"].pk)},
        {"facility": facility},
        {"synthetic": "no"},
        {"synthetic": "yes", "place": str(places["south"].pk), "status": Status.UNKNOWN.value},
    ]


def test_every_page_lists_exactly_what_the_filters_define_in_list_order(
    client, password, registry, monkeypatch, owner, outsider, colleague, reviewer, administrator
):
    monkeypatch.setattr(views, "PAGE_SIZE", PAGE_SIZE)
    filters = _filters(registry)
    for way, (walk_places_from, common_from) in WAYS.items():
        monkeypatch.setattr(lists, "WALK_PLACES_FROM", walk_places_from)
        monkeypatch.setattr(names_index, "COMMON_FROM", common_from)
        for user in (owner, outsider, colleague, reviewer, administrator):
            client.force_login(user)
            found = 0
            for params in filters:
                want = expected(registry, user, **params)
                assert listed(client, registry, **params) == want, (way, user.username, params)
                found += bool(want)
            # The filters are not vacuous: most of them find someone, for every role.
            assert found >= len(filters) // 2, user.username


def test_the_filters_find_persons_both_ways_and_by_every_kind_of_condition(registry, colleague):
    everyone = expected(registry, colleague)
    assert len(everyone) == 97
    # Hometowns below a county (a township, a village) count for the county and prefecture.
    river = expected(registry, colleague, place=str(registry.places["river"].pk))
    assert {
        person.pk
        for person in registry.persons
        if person.hometown_id in {registry.places["ford"].pk, registry.places["mill"].pk}
    } <= set(river)
    assert expected(registry, colleague, q="ئابلىكىم") == expected(registry, colleague, q="Ablikim")
    assert expected(registry, colleague, q=registry.full)
    assert len(expected(registry, colleague, q=registry.given)) > len(
        expected(registry, colleague, q=registry.full)
    )


def test_an_account_without_a_role_is_refused_the_list(client, django_user_model, registry):
    django_user_model.objects.create_user(username="nobody", password="pw-123456789")
    client.login(username="nobody", password="pw-123456789")
    assert client.get(reverse("registry:person_list")).status_code == 403
    assert not Group.objects.filter(user__username="nobody").exists()
