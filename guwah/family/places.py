"""The hometown picker: every county of the region, named in the reader's script and grouped
by prefecture (Ghulja for a Uyghur reader, 伊宁 for a Chinese one)."""

from __future__ import annotations

from dataclasses import dataclass

from guwah.registry.models import Place


@dataclass(frozen=True)
class PlaceGroup:
    name: str
    places: list[tuple[int, str]]


def place_name(place: Place, language: str) -> str:
    """The place's name for a reader of ``language``, falling back to English."""
    short = (language or "en").lower()[:2]
    if short == "ug":
        return place.name_ug_arab or place.name_en
    if short == "zh":
        return place.name_zh or place.name_en
    if short == "tr":
        return place.name_ug_latn or place.name_en
    return place.name_en


def county_choices(language: str) -> list[PlaceGroup]:
    """Counties (and county-level cities) under their prefecture, in the reader's script."""
    places = list(
        Place.objects.filter(level__in=[Place.Level.PREFECTURE, Place.Level.COUNTY]).only(
            "pk", "level", "parent_id", "name_en", "name_ug_arab", "name_ug_latn", "name_zh"
        )
    )
    prefectures = {p.pk: p for p in places if p.level == Place.Level.PREFECTURE}
    groups: dict[int | None, list[tuple[int, str]]] = {}
    for place in places:
        if place.level == Place.Level.COUNTY:
            groups.setdefault(place.parent_id, []).append((place.pk, place_name(place, language)))
    result = []
    for parent_id, counties in groups.items():
        parent = prefectures.get(parent_id) if parent_id is not None else None
        title = place_name(parent, language) if parent is not None else ""
        result.append(PlaceGroup(title, sorted(counties, key=lambda item: item[1])))
    # Prefectures with no county of their own are offered as places themselves.
    lone = [(p.pk, place_name(p, language)) for p in prefectures.values() if p.pk not in groups]
    if lone:
        result.append(PlaceGroup("", sorted(lone, key=lambda item: item[1])))
    return sorted(result, key=lambda group: group.name)
