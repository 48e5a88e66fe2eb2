"""Loading the gazetteer of camps and prisons from a sourced CSV file: all or nothing.

Every row is checked before anything is written, and the whole file is written in one
transaction; a facility already recorded under the same English name is updated, so loading the
same file twice changes nothing. Coordinates are taken only with their source.

Columns: ``name_en`` (required), ``name_ug`` (Uyghur, Arabic script), ``name_ug_latn``,
``name_zh``, ``kind`` (camp, prison, detention_centre, police_station, factory, other),
``security_tier`` (1–4), ``place_code`` (the GB/T 2260 code of its county), ``latitude``,
``longitude``, ``coordinates_source``, ``built``, ``expanded`` (partial dates), ``source``
(where the entry comes from: required) and ``synthetic`` (true for demonstration data).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import Facility, Place, describe_invalid_date
from guwah.registry.services.checks import as_history_of, require

COLUMNS = (
    "name_en",
    "name_ug",
    "name_ug_latn",
    "name_zh",
    "kind",
    "security_tier",
    "place_code",
    "latitude",
    "longitude",
    "coordinates_source",
    "built",
    "expanded",
    "source",
    "synthetic",
)
_TEXTS = ("name_en", "name_ug", "name_ug_latn", "name_zh", "coordinates_source", "source")


@dataclass
class FacilityLoadReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _number(value: str, low: float, high: float, what: str) -> float | None:
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        message = _("%(what)s “%(value)s” is not a number.")
        raise ValueError(message % {"what": what, "value": value}) from None
    if not low <= number <= high:
        raise ValueError(
            _("%(what)s %(value)s is outside %(low)s–%(high)s.")
            % {"what": what, "value": value, "low": low, "high": high}
        )
    return number


def _date(value: str) -> str:
    if not value.strip():
        return ""
    try:
        return PartialDate.parse(value).edtf()
    except InvalidPartialDate as error:
        raise ValueError(describe_invalid_date(error)) from error


def _row_fields(row: Mapping[str, str], places: dict[str, Place]) -> dict[str, Any]:
    """The facility's fields from one row, or ValueError saying what is wrong with it."""
    value = {column: (row.get(column) or "").strip() for column in COLUMNS}
    problems = []
    fields: dict[str, Any] = {text: value[text] for text in _TEXTS}
    if not value["name_en"]:
        problems.append(_("name_en is empty."))
    if not value["source"]:
        problems.append(_("source is empty: every entry needs its source."))
    if value["kind"] not in Facility.Kind.values:
        problems.append(_("kind “%(kind)s” is not a kind of facility.") % {"kind": value["kind"]})
    fields["kind"] = value["kind"]
    checks = (
        ("security_tier", lambda v: _number(v, 1, 4, _("The security tier"))),
        ("latitude", lambda v: _number(v, -90, 90, _("The latitude"))),
        ("longitude", lambda v: _number(v, -180, 180, _("The longitude"))),
        ("built", _date),
        ("expanded", _date),
    )
    for column, check in checks:
        try:
            fields[column] = check(value[column])
        except ValueError as error:
            problems.append(str(error))
    if fields.get("security_tier") is not None:
        if fields["security_tier"] != int(fields["security_tier"]):
            problems.append(_("The security tier is a whole number from 1 to 4."))
        else:
            fields["security_tier"] = int(fields["security_tier"])
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        problems.append(_("Give both the latitude and the longitude, or neither."))
    if fields.get("latitude") is not None and not value["coordinates_source"]:
        problems.append(_("Coordinates need their source (coordinates_source)."))
    fields["place"] = None
    if value["place_code"]:
        fields["place"] = places.get(value["place_code"])
        if fields["place"] is None:
            problems.append(
                _("No place has the code %(code)s (load the gazetteer first).")
                % {"code": value["place_code"]}
            )
    fields["synthetic"] = value["synthetic"].lower() in ("true", "yes", "1")
    if problems:
        raise ValueError(" ".join(problems))
    return fields


def read_facilities_csv(text: str) -> list[dict[str, str]]:
    """The rows of a facilities CSV file (UTF-8 text, a header row naming the columns)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"name_en", "kind", "source"} - set(reader.fieldnames or [])
    if missing:
        raise ValidationError(
            _("The file lacks the columns %(columns)s.") % {"columns": ", ".join(sorted(missing))}
        )
    return list(reader)


def load_facilities(actor: Any, rows: Iterable[Mapping[str, str]]) -> FacilityLoadReport:
    """Check every row, then add or update every facility in one transaction; one bad row
    refuses the whole file, with each problem and its line."""
    require(access.can_manage_reference_data(actor), _("You may not change the reference data."))
    rows = list(rows)
    places = {place.code: place for place in Place.objects.exclude(code="")}
    wanted: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        try:
            fields = _row_fields(row, places)
        except ValueError as error:
            problems.append(_("Line %(line)s: %(problem)s") % {"line": line, "problem": error})
            continue
        if fields["name_en"] in seen:
            problems.append(
                _("Line %(line)s: %(name)s appears twice.")
                % {"line": line, "name": fields["name_en"]}
            )
        seen.add(fields["name_en"])
        wanted.append(fields)
    if problems:
        raise ValidationError(problems)
    report = FacilityLoadReport()
    existing = {
        facility.name_en: facility for facility in Facility.objects.filter(name_en__in=seen)
    }
    with transaction.atomic():
        for fields in wanted:
            facility = existing.get(fields["name_en"])
            if facility is None:
                facility = Facility(**fields)
                report.added += 1
            elif all(getattr(facility, key) == value for key, value in fields.items()):
                report.unchanged += 1
                continue
            else:
                for key, value in fields.items():
                    setattr(facility, key, value)
                report.updated += 1
            facility.full_clean()
            as_history_of(facility, actor)
            facility.save()
    return report
