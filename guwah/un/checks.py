"""Whether a person's record holds what a Working Group needs, and whether it may be sent.

The WGEID examines only clearly identified cases holding six elements: the person's full name,
the date of the disappearance (at least month and year), the place of arrest, abduction or
last sighting, the State forces believed responsible, the steps the relatives took (or why
none were possible), and the identity of the submitter, which it keeps confidential. Each
element is read from the registry's record and the person's :class:`~guwah.un.models.CaseFile`;
what is missing is named, with the address of the field to fill.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.dates import Qualifier
from guwah.registry.models import Event, Person
from guwah.un.models import CaseFile, Mechanism

# The events that can mark the day a person was taken or last heard of.
TAKEN = (
    Event.Kind.ARREST,
    Event.Kind.CAMP_DETENTION,
    Event.Kind.POLICE_CUSTODY,
    Event.Kind.DISAPPEARANCE,
    Event.Kind.LOST_CONTACT,
    Event.Kind.PRISON,
)

# The WGEID's urgent procedure covers disappearances within the three months before the report.
URGENT_WINDOW = dt.timedelta(days=92)


class Element(StrEnum):
    FULL_NAME = "full_name"
    DATE = "date"
    PLACE = "place"
    FORCES = "forces"
    STEPS = "steps"
    SUBMITTER = "submitter"


@dataclass(frozen=True)
class Missing:
    """A required element that is absent or too vague, and where to fill it."""

    element: Element
    message: str
    url: str


def case_file_of(person: Person) -> CaseFile:
    """The person's case file, or an empty unsaved one: reading never writes."""
    case = CaseFile.objects.filter(person=person).first()
    return case if case is not None else CaseFile(person=person)


def taken_event(person: Person) -> Event | None:
    """The first event that took the person away or cut them off: the disappearance."""
    events = [event for event in person.events.all() if event.kind in TAKEN]
    dated = [event for event in events if event.date_sort is not None]
    if dated:
        return min(dated, key=lambda event: (event.date_sort, event.pk))
    return events[0] if events else None


def _case_field(person: Person, field: str) -> str:
    return reverse("un:person", kwargs={"pk": person.pk}) + f"#id_{field}"


def missing_wgeid_elements(person: Person) -> list[Missing]:
    """The WGEID's required elements that the record lacks, in the form's order."""
    case = case_file_of(person)
    missing: list[Missing] = []
    if not any(name.text.strip() for name in person.names.all()):
        missing.append(
            Missing(
                Element.FULL_NAME,
                _("The person's full name is missing."),
                reverse("registry:name_add", kwargs={"pk": person.pk}),
            )
        )
    event = taken_event(person)
    add_event = reverse("registry:event_add", kwargs={"pk": person.pk})
    if event is None:
        missing.append(
            Missing(
                Element.DATE,
                _("No arrest, detention or disappearance is recorded: its date is missing."),
                add_event,
            )
        )
        missing.append(
            Missing(
                Element.PLACE,
                _("No arrest, detention or disappearance is recorded: its place is missing."),
                add_event,
            )
        )
    else:
        edit_event = reverse("registry:event_edit", kwargs={"pk": event.pk})
        parsed = event.partial_date
        if parsed is None:
            missing.append(
                Missing(Element.DATE, _("The date of the disappearance is missing."), edit_event)
            )
        elif parsed.precision in ("year", "season", "range") or parsed.qualifier in (
            Qualifier.BEFORE,
            Qualifier.AFTER,
        ):
            missing.append(
                Missing(
                    Element.DATE,
                    _(
                        "The date of the disappearance (%(date)s) is too vague: the Working "
                        "Group needs at least the month and the year."
                    )
                    % {"date": parsed.edtf()},
                    edit_event,
                )
            )
        if event.place_id is None and event.facility_id is None:
            missing.append(
                Missing(
                    Element.PLACE,
                    _("The place of the arrest, abduction or last sighting is missing."),
                    edit_event,
                )
            )
    if not case.forces_responsible.strip():
        missing.append(
            Missing(
                Element.FORCES,
                _("The State forces believed responsible are missing."),
                _case_field(person, "forces_responsible"),
            )
        )
    if not (case.steps_taken.strip() or case.no_steps_reason.strip()):
        missing.append(
            Missing(
                Element.STEPS,
                _(
                    "The steps the relatives took to find the person, or why none were "
                    "possible, are missing."
                ),
                _case_field(person, "steps_taken"),
            )
        )
    if not (case.submitter_name.strip() and case.submitter_contact.strip()):
        missing.append(
            Missing(
                Element.SUBMITTER,
                _("The submitter's name and contact are missing."),
                _case_field(person, "submitter_name"),
            )
        )
    return missing


def consent_warnings(person: Person, mechanism: str = Mechanism.WGEID) -> list[str]:
    """What the family has not yet agreed to or been told, before anything is sent."""
    case = case_file_of(person)
    warnings = []
    if not person.consent_share_un:
        warnings.append(_("The family has not agreed to share this record with UN mechanisms."))
    if not case.family_knows_transmission:
        warnings.append(
            _(
                "The family has not acknowledged that the Working Group transmits the case to "
                "the government concerned."
            )
        )
    if not case.reprisal_risk.strip():
        warnings.append(_("The risk of reprisals against relatives inside has not been assessed."))
    if mechanism == Mechanism.WGAD and not case.consent_public_naming:
        warnings.append(
            _(
                "The family has not agreed to the person being named in the Working Group's "
                "published opinion."
            )
        )
    return warnings


def export_refusal(user: Any, person: Person, mechanism: str = Mechanism.WGEID) -> str | None:
    """Why ``user`` may not produce a submission for ``person``, or None when they may."""
    if not access.can_view_person(user, person):
        return _("You may not see this record.")
    if not access.can_submit_to_un(user, person):
        return _(
            "The family has not agreed to share this record with UN mechanisms: record their "
            "consent on the person's page before preparing a submission."
        )
    if mechanism == Mechanism.WGAD and not case_file_of(person).consent_public_naming:
        return _(
            "The Working Group on Arbitrary Detention publishes its opinions with the "
            "detainee's name, and the family has not agreed to that."
        )
    return None


def is_urgent(person: Person, today: dt.date) -> bool:
    """Whether the disappearance may have happened within the urgent-action window."""
    event = taken_event(person)
    if event is None or event.date_latest is None:
        return False
    return event.date_latest >= today - URGENT_WINDOW


# The WGEID's guidance links to an urgent case those of relatives taken within a year of it,
# or in the same incident: the Working Group reads them together.
CONNECTED_WINDOW = dt.timedelta(days=366)


def _apart(first: Event, second: Event) -> dt.timedelta | None:
    """How far apart two events can be said to be at least, or None when either is undated."""
    if None in (first.date_earliest, first.date_latest, second.date_earliest, second.date_latest):
        return None
    assert first.date_earliest and first.date_latest  # noqa: S101  (narrows a type; the lines above ensure it)
    assert second.date_earliest and second.date_latest  # noqa: S101  (narrows a type; the lines above ensure it)
    if first.date_latest < second.date_earliest:
        return second.date_earliest - first.date_latest
    if second.date_latest < first.date_earliest:
        return first.date_earliest - second.date_latest
    return dt.timedelta(0)


def connected_urgent_cases(person: Person, today: dt.date) -> list[Person]:
    """The urgent cases ``person``'s case is connected to: a relative's, or one from the same
    incident, whose disappearance lies within a year of this person's."""
    own = taken_event(person)
    if own is None:
        return []
    incidents = {event.incident_id for event in person.events.all() if event.incident_id}
    others = (
        Person.objects.filter(ties_as_relative__person=person)
        | Person.objects.filter(events__incident_id__in=incidents)
    ).exclude(pk=person.pk)
    connected = []
    for other in others.distinct().prefetch_related("events"):
        if not is_urgent(other, today):
            continue
        theirs = taken_event(other)
        same_incident = bool(incidents) and any(
            event.incident_id in incidents for event in other.events.all()
        )
        apart = _apart(own, theirs) if theirs is not None else None
        if same_incident or (apart is not None and apart <= CONNECTED_WINDOW):
            connected.append(other)
    return connected
