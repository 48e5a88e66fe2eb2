"""Search finds a person from any script and spelling of a name, through its stored keys."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from guwah.registry import access, services
from guwah.registry.models import NameKey, Person
from guwah.registry.names_index import search_persons

pytestmark = pytest.mark.django_db


@pytest.fixture
def memtimin(owner: User) -> Person:
    return services.create_person(
        owner, names=[{"text": "مەمتىمىن ھوشۇر", "script": "ug-Arab"}], sex="m"
    )


@pytest.fixture
def erkin(colleague: User) -> Person:
    return services.create_person(
        colleague, names=[{"text": "Erkin Tursun", "script": "ug-Latn"}], sex="m"
    )


@pytest.mark.parametrize(
    "query", ["Memtimin Hoshur", "Maimaitiming Wushouer", "买买提明·吾守尔", "Hoshur", "Мәмтимин"]
)
def test_search_finds_the_person_from_any_spelling(
    memtimin: Person, erkin: Person, query: str
) -> None:
    assert list(search_persons(Person.objects.all(), query)) == [memtimin]


def test_search_finds_no_one_for_another_name_or_an_empty_query(memtimin: Person) -> None:
    assert not search_persons(Person.objects.all(), "Gulshan Abbas").exists()
    assert not search_persons(Person.objects.all(), " · ").exists()


def test_search_keeps_to_the_persons_the_user_may_see(
    memtimin: Person, owner: User, outsider: User, colleague: User
) -> None:
    assert list(search_persons(access.persons_visible_to(owner), "Memtimin Hoshur")) == [memtimin]
    assert list(search_persons(access.persons_visible_to(colleague), "买买提明")) == [memtimin]
    assert not search_persons(access.persons_visible_to(outsider), "Memtimin Hoshur").exists()


def test_a_name_of_three_words_is_found_from_any_two_of_them(owner: User) -> None:
    person = services.create_person(
        owner, names=[{"text": "Ablikim Memet Qari", "script": "ug-Latn"}], sex="m"
    )
    assert list(search_persons(Person.objects.all(), "Qari Ablikim")) == [person]
    assert list(search_persons(Person.objects.all(), "Memet Qari")) == [person]


def test_a_name_of_two_words_is_found_by_its_match_key_and_stores_no_pair(owner: User) -> None:
    person = services.create_person(
        owner, names=[{"text": "Ablikim Memet", "script": "ug-Latn"}], sex="m"
    )
    parts = set(NameKey.objects.filter(name__person=person).values_list("part", flat=True))
    assert parts == {0, 1, NameKey.WHOLE}
    assert list(search_persons(Person.objects.all(), "Memet Ablikim")) == [person]


def test_search_is_one_query_over_the_registrys_key_index(
    memtimin: Person, django_assert_num_queries
) -> None:
    with django_assert_num_queries(1) as captured:
        found = list(search_persons(Person.objects.all(), "买买提明·吾守尔"))
    assert found == [memtimin]
    assert "registry_namekey" in captured.captured_queries[0]["sql"]
