"""The reference data an export's records point to: places (with the places they lie in) and
facilities, so that an archive restores into an empty instance without loading them first.

A place goes by its GB/T 2260 code, or its English name when it has none (as records name it,
see :func:`~guwah.imports.export.records.place_ref`); a facility by its English name, as the
facilities loader matches it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from guwah.registry.models import Facility, Place
from guwah.registry.services.reference import FACILITY_FIELDS, PLACE_FIELDS


def place_key(place: Place) -> str:
    return place.code or place.name_en


def place_records(place_ids: Iterable[int | None]) -> list[dict[str, Any]]:
    """The places ``place_ids`` and every place they lie in, ordered by their keys."""
    found: dict[int, Place] = {}
    wanted = {pk for pk in place_ids if pk is not None}
    # Up the hierarchy a level at a time: a handful of queries, however many records.
    while wanted:
        level = Place.objects.in_bulk(list(wanted))
        found.update(level)
        wanted = {p.parent_id for p in level.values() if p.parent_id is not None} - set(found)
    records = []
    for place in found.values():
        parent = found.get(place.parent_id) if place.parent_id is not None else None
        record = {name: getattr(place, name) for name in PLACE_FIELDS}
        record["key"] = place_key(place)
        record["parent"] = place_key(parent) if parent is not None else None
        records.append(record)
    return sorted(records, key=lambda record: (record["key"], record["level"]))


def facility_records(facility_ids: Iterable[int | None]) -> list[dict[str, Any]]:
    """The facilities ``facility_ids``, ordered by their English names."""
    facilities = Facility.objects.filter(
        pk__in={pk for pk in facility_ids if pk is not None}
    ).select_related("place")
    records = []
    for facility in facilities:
        record = {name: getattr(facility, name) for name in FACILITY_FIELDS}
        record["place"] = place_key(facility.place) if facility.place else None
        records.append(record)
    return sorted(records, key=lambda record: record["name_en"])
