"""Every saved name carries its ULY form, its match key and its search keys."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from guwah.registry import services
from guwah.registry.models import Name, NameKey, Person
from guwah.registry.names_index import search_persons, stored_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def memtimin(owner: User) -> Person:
    return services.create_person(
        owner, names=[{"text": "مەمتىمىن ھوشۇر", "script": "ug-Arab"}], sex="m"
    )


def test_saving_a_name_stores_its_uly_form_match_key_and_keys(memtimin: Person) -> None:
    name = memtimin.names.get()
    assert name.uly == "Memtimin Hoshur"
    assert name.match_key
    assert dict(NameKey.objects.filter(name=name).values_list("part", "key")) == stored_keys(
        name.text
    )
    assert set(NameKey.objects.filter(name=name).values_list("part", flat=True)) == {0, 1, -1}


def test_changing_a_name_changes_its_forms_and_keys(owner: User, memtimin: Person) -> None:
    name = memtimin.names.get()
    services.update_name(owner, name, text="Erkin Tursun")
    name.refresh_from_db()
    assert name.uly == "Erkin Tursun"
    assert not search_persons(Person.objects.all(), "Memtimin Hoshur").exists()
    assert list(search_persons(Person.objects.all(), "艾尔肯·吐尔逊")) == [memtimin]


def test_removing_a_name_removes_its_keys(owner: User, memtimin: Person) -> None:
    services.add_name(owner, memtimin, text="Memtimin Khoshur", script="ug-Latn")
    name = memtimin.names.get(script="ug-Arab")
    services.delete_name(owner, name)
    assert not NameKey.objects.filter(name_id=name.pk).exists()
    assert NameKey.objects.filter(name__person=memtimin).exists()


def test_reindexing_fills_names_saved_without_signals(memtimin: Person) -> None:
    Name.objects.filter(person=memtimin).update(uly="", match_key="")
    NameKey.objects.all().delete()

    out = StringIO()
    call_command("names", "reindex", stdout=out)

    assert "Reindexed 1 names." in out.getvalue()
    assert Name.objects.get(person=memtimin).uly == "Memtimin Hoshur"
    assert list(search_persons(Person.objects.all(), "Memtimin Hoshur")) == [memtimin]
