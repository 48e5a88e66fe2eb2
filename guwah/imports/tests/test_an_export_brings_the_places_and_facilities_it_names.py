"""An export carries the places and facilities its records name; a restore uses the ones the
instance already has and adds the others, or refuses the whole file over a bad one."""

from __future__ import annotations

import pytest

from guwah.imports.commit import ImportRefused
from guwah.imports.documents import restore_document
from guwah.registry.models import Event, Facility, Person, Place

pytestmark = pytest.mark.django_db

KASHGAR = {
    "key": "653100",
    "code": "653100",
    "level": "prefecture",
    "parent": "650000",
    "name_en": "Kashgar (as exported)",
    "name_zh": "喀什地区",
}
REGION = {
    "key": "650000",
    "code": "650000",
    "level": "region",
    "parent": None,
    "name_en": "Xinjiang",
}
PRISON = {
    "name_en": "Synthetic Prison No. 2",
    "kind": "prison",
    "place": "653100",
    "latitude": 39.5,
    "longitude": 76.0,
    "synthetic": True,
}


def document(*, places: list[dict], facilities: list[dict]) -> dict:
    return {
        "format": "guwah-export/1",
        # Children before their parents: the restore puts parents first.
        "places": places,
        "facilities": facilities,
        "persons": [
            {
                "id": "P-1",
                "names": [{"text": "Ekrem Memet", "script": "ug-Latn", "kind": "primary"}],
                "hometown": "653100",
                "synthetic": True,
            }
        ],
        "acts": [
            {
                "id": "A-1",
                "victim": "P-1",
                "kind": "sentence",
                "date": "2018",
                "facility": "Synthetic Prison No. 2",
                "synthetic": True,
            }
        ],
    }


def test_missing_places_and_facilities_are_added_with_their_hierarchy(administrator):
    restore_document(administrator, document(places=[KASHGAR, REGION], facilities=[PRISON]))

    kashgar = Place.objects.get(code="653100")
    assert kashgar.parent == Place.objects.get(code="650000")
    prison = Facility.objects.get()
    assert (prison.place, prison.latitude, prison.source) == (kashgar, 39.5, "")
    assert Person.objects.get().hometown == kashgar
    assert Event.objects.get().facility == prison


def test_a_place_the_instance_has_is_used_as_it_is(administrator, kashgar):
    restore_document(administrator, document(places=[KASHGAR, REGION], facilities=[PRISON]))

    assert Place.objects.filter(code="653100").count() == 1
    kashgar.refresh_from_db()
    assert kashgar.name_en == "Kashgar" and kashgar.parent is None
    assert Facility.objects.get().place == kashgar


def test_a_bad_place_refuses_the_whole_file_naming_it(administrator):
    planet = {**REGION, "level": "planet"}

    with pytest.raises(ImportRefused) as refused:
        restore_document(administrator, document(places=[KASHGAR, planet], facilities=[PRISON]))

    assert any(p.column == "places 650000" and "level" in p.message for p in refused.value.problems)
    assert not Place.objects.exists() and not Facility.objects.exists()
    assert not Person.objects.exists() and not Event.objects.exists()
