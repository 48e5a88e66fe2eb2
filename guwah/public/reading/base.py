"""What every public read starts from: the published records, the filters, the places at the
precision a level allows, and the labels shown for stored values."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import get_language

from guwah.registry import status as registry_status
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import (
    PLACE_DEPTH,
    Event,
    Evidence,
    Person,
    Place,
    Testimony,
    Visibility,
)
from guwah.registry.verification import VERIFICATION_MEANINGS, Verification


def published() -> QuerySet[Person]:
    return Person.objects.filter(visibility=Visibility.PUBLIC, consent_publish=True)


def published_sources(model: type[Testimony] | type[Evidence]) -> QuerySet:
    return model.objects.filter(visibility=Visibility.PUBLIC, consent_publish=True)


def describe_date(text: str) -> str:
    """A stored partial date in the reader's words ("around May 2017", not "2017-05~")."""
    if not text:
        return ""
    try:
        return PartialDate.parse(text).in_words(get_language() or "en")
    except InvalidPartialDate:
        return ""


# The largest key a database column holds: a larger number names no record (and would not fit
# into a query's parameter).
MAX_KEY = 2**63 - 1

EVENT_LABELS = dict(Event.Kind.choices)
VERIFICATION_LABELS = dict(Verification.choices)


def verification_label(value: str) -> str:
    return str(VERIFICATION_LABELS.get(value, value))


def verification_meaning(value: str) -> str:
    meaning = VERIFICATION_MEANINGS.get(Verification(value)) if value in VERIFICATION_LABELS else ""
    return str(meaning or "")


EVIDENCE_KINDS = dict(Evidence.Kind.choices)
RELIABILITY = dict(Evidence.Reliability.choices)
SEXES = {key: label for key, label in Person.Sex.choices if key}


def places_by_pk(pks: Iterable[int | None]) -> dict[int, Place]:
    wanted = {pk for pk in pks if pk is not None}
    places = Place.objects.filter(pk__in=wanted).only("pk", "name_en", "level", "parent_id")
    return {place.pk: place for place in places}


def status_label(value: str) -> str:
    return str(registry_status.STATUS_LABELS.get(value, value))


# A place shown at the partial level: the county, or the place itself when it is coarser.
_COUNTY_OR_COARSER = (Place.Level.COUNTY, Place.Level.PREFECTURE, Place.Level.REGION)


def county_or_coarser(path: str) -> models.Case:
    """The place at ``path`` (a foreign key to :class:`Place`), or its nearest ancestor that is
    a county or coarser, as a column: the precision the partial level shows a place at."""
    whens = []
    for depth in range(PLACE_DEPTH):
        link = path + "__parent" * depth
        whens.append(models.When(**{f"{link}__level__in": _COUNTY_OR_COARSER}, then=f"{link}_id"))
    return models.Case(*whens, default=None, output_field=models.IntegerField())


def verification_ladder() -> list[tuple[str, str, str]]:
    """The steps of the verification ladder, each with its label and what it means."""
    return [
        (str(step), verification_label(step), verification_meaning(step)) for step in Verification
    ]
