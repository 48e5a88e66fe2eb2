"""Rows an earlier import recorded, compared with their records now: what a re-import changes.

A partner sends the list again with some rows corrected. A row whose external ID is known is
not created twice; its filled cells are compared with the person's fields, names and dated
events, and what differs becomes a :class:`PlannedChange`, written at the commit through the
registry's services (with history and a log entry) like an edit in the web interface. An empty
cell changes nothing; sources and testimony of a row imported before are not added again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from guwah.imports.plan.columns import EVENT_COLUMNS, NAME_COLUMNS
from guwah.imports.plan.outcome import Plan, PlannedChange, PlannedPerson, Problem
from guwah.registry import access
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import Event, Name, Person

# The person's fields a row may change, each from the column of the same name.
CHANGEABLE = (
    "sex",
    "birth_date",
    "ethnicity",
    "occupation",
    "notes",
    "visibility",
    "consent_publish",
    "consent_share_un",
    "consent_name_witness",
)
_COLUMN_OF_SCRIPT = {script: column for column, script in NAME_COLUMNS.items() if script}
_COLUMN_OF_KIND = {kind: column for column, kind in EVENT_COLUMNS.items()}
BATCH = 500


def _same_date(first: str, second: str) -> bool:
    try:
        return PartialDate.parse(first).edtf() == PartialDate.parse(second).edtf()
    except InvalidPartialDate:
        return first == second


def _field_changes(planned: PlannedPerson, current: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in CHANGEABLE:
        if name not in planned.given:
            continue
        wanted = planned.fields.get(name, False if name.startswith("consent_") else "")
        now = current[name]
        if name == "birth_date" and now and _same_date(wanted, now):
            continue
        if wanted != now:
            changes[name] = wanted
    place = planned.fields.get("hometown")
    if "hometown" in planned.given and place is not None and place.pk != current["hometown_id"]:
        changes["hometown"] = place
    return changes


def _name_changes(planned: PlannedPerson, names: list[dict[str, Any]]) -> list[dict[str, Any]]:
    changes = []
    for name in planned.names:
        if any(n["text"] == name["text"] and n["script"] == name["script"] for n in names):
            continue
        # The name of this script and kind the row stood for, its text now corrected.
        replaced = next(
            (n for n in names if n["script"] == name["script"] and n["kind"] == name["kind"]),
            None,
        )
        changes.append(
            {
                **name,
                "column": _COLUMN_OF_SCRIPT.get(name["script"], "name"),
                "name_id": replaced["id"] if replaced else None,
            }
        )
    return changes


def _event_changes(planned: PlannedPerson, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    changes = []
    for event in planned.events:
        if not event["date"]:
            continue  # a status without a date: the record's events already say more
        same_kind = [e for e in events if e["kind"] == event["kind"]]
        if any(_same_date(e["date"], event["date"]) for e in same_kind if e["date"]):
            continue
        column = _COLUMN_OF_KIND.get(event["kind"], "")
        if same_kind:
            changes.append(
                {"column": column, "event_id": same_kind[0]["id"], "date": event["date"]}
            )
        else:
            changes.append({"column": column, "event_id": None, **event})
    return changes


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def find_changes(actor: Any, seen: list[tuple[PlannedPerson, int]], plan: Plan) -> None:
    """Sort rows imported before (with their person's ID) into unchanged and changed."""
    for chunk in _chunks(seen):
        ids = [person_id for _, person_id in chunk]
        current = {
            row["id"]: row
            for row in Person.objects.filter(pk__in=ids).values("id", "hometown_id", *CHANGEABLE)
        }
        names: dict[int, list[dict[str, Any]]] = {}
        for name in Name.objects.filter(person_id__in=ids).values(
            "id", "person_id", "text", "script", "kind"
        ):
            names.setdefault(name["person_id"], []).append(dict(name))
        events: dict[int, list[dict[str, Any]]] = {}
        for event in (
            Event.objects.filter(person_id__in=ids)
            .order_by("date_sort", "pk")
            .values("id", "person_id", "kind", "date")
        ):
            events.setdefault(event["person_id"], []).append(dict(event))
        changed: list[PlannedChange] = []
        for planned, person_id in chunk:
            change = PlannedChange(
                row=planned.row,
                external_id=planned.external_id,
                person_id=person_id,
                fields=_field_changes(planned, current[person_id]),
                names=_name_changes(planned, names.get(person_id, [])),
                events=_event_changes(planned, events.get(person_id, [])),
            )
            if change:
                changed.append(change)
            else:
                plan.already_imported.append(planned.row)
        editable = Person.objects.in_bulk([c.person_id for c in changed]) if changed else {}
        for change in changed:
            if not access.can_edit_person(actor, editable[change.person_id]):
                plan.problems.append(
                    Problem(
                        change.row,
                        "",
                        _("This row changes person %(person)d, which you may not change.")
                        % {"person": change.person_id},
                    )
                )
            plan.to_update.append(change)
