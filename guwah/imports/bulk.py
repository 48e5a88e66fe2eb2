"""Large imports in batches: the documented exception to "every registry write goes through a
service", for lists of thousands of persons.

Through the services a person with an event costs some 20 ms (two history rows, two log
entries, the name keys, each saved alone), so 100,000 rows would take more than half an hour.
Here the rows the dry run has checked whole (every date, place, name and timeline, with the
models' own field checks) are inserted with ``bulk_create`` in batches: persons, their names
with the names engine's stored forms and keys, their events with the dates the model derives,
and their external IDs. Each batch's rows are announced with the registry's
``signals.bulk_created`` in the import's one transaction, so the transparency log records
every one of them with the importing user as its actor. No history rows are written: these
records have no earlier version. Rows that cite sources or carry a testimony are written
through the services instead (see :mod:`guwah.imports.commit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models

from guwah.imports.models import ImportedRecord
from guwah.imports.plan import PlannedPerson
from guwah.registry.dates import PartialDate
from guwah.registry.models import Event, Name, NameKey, Person
from guwah.registry.names_index import stored_forms, stored_keys
from guwah.registry.services.checks import remove_hidden_characters
from guwah.registry.signals import bulk_created

BATCH = 2000


def fits(planned: PlannedPerson) -> bool:
    """Whether a row is written here: persons, names and events only."""
    return not planned.sources and planned.testimony is None


def _announce(model: type[models.Model], records: Sequence[models.Model], actor: Any) -> None:
    # Read back as stored, so the log commits to exactly what the database holds.
    stored = model._default_manager.filter(pk__in=[r.pk for r in records]).order_by("pk")
    bulk_created.send(sender=model, records=list(stored), actor=actor)


def _event(person: Person, fields: dict[str, Any]) -> Event:
    event = Event(person=person, **fields)
    remove_hidden_characters(event)
    parsed = event.partial_date
    if parsed is not None:
        event.date = parsed.edtf()
        event.date_earliest, event.date_latest = parsed.earliest, parsed.latest
        event.date_sort = parsed.sort_key
    return event


def write_batch(actor: Any, batch: Sequence[PlannedPerson]) -> None:
    """Insert one batch of checked rows, inside the caller's transaction."""
    persons = []
    for planned in batch:
        person = Person(created_by=actor, **planned.fields)
        remove_hidden_characters(person)
        if person.birth_date:
            parsed = PartialDate.parse(person.birth_date)
            person.birth_date, person.birth_year = parsed.edtf(), parsed.year
        persons.append(person)
    Person.objects.bulk_create(persons)
    names: list[Name] = []
    events: list[Event] = []
    for planned, person in zip(batch, persons, strict=True):
        for name in planned.names:
            uly, match_key = stored_forms(name["text"])
            names.append(
                Name(
                    person=person,
                    text=name["text"],
                    script=name["script"],
                    kind=name["kind"],
                    uly=uly,
                    match_key=match_key,
                    synthetic=person.synthetic,
                )
            )
        events.extend(
            _event(person, {"synthetic": person.synthetic, **fields}) for fields in planned.events
        )
    Name.objects.bulk_create(names)
    Event.objects.bulk_create(events)
    NameKey.objects.bulk_create(
        NameKey(name=name, part=part, key=key)
        for name in names
        for part, key in stored_keys(name.text).items()
    )
    ImportedRecord.objects.bulk_create(
        ImportedRecord(
            kind=ImportedRecord.Kind.PERSON,
            external_id=planned.external_id,
            person=person,
            imported_by=actor,
        )
        for planned, person in zip(batch, persons, strict=True)
    )
    _announce(Person, persons, actor)
    _announce(Name, names, actor)
    _announce(Event, events, actor)
