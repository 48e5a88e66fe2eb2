"""The dry run: every row of a table read into the persons it would create, and every problem.

Nothing is written here. A row becomes a :class:`PlannedPerson` (names, fields, events,
sources, testimony) or one or more :class:`Problem` naming its row and column: a date that is
not one, a place or facility the registry does not know, a name in another script than its
column says, a row repeating another, an impossible timeline. A row whose person the registry
already seems to hold is held back for review instead of being created twice, and a row whose
external ID an earlier import recorded is skipped: importing a file again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guwah.imports.models import ImportedRecord
from guwah.imports.readers import Cell, Table, cells_as_text
from guwah.names.match import match_key
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
from guwah.registry.services import detect_script, problem_message
from guwah.registry.status import entries_of

# Guwah's own column names: a file whose header uses them needs no mapping.
NAME_COLUMNS = {
    "name": "",  # any script, recognised from the text
    "name_ug_arab": Script.UYGHUR_ARABIC,
    "name_ug_latn": Script.UYGHUR_LATIN,
    "name_ug_cyrl": Script.UYGHUR_CYRILLIC,
    "name_zh": Script.CHINESE,
    "name_pinyin": Script.PINYIN,
    "name_latin": Script.INFORMAL_LATIN,
}
PERSON_COLUMNS = ("sex", "birth_date", "ethnicity", "hometown", "occupation", "notes")
FLAG_COLUMNS = ("consent_publish", "consent_share_un", "consent_name_witness", "synthetic")
EVENT_COLUMNS = {f"{kind}_date": kind for kind in Event.Kind.values}
EVENT_DETAIL_COLUMNS = ("facility", "sentence_months", "stated_reason")
OTHER_COLUMNS = ("id", "visibility", "status", "source", "testimony", "witness")
FIELDS = frozenset(
    [
        *NAME_COLUMNS,
        *PERSON_COLUMNS,
        *FLAG_COLUMNS,
        *EVENT_COLUMNS,
        *EVENT_DETAIL_COLUMNS,
        *OTHER_COLUMNS,
    ]
)
DATE_COLUMNS = frozenset(["birth_date", *EVENT_COLUMNS])

# What the status column of a published list says, as the event it reports (without a date).
STATUS_EVENTS = {
    "detained": Event.Kind.CAMP_DETENTION,
    "in camp": Event.Kind.CAMP_DETENTION,
    "camp": Event.Kind.CAMP_DETENTION,
    "arrested": Event.Kind.ARREST,
    "sentenced": Event.Kind.SENTENCE,
    "in prison": Event.Kind.PRISON,
    "imprisoned": Event.Kind.PRISON,
    "released": Event.Kind.RELEASE,
    "died": Event.Kind.REPORTED_DEATH,
    "dead": Event.Kind.REPORTED_DEATH,
    "disappeared": Event.Kind.DISAPPEARANCE,
    "missing": Event.Kind.DISAPPEARANCE,
    "lost contact": Event.Kind.LOST_CONTACT,
}
SEXES = {
    "f": "f",
    "female": "f",
    "woman": "f",
    "ayal": "f",
    "女": "f",
    "m": "m",
    "male": "m",
    "man": "m",
    "er": "m",
    "男": "m",
    "": "",
    "unknown": "",
}
TRUE = {"1", "true", "yes", "y", "x"}
FALSE = {"", "0", "false", "no", "n"}

# Excel counts days from 30 December 1899; a number this large in a date column is such a
# count, not a year.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = range(3000, 80000)
_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_CHINESE_DATE = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$")
_SOURCE_SPLIT = re.compile(r"[\s;]+")
MATCH_BATCH = 500


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class PlannedPerson:
    row: int
    external_id: str
    names: list[dict[str, str]]
    fields: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    testimony: dict[str, str] | None = None
    id_given: bool = True


@dataclass
class Plan:
    """What an import would do: persons to create, rows skipped or held back, problems."""

    to_create: list[PlannedPerson] = field(default_factory=list)
    already_imported: list[int] = field(default_factory=list)
    held_for_review: list[tuple[int, str, list[int]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    total_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class MappingError(ValueError):
    """A column mapping that names a field Guwah does not have."""


def columns_of(header: list[str], mapping: Mapping[str, Any] | None = None) -> dict[int, str]:
    """Which field each column of ``header`` fills: the mapping's choice, or the header itself
    when it is one of Guwah's own field names (in any case, with spaces for underscores)."""
    chosen: dict[str, str | None] = {}
    if mapping:
        columns = mapping.get("columns", mapping)
        if not isinstance(columns, Mapping):
            raise MappingError(_("A mapping is a JSON object of column header → field."))
        for header_name, target in columns.items():
            if target and target not in FIELDS:
                raise MappingError(
                    _(
                        "The mapping names “%(field)s”, which is not a field. "
                        "The fields are: %(fields)s."
                    )
                    % {"field": target, "fields": ", ".join(sorted(FIELDS))}
                )
            chosen[str(header_name).strip()] = target or None
    result: dict[int, str] = {}
    for index, name in enumerate(header):
        if name in chosen:
            target = chosen[name]
        else:
            normalised = name.strip().lower().replace(" ", "_")
            target = normalised if normalised in FIELDS else None
        if target:
            result[index] = target
    return result


def excel_date(value: Cell) -> str | None:
    """An Excel date (a date cell, or a serial day count) as an ISO date; None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 5:
        number = float(value.strip())
    if number is not None and int(number) in EXCEL_SERIALS:
        return (EXCEL_EPOCH + dt.timedelta(days=int(number))).isoformat()
    return None


def read_date(value: Cell) -> str:
    """A date cell as Guwah's partial-date text; raises InvalidPartialDate."""
    from_excel = excel_date(value)
    if from_excel:
        return from_excel
    text = cells_as_text([value])[0]
    if not text:
        return ""
    for pattern, order in ((_SLASHED, (1, 2, 3)), (_CHINESE_DATE, (1, 2, 3))):
        match = pattern.match(text)
        if match:
            parts = [match.group(i) for i in order]
            text = "-".join(f"{int(p):02d}" if i else p for i, p in enumerate(parts) if p)
            break
    else:
        day_first = _DAY_FIRST.match(text)
        if day_first:
            day, month, year = day_first.groups()
            text = f"{year}-{int(month):02d}-{int(day):02d}"
    return PartialDate.parse(text).edtf()


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


def row_digest(cells: Iterable[str]) -> str:
    """The external ID of a row without one: a digest of its cells, the same on every import."""
    joined = "\x1f".join(cells)
    return "row-" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]


class _RowReader:
    def __init__(self, actor: Any, header: list[str], columns: dict[int, str], source: str):
        self.actor = actor
        self.header = header
        self.columns = columns
        self.source = source
        self.places = _places_by_name()
        self.facilities = _facilities_by_name()
        self.may_add_sources = access.can_add_evidence(actor)
        self.may_publish = access.can_publish(actor)

    def read(self, number: int, cells: list[Cell], problems: list[Problem]) -> PlannedPerson:
        values: dict[str, Cell] = {}
        where: dict[str, str] = {}
        for index, target in self.columns.items():
            cell = cells[index] if index < len(cells) else None
            if target in values and cells_as_text([values[target]])[0]:
                continue  # two columns mapped to one field: the first one filled wins
            values[target] = cell
            where[target] = self.header[index]

        def text(name: str) -> str:
            return cells_as_text([values.get(name)])[0]

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
            try:
                Name(**candidate).clean_fields(exclude=["person", "uly", "match_key"])
            except ValidationError as error:
                for message in error.messages:
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
        try:
            Person(**{k: v for k, v in fields.items() if k != "hometown"}).clean_fields(
                exclude=["hometown", "photo", "birth_date"]
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
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


def plan_import(
    actor: Any,
    table: Table,
    mapping: Mapping[str, Any] | None = None,
    *,
    source: str = "",
) -> Plan:
    """Read every row of ``table`` and say what importing it as ``actor`` would do."""
    plan = Plan(total_rows=len(table.rows))
    columns = columns_of(table.header, mapping)
    plan.ignored_columns = [
        name for index, name in enumerate(table.header) if index not in columns and name
    ]
    if not any(target in NAME_COLUMNS for target in columns.values()):
        plan.problems.append(
            Problem(
                None,
                "",
                _(
                    "No column holds a name. Name a column “name” (or name_ug_arab, name_zh, "
                    "…) or map one to it."
                ),
            )
        )
        return plan
    reader = _RowReader(actor, table.header, columns, source)
    planned: list[PlannedPerson] = []
    for number, cells in table.rows:
        planned.append(reader.read(number, cells, plan.problems))
    _skip_imported(planned, plan)
    _find_repeats(planned, plan)
    _hold_likely_duplicates(actor, planned, plan)
    plan.problems.sort(key=lambda p: (p.row or 0, p.column))
    return plan


def _skip_imported(planned: list[PlannedPerson], plan: Plan) -> None:
    known: set[str] = set()
    ids = [p.external_id for p in planned]
    for start in range(0, len(ids), MATCH_BATCH):
        known.update(
            ImportedRecord.objects.filter(
                kind=ImportedRecord.Kind.PERSON, external_id__in=ids[start : start + MATCH_BATCH]
            ).values_list("external_id", flat=True)
        )
    remaining = []
    for person in planned:
        if person.external_id in known:
            plan.already_imported.append(person.row)
        else:
            remaining.append(person)
    planned[:] = remaining


def _identity(person: PlannedPerson) -> tuple[str, str] | None:
    if not person.names:
        return None
    return match_key(person.names[0]["text"]), person.fields.get("birth_date", "")


def _find_repeats(planned: list[PlannedPerson], plan: Plan) -> None:
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


def _hold_likely_duplicates(actor: Any, planned: list[PlannedPerson], plan: Plan) -> None:
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
