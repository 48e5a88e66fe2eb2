"""Adding one place or one facility as another instance recorded it.

The gazetteer loader (:mod:`guwah.registry.places`) and the facilities loader
(:mod:`guwah.registry.services.facilities`) bring reference data from their checked source
files. Restoring an export brings the places and facilities its records point to, exactly as
the exporting instance held them (a facility without a recorded source included): each is
added here, checked by the model's own rules, with its history row under the restoring user.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.models import Facility, Place
from guwah.registry.services.checks import as_history_of, only_fields, require

PLACE_FIELDS = (
    "code",
    "level",
    "name_en",
    "name_ug_arab",
    "name_ug_latn",
    "name_zh",
    "pinyin",
    "latitude",
    "longitude",
    "source",
)
FACILITY_FIELDS = (
    "kind",
    "name_en",
    "name_ug",
    "name_ug_latn",
    "name_zh",
    "latitude",
    "longitude",
    "security_tier",
    "coordinates_source",
    "built",
    "expanded",
    "source",
    "synthetic",
)


def add_place(actor: Any, *, parent: Place | None = None, **fields: Any) -> Place:
    """Add a place of the gazetteer, within ``parent``; refused if the fields do not hold."""
    require(access.can_manage_reference_data(actor), _("You may not change the reference data."))
    only_fields("add_place", fields, PLACE_FIELDS)
    place = Place(parent=parent, **fields)
    place.full_clean()
    with transaction.atomic():
        as_history_of(place, actor)
        place.save()
    return place


def add_facility(actor: Any, *, place: Place | None = None, **fields: Any) -> Facility:
    """Add a camp, prison or other facility at ``place``; refused if the fields do not hold."""
    require(access.can_manage_reference_data(actor), _("You may not change the reference data."))
    only_fields("add_facility", fields, FACILITY_FIELDS)
    facility = Facility(place=place, **fields)
    facility.full_clean()
    with transaction.atomic():
        as_history_of(facility, actor)
        facility.save()
    return facility
