"""Names stored before the engine changed are given its current forms and keys on migrating."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import User

from guwah.names.integration import search_persons, stored_keys
from guwah.names.models import NameKey
from guwah.registry import services
from guwah.registry.models import Name, Person

pytestmark = pytest.mark.django_db

migration = importlib.import_module("guwah.names.migrations.0003_pair_keys")


def test_migrating_rewrites_stale_keys_so_search_finds_the_name_again(owner: User) -> None:
    person = services.create_person(
        owner, names=[{"text": "Ablikim Memet Qari", "script": "ug-Latn"}], sex="m"
    )
    name = person.names.get()
    # As an older engine left it: other keys, no pairs, another ULY form.
    NameKey.objects.filter(name=name).delete()
    NameKey.objects.create(name=name, part=0, key="old")
    Name.objects.filter(pk=name.pk).update(uly="old", match_key="old")
    assert not search_persons(Person.objects.all(), "Qari Ablikim").exists()

    migration.recompute_stored_forms(apps, None)

    name.refresh_from_db()
    assert name.uly == "Ablikim Memet Qari"
    assert dict(NameKey.objects.filter(name=name).values_list("part", "key")) == stored_keys(
        name.text
    )
    assert list(search_persons(Person.objects.all(), "Qari Ablikim")) == [person]


def test_a_name_of_two_words_is_found_by_its_match_key_and_stores_no_pair(owner: User) -> None:
    person = services.create_person(
        owner, names=[{"text": "Ablikim Memet", "script": "ug-Latn"}], sex="m"
    )
    parts = set(NameKey.objects.filter(name__person=person).values_list("part", flat=True))
    assert parts == {0, 1, NameKey.WHOLE}
    assert list(search_persons(Person.objects.all(), "Memet Ablikim")) == [person]
