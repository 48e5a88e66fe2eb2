"""One row of a table read into the person it describes, or into the problems it has."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guwah.imports.plan.cells import read_date
from guwah.imports.plan.columns import (
    DATE_COLUMNS,
    EVENT_COLUMNS,
    FALSE,
    FLAG_COLUMNS,
    NAME_COLUMNS,
    SEXES,
    STATUS_EVENTS,
    TRUE,
)
from guwah.imports.plan.outcome import PlannedPerson, Problem
from guwah.imports.readers import Cell, cells_as_text
from guwah.names import scripts
from guwah.registry import access, timeline
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import (
    Event,
    Facility,
    Name,
    Person,
    Place,
    Script,
    Visibility,
    describe_invalid_date,
)
from guwah.registry.services import problem_message
from guwah.registry.status import entries_of

_SOURCE_SPLIT = re.compile(r"[\s;]+")
# Read once: the enum's ``values`` builds its list anew on every call.
_SCRIPTS = frozenset(Script.values)


def detect_script(text: str) -> str:
    """As the registry's ``services.detect_script``: the script of a name, or informal Latin."""
    detected = scripts.detect_script(text)
    return detected if detected in _SCRIPTS else Script.INFORMAL_LATIN


def _family(script: str) -> str:
    return script.split("-")[1] if "-" in script else script


def _places_by_name() -> dict[str, Place]:
    known: dict[str, Place] = {}
    for place in Place.objects.all():
        for value in (place.name_en, place.name_ug_arab, place.name_ug_latn, place.name_zh):
            if value:
                known.setdefault(value.strip().lower(), place)
        if place.pinyin:
            known.setdefault(place.pinyin.strip().lower(), place)
        if place.code:
            known[place.code] = place
    return known


def _facilities_by_name() -> dict[str, Facility]:
    known: dict[str, Facility] = {}
    for facility in Facility.objects.all():
        for value in (facility.name_en, facility.name_ug, facility.name_zh):
            if value:
                known.setdefault(value.strip().lower(), facility)
    return known


def field_errors(fields: dict[str, Any], values: dict[str, Any]) -> dict[str, list[str]]:
    """The messages of a model's own field checks (``clean_fields``) on ``values`` alone, by
    field name: what ``Model(**values).clean_fields(exclude=<every other field>)`` raises,
    without building a model instance per row (the checks of these fields read no other)."""
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        field = fields[name]
        if field.blank and value in field.empty_values:
            continue
        try:
            field.clean(value, None)
        except ValidationError as error:
            errors[name] = error.messages
    return errors


def row_digest(cells: Iterable[str]) -> str:
    """The external ID of a row without one: a digest of its cells, the same on every import."""
    joined = "\x1f".join(cells)
    return "row-" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]


class RowReader:
    def __init__(self, actor: Any, header: list[str], columns: dict[int, str], source: str):
        self.actor = actor
        self.header = header
        self.columns = columns
        self.source = source
        self.places = _places_by_name()
        self.facilities = _facilities_by_name()
        self.may_add_sources = access.can_add_evidence(actor)
        self.may_publish = access.can_publish(actor)
        # The model checks are run on the fields a row fills; the others are the defaults.
        self.person_fields = {f.name: f for f in Person._meta.concrete_fields}
        self.name_fields = {f.name: f for f in Name._meta.concrete_fields}

    def read(self, number: int, cells: list[Cell], problems: list[Problem]) -> PlannedPerson:
        values: dict[str, Cell] = {}
        where: dict[str, str] = {}
        for index, target in self.columns.items():
            cell = cells[index] if index < len(cells) else None
            if target in values and cells_as_text([values[target]])[0]:
                continue  # two columns mapped to one field: the first one filled wins
            values[target] = cell
            where[target] = self.header[index]

        texts = dict(zip(values, cells_as_text(list(values.values())), strict=True))

        def text(name: str) -> str:
            return texts.get(name, "")

        def problem(name: str, message: str) -> None:
            problems.append(Problem(number, where.get(name, name), message))

        given_id = text("id")
        external_id = given_id or row_digest(cells_as_text(cells))
        if self.source:
            external_id = f"{self.source}:{external_id}"
        names: list[dict[str, str]] = []
        for column, script in NAME_COLUMNS.items():
            value = text(column)
            if not value:
                continue
            detected = detect_script(value)
            if script and _family(detected) != _family(script):
                problem(
                    column,
                    _("“%(name)s” is written in %(found)s, but this column holds %(expected)s.")
                    % {
                        "name": value,
                        "found": Script(detected).label,
                        "expected": Script(script).label,
                    },
                )
                continue
            kind = Name.Kind.PRIMARY if not names else Name.Kind.ALIAS
            if script == Script.CHINESE and names:
                kind = Name.Kind.OFFICIAL_CHINESE
            candidate = {"text": value, "script": script or detected, "kind": kind}
            # The model's own checks (length, characters that reorder text or do not show),
            # so that the dry run finds what the service would refuse at the commit.
            refused = field_errors(self.name_fields, candidate)
            if refused:
                for messages in refused.values():
                    for message in messages:
                        problem(column, message)
                continue
            names.append(candidate)
        if not names:
            problem("name", _("The row has no name."))
        fields: dict[str, Any] = {"visibility": Visibility.RESTRICTED}
        sex = text("sex").lower()
        if sex not in SEXES:
            problem(
                "sex", _("“%(value)s” is not a sex Guwah records (f, m or empty).") % {"value": sex}
            )
        else:
            fields["sex"] = SEXES[sex]
        for column in ("ethnicity", "occupation", "notes"):
            if column in values:
                fields[column] = text(column)
        dates: dict[str, str] = {}
        for column in DATE_COLUMNS:
            if column not in values:
                continue
            try:
                dates[column] = read_date(values[column])
            except InvalidPartialDate as exc:
                problem(column, describe_invalid_date(exc))
        if dates.get("birth_date"):
            fields["birth_date"] = dates["birth_date"]
        hometown = text("hometown")
        if hometown:
            place = self.places.get(hometown.lower())
            if place is None:
                problem(
                    "hometown",
                    _("No place in the registry is called “%(place)s”.") % {"place": hometown},
                )
            fields["hometown"] = place
        for column in FLAG_COLUMNS:
            value = text(column).lower()
            if value in TRUE:
                fields[column] = True
            elif value not in FALSE:
                problem(column, _("Write yes or no, not “%(value)s”.") % {"value": value})
        visibility = text("visibility").lower()
        if visibility:
            if visibility not in Visibility.values:
                problem("visibility", _("“%(value)s” is not a visibility.") % {"value": visibility})
            elif visibility == Visibility.PUBLIC and not self.may_publish:
                problem("visibility", _("Only a reviewer or an administrator may publish."))
            else:
                fields["visibility"] = visibility
        if fields["visibility"] == Visibility.PUBLIC and not fields.get("consent_publish"):
            problem("visibility", _("A record is made public only with the family's consent."))
        given = {k: v for k, v in fields.items() if k not in ("hometown", "birth_date")}
        # Only the fields the row fills: the others keep their defaults, valid by design.
        for name, messages in field_errors(self.person_fields, given).items():
            for message in messages:
                problem(name, message)
        events = self._events(values, dates, text, problem)
        sources = [s for s in _SOURCE_SPLIT.split(text("source")) if s]
        testimony_text = text("testimony")
        testimony: dict[str, str] | None = None
        if testimony_text.startswith(("http://", "https://")):
            sources.append(testimony_text)
        elif testimony_text:
            witness = text("witness")
            if not witness:
                problem("testimony", _("Say who gave the testimony, in a witness column."))
            testimony = {"witness_name": witness, "text": testimony_text}
        if sources and not self.may_add_sources:
            problem("source", _("Only the organisation's staff file sources as evidence."))
        self._check_timeline(fields.get("birth_date", ""), events, number, problems)
        return PlannedPerson(
            row=number,
            external_id=external_id,
            names=names,
            fields=fields,
            events=events,
            sources=sources,
            testimony=testimony,
            id_given=bool(given_id),
            given=frozenset(name for name in values if text(name)),
        )

    def _events(
        self,
        values: dict[str, Cell],
        dates: dict[str, str],
        text: Callable[[str], str],
        problem: Callable[[str, str], None],
    ) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        for column, kind in EVENT_COLUMNS.items():
            if dates.get(column):
                events.append({"kind": kind, "date": dates[column]})
        status = text("status").lower()
        if status:
            reported = STATUS_EVENTS.get(status)
            if reported is None:
                problem(
                    "status",
                    _("“%(value)s” is not a status Guwah reads; write one of: %(known)s.")
                    % {"value": status, "known": ", ".join(sorted(STATUS_EVENTS))},
                )
            elif not any(event["kind"] == reported for event in events):
                events.append({"kind": reported, "date": ""})
        facility_name = text("facility")
        if facility_name:
            facility = self.facilities.get(facility_name.lower())
            if facility is None:
                problem(
                    "facility",
                    _("No facility in the registry is called “%(name)s”.")
                    % {"name": facility_name},
                )
            held = [
                e for e in events if e["kind"] in ("camp", "prison", "custody", "forced_labour")
            ]
            if held:
                held[0]["facility"] = facility
        months = text("sentence_months")
        if months:
            sentence = [e for e in events if e["kind"] == Event.Kind.SENTENCE]
            if not months.isdigit():
                problem("sentence_months", _("A sentence length is a number of months."))
            elif not sentence:
                problem("sentence_months", _("A sentence length needs a sentence date."))
            else:
                sentence[0]["sentence_months"] = int(months)
        reason = text("stated_reason")
        if reason and events:
            events[0]["stated_reason"] = reason
        return events

    def _check_timeline(
        self, birth_date: str, events: list[dict[str, Any]], number: int, problems: list[Problem]
    ) -> None:
        try:
            birth = PartialDate.parse(birth_date) if birth_date else None
            unsaved = [
                Event(kind=e["kind"], date=e["date"], sentence_months=e.get("sentence_months"))
                for e in events
            ]
            found = timeline.timeline_problems(birth, entries_of(unsaved))
        except InvalidPartialDate:
            return  # already reported with its column
        for found_problem in found:
            problems.append(Problem(number, "", problem_message(found_problem)))
