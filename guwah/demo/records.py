"""Synthetic families stored through the registry's services, as a documenter would enter them.

Every person, name, tie, event, testimony and evidence item goes through
:mod:`guwah.registry.services`, one at a time, so that permissions, timeline checks, the
history and the transparency log all see the data exactly as they see a documenter's. Meant
for a few thousand persons; :mod:`guwah.demo.bulk` writes more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction

from guwah.demo import plans
from guwah.demo.bulk import WriteReport, write_facilities_bulk
from guwah.registry import services
from guwah.registry.models import Facility, IdentityDocument, Person, Place, Visibility
from guwah.registry.synthetic import (
    PlaceRef,
    SyntheticRegistry,
)


def places_for_synthetic_data() -> list[PlaceRef]:
    """Counties when the gazetteer is loaded, else prefectures, else the region itself."""
    for level in (Place.Level.COUNTY, Place.Level.PREFECTURE, Place.Level.REGION):
        rows = list(
            Place.objects.filter(level=level).select_related("parent").order_by("code", "pk")
        )
        if rows:
            return [
                PlaceRef(
                    id=place.pk,
                    name_en=place.name_en,
                    latitude=place.latitude
                    if place.latitude is not None
                    else (place.parent.latitude if place.parent else None),
                    longitude=place.longitude
                    if place.longitude is not None
                    else (place.parent.longitude if place.parent else None),
                )
                for place in rows
            ]
    return []


def synthetic_data_exists() -> bool:
    return Person.objects.filter(synthetic=True).exists()


def write_with_services(
    generator: SyntheticRegistry,
    persons: int,
    *,
    owners: Sequence[Any],
    documenter: Any,
    reviewer: Any,
    progress: Callable[[int], None] | None = None,
) -> WriteReport:
    """Store ``persons`` synthetic persons through the registry's services, family by family.

    ``owners`` submit the families in turn (a family member's account then sees exactly the
    families it submitted); the ``documenter`` files the evidence, as an organisation does;
    the ``reviewer`` makes public the records whose families consented to it.
    """
    report = WriteReport()
    # The registry has no service for facilities (reference data that staff keep in the
    # admin); they are written in one batch and announced as every bulk row is.
    with transaction.atomic():
        facility_ids = write_facilities_bulk(generator)
    report.facilities = len(facility_ids)
    facilities = Facility.objects.in_bulk(list(facility_ids.values()))
    places = Place.objects.in_bulk([place.id for place in generator.places])
    for family in generator.families(persons):
        actor = owners[family.number % len(owners)]
        with transaction.atomic():
            stored = []
            for plan in family.persons:
                person = services.create_person(
                    actor,
                    names=[
                        {"text": n.text, "script": n.script, "kind": n.kind} for n in plan.names
                    ],
                    **plans.person_fields(plan),
                    birth_date=plan.birth_date,
                    hometown=places.get(plan.hometown_id) if plan.hometown_id else None,
                    visibility=Visibility.INTERNAL
                    if plan.visibility == Visibility.INTERNAL
                    else Visibility.RESTRICTED,
                    synthetic=True,
                )
                if plan.id_number:
                    services.add_identity_document(
                        actor,
                        person,
                        kind=IdentityDocument.Kind.PRC_RESIDENT_ID,
                        number=plan.id_number,
                        synthetic=True,
                    )
                stored.append(person)
                report.persons += 1
                report.names += len(plan.names)
            for person_key, relative_key, relation in family.ties:
                services.add_family_tie(actor, stored[person_key], stored[relative_key], relation)
                report.ties += 2
            testimony = None
            if family.testimony is not None:
                told = family.testimony
                testimony = services.add_testimony(
                    actor,
                    [stored[key] for key in told.person_keys],
                    **plans.testimony_fields(told),
                    synthetic=True,
                )
                report.testimonies += 1
            # The organisation files the evidence (a family member may not), citing the events
            # it supports; the events themselves are the family's.
            events_citing: dict[int, list[Any]] = {}
            for plan, person in zip(family.persons, stored, strict=True):
                for event in plan.events:
                    stored_event = services.add_event(
                        actor,
                        person,
                        **plans.event_fields(event),
                        date=event.date,
                        place=places.get(event.place_id) if event.place_id else None,
                        facility=facilities[facility_ids[event.facility_key]]
                        if event.facility_key is not None
                        else None,
                        synthetic=True,
                        testimonies=[testimony]
                        if event.cites_testimony and testimony is not None
                        else None,
                    )
                    if event.evidence_key is not None:
                        events_citing.setdefault(event.evidence_key, []).append(stored_event)
                    report.events += 1
            for item in family.evidence:
                services.add_evidence(
                    documenter,
                    [stored[key] for key in item.person_keys],
                    events=events_citing.get(item.key, []),
                    **plans.evidence_fields(item),
                    synthetic=True,
                )
                report.evidence += 1
            for plan, person in zip(family.persons, stored, strict=True):
                if plan.visibility == Visibility.PUBLIC and plan.consent_publish:
                    services.set_visibility(reviewer, person, Visibility.PUBLIC)
        report.families += 1
        if progress is not None:
            progress(report.persons)
    return report
