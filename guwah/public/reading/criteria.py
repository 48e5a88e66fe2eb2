"""What a visitor may narrow the published persons by, and the one query that applies it.

A filter on something a publication level withholds leaves out the entries published at that
level: filtering by county, sex or facility would otherwise tell the county, the sex or the
facility of an anonymous entry by its presence in the results (as a name search would tell a
partial entry's full name, so names find full entries only).
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from guwah.public.reading.base import county_or_coarser, published, published_sources
from guwah.registry import status as registry_status
from guwah.registry.models import Event, Evidence, PublicationLevel, prefecture_of
from guwah.registry.names_index import search_persons
from guwah.registry.timeline import DETENTIONS
from guwah.registry.verification import at_least

# Sentence lengths in bands of months, the lower bound included, the upper one not.
SENTENCE_BANDS: dict[str, tuple[int, int | None]] = {
    "under-1": (0, 12),
    "1-4": (12, 60),
    "5-9": (60, 120),
    "10-19": (120, 240),
    "20-plus": (240, None),
}
AGE_BANDS = [str(start) for start in range(0, 100, 10)]
GRADES = [grade.value for grade in Evidence.Reliability]
# The facets that withhold an anonymous entry, because its page does not show them.
NOT_FOR_ANONYMOUS = frozenset({"county", "sex", "facility"})


@dataclass(frozen=True)
class Criteria:
    """A search of the memorial: a name in any script and the facets chosen; empty means any."""

    query: str = ""
    status: str = ""
    prefecture: int | None = None
    county: int | None = None
    year: int | None = None  # a detention began that year
    sex: str = ""
    age: str = ""  # the first year of a ten-year age band at the first recorded event
    facility: int | None = None
    sentence: str = ""  # a key of SENTENCE_BANDS
    grade: str = ""  # a public source of that reliability grade
    verification: str = ""  # this step of the ladder or above

    def without(self, facet: str) -> Criteria:
        """The same search with ``facet`` left open: what its counts are taken over."""
        empty: dict[str, Any] = {"prefecture": None, "county": None, "year": None, "facility": None}
        return dataclasses.replace(self, **{facet: empty.get(facet, "")})


def detention_events() -> QuerySet[Event]:
    return Event.objects.filter(kind__in=DETENTIONS)


def first_event_year() -> Subquery:
    return Subquery(
        Event.objects.filter(person_id=OuterRef("pk"), date_earliest__isnull=False)
        .order_by("date_earliest")
        .values("date_earliest__year")[:1],
        output_field=models.IntegerField(),
    )


def with_age(persons: QuerySet) -> QuerySet:
    """Persons with ``age_at_first`` (the age at the first recorded event) as a column."""
    return persons.annotate(first_year=first_event_year()).annotate(
        age_at_first=models.F("first_year") - models.F("birth_year")
    )


def _sentence_range(band: str) -> models.Q:
    low, high = SENTENCE_BANDS[band]
    q = models.Q(sentence_months__gte=low)
    return q & models.Q(sentence_months__lt=high) if high is not None else q


def filtered(criteria: Criteria | None = None) -> QuerySet:
    """The public persons matching ``criteria``, each with its ``prefecture_id``, ``county_id``
    and ``derived_status``."""
    c = criteria or Criteria()
    persons = registry_status.annotate_status(published().annotate(prefecture_id=prefecture_of()))
    if c.verification:
        persons = persons.filter(verification__in=at_least(c.verification))
    if c.query.strip():
        persons = search_persons(persons.filter(publication_level=PublicationLevel.FULL), c.query)
    if c.prefecture is not None:
        persons = persons.filter(models.Q(("prefecture_id", c.prefecture)))
    if c.status:
        persons = registry_status.with_status(persons, c.status)
    if any((c.county is not None, c.sex, c.facility is not None)):
        persons = persons.exclude(publication_level=PublicationLevel.ANONYMOUS)
    if c.county is not None:
        persons = persons.annotate(county_id=county_or_coarser("hometown")).filter(
            models.Q(("county_id", c.county))
        )
    if c.sex:
        persons = persons.filter(sex=c.sex)
    if c.year is not None:
        persons = persons.filter(
            Exists(
                detention_events().filter(
                    person_id=OuterRef("pk"),
                    date_earliest__gte=datetime.date(c.year, 1, 1),
                    date_earliest__lte=datetime.date(c.year, 12, 31),
                )
            )
        )
    if c.facility is not None:
        persons = persons.filter(
            Exists(Event.objects.filter(person_id=OuterRef("pk"), facility_id=c.facility))
        )
    if c.sentence in SENTENCE_BANDS:
        persons = persons.filter(
            Exists(
                Event.objects.filter(person_id=OuterRef("pk")).filter(_sentence_range(c.sentence))
            )
        )
    if c.grade:
        persons = persons.filter(
            Exists(published_sources(Evidence).filter(persons=OuterRef("pk"), reliability=c.grade))
        )
    if c.age in AGE_BANDS:
        start = int(c.age)
        persons = with_age(persons).filter(age_at_first__gte=start, age_at_first__lt=start + 10)
    return persons
