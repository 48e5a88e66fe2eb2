"""Rows checked against one another and against the registry: repeats, earlier imports and
persons the registry seems to hold already."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from guwah.imports.models import ImportedRecord
from guwah.imports.plan.changes import find_changes
from guwah.imports.plan.outcome import Plan, PlannedPerson, Problem
from guwah.names.match import match_key
from guwah.registry import access
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import Name

MATCH_BATCH = 500


def skip_imported(actor: Any, planned: list[PlannedPerson], plan: Plan) -> None:
    """Take out the rows an earlier import recorded: those whose record says what they say are
    counted as imported before, the others become changes to their record."""
    known: dict[str, int] = {}
    ids = [p.external_id for p in planned]
    for start in range(0, len(ids), MATCH_BATCH):
        known.update(
            ImportedRecord.objects.filter(
                kind=ImportedRecord.Kind.PERSON, external_id__in=ids[start : start + MATCH_BATCH]
            ).values_list("external_id", "person_id")
        )
    remaining = []
    seen: list[tuple[PlannedPerson, int]] = []
    for person in planned:
        if person.external_id in known:
            seen.append((person, known[person.external_id]))
        else:
            remaining.append(person)
    planned[:] = remaining
    find_changes(actor, seen, plan)


def _identity(person: PlannedPerson) -> tuple[str, str] | None:
    if not person.names:
        return None
    return match_key(person.names[0]["text"]), person.fields.get("birth_date", "")


def find_repeats(planned: list[PlannedPerson], plan: Plan) -> None:
    first_by_id: dict[str, int] = {}
    first_by_identity: dict[tuple[str, str], int] = {}
    for person in planned:
        earlier = first_by_id.setdefault(person.external_id, person.row)
        if earlier != person.row and not person.id_given:
            plan.problems.append(
                Problem(person.row, "", _("This row repeats row %(row)d.") % {"row": earlier})
            )
            continue
        if earlier != person.row:
            plan.problems.append(
                Problem(
                    person.row,
                    "id",
                    _("The ID “%(id)s” is already used by row %(row)d.")
                    % {"id": person.external_id, "row": earlier},
                )
            )
            continue
        identity = _identity(person)
        if identity is None or not identity[0]:
            continue
        earlier = first_by_identity.setdefault(identity, person.row)
        if earlier != person.row:
            plan.problems.append(
                Problem(
                    person.row,
                    "",
                    _("This row repeats row %(row)d: the same name and birth date.")
                    % {"row": earlier},
                )
            )


def hold_likely_duplicates(actor: Any, planned: list[PlannedPerson], plan: Plan) -> None:
    """Rows whose person the registry seems to hold already (the same name, read alike in any
    script, and no other birth year) are held back for review rather than created twice."""
    by_key: dict[str, list[PlannedPerson]] = {}
    for person in planned:
        for name in person.names:
            key = match_key(name["text"])
            if key:
                by_key.setdefault(key, []).append(person)
    keys = list(by_key)
    existing: dict[int, set[int]] = {}  # row -> persons already in the registry
    visible = access.persons_visible_to(actor)
    for start in range(0, len(keys), MATCH_BATCH):
        rows = (
            Name.objects.filter(match_key__in=keys[start : start + MATCH_BATCH])
            .filter(person__in=visible)
            .values_list("match_key", "person_id", "person__birth_year")
        )
        for key, person_id, birth_year in rows:
            for person in by_key[key]:
                year = _year_of(person.fields.get("birth_date", ""))
                if year is None or birth_year is None or year == birth_year:
                    existing.setdefault(person.row, set()).add(person_id)
    kept = []
    for person in planned:
        if person.row in existing:
            plan.held_for_review.append(
                (person.row, person.external_id, sorted(existing[person.row]))
            )
        else:
            kept.append(person)
    plan.to_create = kept


def _year_of(text: str) -> int | None:
    try:
        return PartialDate.parse(text).year if text else None
    except InvalidPartialDate:
        return None
