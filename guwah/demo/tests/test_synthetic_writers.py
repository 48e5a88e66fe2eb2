"""Both ways of storing synthetic data: through the services, and in bulk."""

from __future__ import annotations

import pytest

from guwah.demo.bulk import delete_synthetic_data, write_bulk
from guwah.demo.records import (
    places_for_synthetic_data,
    synthetic_data_exists,
    write_with_services,
)
from guwah.evidence import log
from guwah.registry import access, names_index, services
from guwah.registry.models import (
    Event,
    Evidence,
    Facility,
    FamilyTie,
    Name,
    Person,
    Place,
)
from guwah.registry.models import Testimony as WitnessTestimony
from guwah.registry.status import annotate_status, derive_status
from guwah.registry.synthetic import SyntheticRegistry

pytestmark = pytest.mark.django_db


@pytest.fixture
def places() -> list[Place]:
    region = Place.objects.create(code="990000", level=Place.Level.REGION, name_en="Testland")
    return [
        Place.objects.create(
            code=f"9901{i:02d}",
            level=Place.Level.COUNTY,
            parent=region,
            name_en=f"County {i}",
            latitude=40.0 + i,
            longitude=80.0 + i,
        )
        for i in range(1, 4)
    ]


def _generator(seed: int = 5) -> SyntheticRegistry:
    return SyntheticRegistry(places_for_synthetic_data(), seed=seed)


def _assert_all_synthetic() -> None:
    for model in (Person, Name, FamilyTie, Event, WitnessTestimony, Evidence, Facility):
        assert model.objects.exists(), model
        assert not model.objects.filter(synthetic=False).exists(), model


def _assert_ties_are_mirrored() -> None:
    ties = set(FamilyTie.objects.values_list("person_id", "relative_id", "relation"))
    for person_id, relative_id, relation in ties:
        inverse = FamilyTie.INVERSE[FamilyTie.Relation(relation)]
        assert (relative_id, person_id, inverse) in ties


def test_synthetic_data_uses_counties_when_the_gazetteer_is_loaded(places: list[Place]) -> None:
    refs = places_for_synthetic_data()

    assert {ref.id for ref in refs} == {place.pk for place in places}


def test_the_bulk_path_writes_flagged_linked_rows(places: list[Place], colleague, owner) -> None:
    report = write_bulk(_generator(), 120, owners=[owner, colleague], batch_persons=50)

    assert report.persons == Person.objects.count() == 120
    assert report.names == Name.objects.count()
    assert report.events == Event.objects.count()
    assert report.ties == FamilyTie.objects.count()
    _assert_all_synthetic()
    _assert_ties_are_mirrored()
    assert not Name.objects.filter(match_key="").exists()
    assert not Name.objects.filter(script="ug-Arab", uly="").exists()
    assert not Event.objects.exclude(date="").filter(date_sort=None).exists()
    assert set(Person.objects.values_list("created_by", flat=True)) == {owner.pk, colleague.pk}
    assert Event.testimonies.through.objects.exists()
    assert WitnessTestimony.persons.through.objects.exists()


def test_bulk_rows_are_found_by_name_search(places: list[Place]) -> None:
    write_bulk(_generator(), 60)
    name = Name.objects.filter(script="ug-Arab").first()
    latin = Name.objects.get(person=name.person, script="ug-Latn")

    found = names_index.search_persons(Person.objects.all(), latin.text)

    assert name.person in found


def test_bulk_keys_continue_after_existing_rows(places: list[Place], colleague) -> None:
    write_bulk(_generator(seed=1), 30)
    first_max = Person.objects.order_by("-pk").first().pk

    write_bulk(_generator(seed=2), 30)

    assert Person.objects.count() == 60
    assert Person.objects.order_by("pk")[30].pk == first_max + 1
    # New rows written the ordinary way still get fresh keys (PostgreSQL sequences moved on).
    person = services.create_person(colleague, names=[{"text": "Test", "script": "und-Latn"}])
    assert person.pk > first_max + 30 - 1


def test_the_bulk_status_matches_the_timeline_in_python(places: list[Place]) -> None:
    write_bulk(_generator(), 150)

    annotated = annotate_status(Person.objects.prefetch_related("events"))
    for person in annotated:
        assert person.derived_status == derive_status(person).status


def test_the_service_path_keeps_history_and_owners(
    places: list[Place], owner, colleague, reviewer
) -> None:
    report = write_with_services(
        _generator(), 40, owners=[owner, colleague], documenter=colleague, reviewer=reviewer
    )

    assert report.persons == Person.objects.count() == 40
    _assert_all_synthetic()
    _assert_ties_are_mirrored()
    assert Person.history.count() >= 40
    assert Event.history.count() >= Event.objects.count()
    assert not Name.objects.filter(match_key="").exists()
    owned = Person.objects.filter(created_by=owner)
    assert owned.exists()
    assert set(access.persons_visible_to(owner)) == set(owned)
    assert Person.objects.filter(visibility="public", consent_publish=False).count() == 0


def test_a_family_member_sees_only_the_families_submitted_with_their_account(
    places: list[Place], owner, outsider, colleague, reviewer
) -> None:
    write_bulk(_generator(), 80, owners=[owner, colleague])

    assert access.persons_visible_to(outsider).count() == 0
    visible = access.persons_visible_to(owner)
    assert 0 < visible.count() < 80
    assert access.persons_visible_to(colleague).count() == 80


def test_deleting_synthetic_data_leaves_real_records(places: list[Place], colleague) -> None:
    real = services.create_person(colleague, names=[{"text": "Real", "script": "und-Latn"}])
    write_bulk(_generator(), 50)
    assert synthetic_data_exists()

    delete_synthetic_data()

    assert not synthetic_data_exists()
    assert list(Person.objects.all()) == [real]
    assert not Facility.objects.exists()
    assert Place.objects.count() == 4


def test_bulk_records_get_their_transparency_log_entries(places: list[Place]) -> None:
    write_bulk(_generator(), 40, batch_persons=15)

    report = log.verify_log(check_records=True)

    assert report.records_checked >= Person.objects.count() + Name.objects.count()
    assert not report.problems, report.problems[:5]
