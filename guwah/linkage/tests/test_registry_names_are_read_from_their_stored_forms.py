"""Linkage reads each registry name's stored ULY form instead of transliterating it again;
names typed in Latin letters are read again, as the matching reading normalises them."""

from __future__ import annotations

import pytest

from guwah.linkage import features
from guwah.linkage.services import registry_records
from guwah.linkage.tests.conftest import person
from guwah.names import match
from guwah.registry.models import Name

pytestmark = pytest.mark.django_db


def test_a_name_in_arabic_script_is_split_from_its_stored_uly_form(colleague) -> None:
    memet = person(colleague, [("مەمەت تۇرسۇن", "ug-Arab")])
    # A stored form that no transliteration of the text gives: only reading it explains it.
    Name.objects.filter(person=memet).update(uly="Ablikim Qadir")

    records = registry_records()
    prepared = features.prepare(records)

    assert records["uly"].tolist() == ["Ablikim Qadir"]
    assert prepared["given_key"].tolist() == [match.match_key("Ablikim")]
    assert prepared["father_key"].tolist() == [match.match_key("Qadir")]


def test_a_name_typed_in_latin_letters_is_read_again(colleague) -> None:
    memet = person(colleague, [("Memet Muhemmet", "ug-Latn")])
    Name.objects.filter(person=memet).update(uly="Ablikim Qadir")

    records = registry_records()
    prepared = features.prepare(records)

    assert records["uly"].isna().all()
    given, father = match.name_parts("Memet Muhemmet")
    assert prepared["given_key"].tolist() == [match.match_key(given)]
    assert prepared["father_key"].tolist() == [match.match_key(father)]


def test_stored_forms_give_the_features_a_fresh_reading_gives(reported_twice) -> None:
    records = registry_records()
    read_again = records.assign(uly=None)

    assert records["uly"].notna().any()
    assert features.prepare(records).equals(features.prepare(read_again))
