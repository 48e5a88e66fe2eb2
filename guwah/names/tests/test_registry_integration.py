"""Names in the registry: stored ULY form and keys, search from any script, all three scripts."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from guwah.names.integration import reindex_all_names, search_persons
from guwah.names.models import NameKey
from guwah.registry import access, services
from guwah.registry.models import Name, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def memtimin(owner) -> Person:
    return services.create_person(
        owner, names=[{"text": "مەمتىمىن ھوشۇر", "script": "ug-Arab"}], sex="m"
    )


@pytest.fixture
def erkin(colleague) -> Person:
    return services.create_person(
        colleague, names=[{"text": "Erkin Tursun", "script": "ug-Latn"}], sex="m"
    )


def test_saving_a_name_stores_its_uly_form_and_match_key(memtimin: Person) -> None:
    name = memtimin.names.get()
    assert name.uly == "Memtimin Hoshur"
    assert name.match_key
    assert set(NameKey.objects.filter(name=name).values_list("part", flat=True)) == {0, 1, -1}


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
    memtimin: Person,
    owner,
    outsider,
    colleague,
) -> None:
    assert list(search_persons(access.persons_visible_to(owner), "Memtimin Hoshur")) == [memtimin]
    assert list(search_persons(access.persons_visible_to(colleague), "买买提明")) == [memtimin]
    assert not search_persons(access.persons_visible_to(outsider), "Memtimin Hoshur").exists()


def test_changing_a_name_changes_its_keys(owner, memtimin: Person) -> None:
    name = memtimin.names.get()
    services.update_name(owner, name, text="Erkin Tursun")
    assert not search_persons(Person.objects.all(), "Memtimin Hoshur").exists()
    assert list(search_persons(Person.objects.all(), "艾尔肯·吐尔逊")) == [memtimin]


def test_reindex_fills_names_saved_without_signals(memtimin: Person) -> None:
    Name.objects.filter(person=memtimin).update(uly="", match_key="")
    NameKey.objects.all().delete()
    assert reindex_all_names() == 1
    assert Name.objects.get(person=memtimin).uly == "Memtimin Hoshur"
    assert list(search_persons(Person.objects.all(), "Memtimin Hoshur")) == [memtimin]


def test_the_template_filter_shows_a_name_in_all_three_uyghur_scripts() -> None:
    template = Template(
        '{% load names %}{{ n|to_script:"ug-Arab" }}|{{ n|to_script:"ug-Latn" }}|'
        '{{ n|to_script:"ug-Cyrl" }}'
    )
    rendered = template.render(Context({"n": "Memtimin Hoshur"}))
    assert rendered == "مەمتىمىن ھوشۇر|Memtimin Hoshur|Мәмтимин Һошур"


def test_search_is_one_query_over_the_indexed_keys(
    memtimin: Person,
    django_assert_num_queries,
) -> None:
    with django_assert_num_queries(1) as captured:
        found = list(search_persons(Person.objects.all(), "买买提明·吾守尔"))
    assert found == [memtimin]
    assert "names_namekey" in captured.captured_queries[0]["sql"]
