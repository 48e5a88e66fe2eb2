"""A person's timeline: events, the testimony and evidence they cite, and incidents."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.models import (
    Event,
    Evidence,
    Incident,
    Person,
    Testimony,
)
from guwah.registry.services.checks import (
    as_history_of,
    check_unchanged_since,
    only_fields,
    remove_hidden_characters,
    require,
    validate_timeline,
)

# What a documenter writes of an event, in the order the event form asks for it.
EVENT_ENTRY_FIELDS = (
    "kind",
    "date",
    "facility",
    "place",
    "sentence_months",
    "stated_reason",
    "description",
    "basis",
    "incident",
)
EVENT_FIELDS = frozenset(EVENT_ENTRY_FIELDS)


def _link_sources(
    actor: Any,
    event: Event,
    testimonies: Iterable[Testimony] | None,
    evidence: Iterable[Evidence] | None,
) -> None:
    if testimonies is not None:
        chosen = list(testimonies)
        for testimony in chosen:
            require(
                access.can_view_testimony(actor, testimony),
                _("You may not cite this testimony."),
            )
        event.testimonies.set(chosen)
    if evidence is not None:
        chosen_evidence = list(evidence)
        for item in chosen_evidence:
            require(access.can_view_evidence(actor, item), _("You may not cite this evidence."))
        event.evidence.set(chosen_evidence)


def add_event(
    actor: Any,
    person: Person,
    *,
    testimonies: Iterable[Testimony] | None = None,
    evidence: Iterable[Evidence] | None = None,
    **fields: Any,
) -> Event:
    """Add an event to a person's timeline, citing the testimonies and evidence it rests on."""
    require(access.can_edit_person(actor, person), _("You may not change this record."))
    only_fields("add_event", fields, EVENT_FIELDS | {"synthetic"})
    event = Event(person=person, **fields)
    remove_hidden_characters(event)
    event.full_clean(exclude=["person"])
    validate_timeline(person, event)
    with transaction.atomic():
        as_history_of(event, actor)
        event.save()
        _link_sources(actor, event, testimonies, evidence)
    return event


def update_event(
    actor: Any,
    event: Event,
    *,
    testimonies: Iterable[Testimony] | None = None,
    evidence: Iterable[Evidence] | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Event:
    """Change an event; ``expected_version`` is the version the editor saw (see
    :func:`~guwah.registry.services.update_person`)."""
    require(access.can_edit_person(actor, event.person), _("You may not change this record."))
    only_fields("update_event", fields, EVENT_FIELDS)
    with transaction.atomic():
        check_unchanged_since(Event.objects.select_for_update().get(pk=event.pk), expected_version)
        for key, value in fields.items():
            setattr(event, key, value)
        remove_hidden_characters(event)
        event.full_clean()
        validate_timeline(event.person, event)
        as_history_of(event, actor)
        event.save()
        _link_sources(actor, event, testimonies, evidence)
    return event


def delete_event(actor: Any, event: Event) -> None:
    require(access.can_edit_person(actor, event.person), _("You may not change this record."))
    with transaction.atomic():
        as_history_of(event, actor)
        event.delete()


def add_incident(actor: Any, **fields: Any) -> Incident:
    """Record one happening that touched many people, for their events to point to."""
    require(access.can_manage_reference_data(actor), _("Only the organisation records incidents."))
    incident = Incident(created_by=actor, **fields)
    remove_hidden_characters(incident)
    incident.full_clean()
    with transaction.atomic():
        as_history_of(incident, actor)
        incident.save()
    return incident
