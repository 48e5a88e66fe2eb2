"""A name typed in the New Script (Hoxur for Hoshur) finds the person written in ULY."""

from __future__ import annotations

from guwah.registry import services
from guwah.registry.models import Person
from guwah.registry.names_index import search_persons


def test_searching_memtimin_hoxur_finds_memtimin_hoshur(colleague) -> None:
    hoshur = services.create_person(
        colleague, names=[{"text": "Memtimin Hoshur", "script": "ug-Latn"}], synthetic=True
    )
    services.create_person(
        colleague, names=[{"text": "Memtimin Tursun", "script": "ug-Latn"}], synthetic=True
    )
    assert list(search_persons(Person.objects.all(), "Memtimin Hoxur")) == [hoshur]
    assert list(search_persons(Person.objects.all(), "Memtimin Ⱨoxur")) == [hoshur]
    assert list(search_persons(Person.objects.all(), "Memtimin Hoshur")) == [hoshur]


def test_a_uly_x_still_finds_its_own_name(colleague) -> None:
    exmet = services.create_person(
        colleague, names=[{"text": "Exmet Tursun", "script": "ug-Latn"}], synthetic=True
    )
    assert exmet in search_persons(Person.objects.all(), "Exmet Tursun")
