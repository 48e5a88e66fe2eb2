"""The gazetteer of camps and prisons, and the map of hometowns and facilities.

Facilities are reference data shared by every record, so all of them are public; who was held
in one is read as any public list is, and leaves out the entries published anonymously (their
pages do not name a facility). Hometowns are drawn by county, for the same reason without the
anonymous entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from guwah.public.reading.base import MAX_KEY, describe_date
from guwah.public.reading.criteria import Criteria
from guwah.public.reading.facets import facet
from guwah.registry.models import Facility, Place

_KINDS = dict(Facility.Kind.choices)


@dataclass(frozen=True)
class PublicFacility:
    pk: int
    name_en: str
    name_ug: str
    name_ug_latn: str
    name_zh: str
    kind: str
    kind_label: str
    security_tier: int | None
    place: str
    latitude: float | None
    longitude: float | None
    coordinates_source: str
    built: str
    expanded: str
    source: str
    synthetic: bool


_FIELDS = (
    "pk",
    "name_en",
    "name_ug",
    "name_ug_latn",
    "name_zh",
    "kind",
    "security_tier",
    "place__name_en",
    "latitude",
    "longitude",
    "coordinates_source",
    "built",
    "expanded",
    "source",
    "synthetic",
)


def _facility(row: dict) -> PublicFacility:
    return PublicFacility(
        pk=row["pk"],
        name_en=row["name_en"],
        name_ug=row["name_ug"],
        name_ug_latn=row["name_ug_latn"],
        name_zh=row["name_zh"],
        kind=row["kind"],
        kind_label=str(_KINDS.get(row["kind"], row["kind"])),
        security_tier=row["security_tier"],
        place=row["place__name_en"] or "",
        latitude=row["latitude"],
        longitude=row["longitude"],
        coordinates_source=row["coordinates_source"],
        built=describe_date(row["built"]),
        expanded=describe_date(row["expanded"]),
        source=row["source"],
        synthetic=row["synthetic"],
    )


def public_facilities() -> list[PublicFacility]:
    """Every facility of the gazetteer, by English name."""
    return [_facility(row) for row in Facility.objects.order_by("name_en", "pk").values(*_FIELDS)]


def public_facility(pk: int) -> PublicFacility | None:
    if not 0 < pk <= MAX_KEY:
        return None
    row = Facility.objects.filter(pk=pk).values(*_FIELDS).first()
    return _facility(row) if row else None


def map_data() -> dict[str, list[dict]]:
    """What the memorial's map draws: facilities as points with their tier, and the published
    persons' hometowns as circles at their county seats, each linked to its list."""
    facilities = [
        {
            "name": found.name_en,
            "tier": found.security_tier,
            "kind": found.kind_label,
            "lat": found.latitude,
            "lon": found.longitude,
            "url": reverse("memorial:facility", kwargs={"pk": found.pk}),
        }
        for found in public_facilities()
        if found.latitude is not None and found.longitude is not None
    ]
    counts = {int(found.value): found for found in facet("county", Criteria())}
    seats = Place.objects.filter(pk__in=counts, latitude__isnull=False, longitude__isnull=False)
    counties = [
        {
            "name": seat.name_en,
            "count": counts[seat.pk].count,
            "lat": seat.latitude,
            "lon": seat.longitude,
            "url": reverse("memorial:person_list") + f"?county={seat.pk}",
        }
        for seat in seats.only("pk", "name_en", "latitude", "longitude")
    ]
    return {"facilities": facilities, "counties": counties}
