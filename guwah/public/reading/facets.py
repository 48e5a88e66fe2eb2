"""How many published persons each value of a facet would leave, given the rest of the search.

Each facet counts over the search with its own choice left open, so a visitor sees what
choosing another value would give. A person is counted once per value (a person held in two
facilities counts under both). Facets on what a publication level withholds leave out the
entries published at that level, as their filters do (see :mod:`criteria`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from guwah.public.reading.base import (
    RELIABILITY,
    SEXES,
    county_or_coarser,
    places_by_pk,
    published_sources,
    status_label,
    verification_label,
)
from guwah.public.reading.counted import counted
from guwah.public.reading.criteria import (
    NOT_FOR_ANONYMOUS,
    SENTENCE_BANDS,
    Criteria,
    detention_events,
    filtered,
    with_age,
)
from guwah.public.reading.records import Facet
from guwah.registry import timeline
from guwah.registry.models import Event, Evidence, Facility, Place, PublicationLevel
from guwah.registry.verification import LADDER

FACETS = (
    "status",
    "prefecture",
    "county",
    "year",
    "sex",
    "age",
    "facility",
    "sentence",
    "grade",
    "verification",
)


def _sentence_labels() -> dict[str, str]:
    return {
        "under-1": _("under a year"),
        "1-4": _("1 to 4 years"),
        "5-9": _("5 to 9 years"),
        "10-19": _("10 to 19 years"),
        "20-plus": _("20 years or more"),
    }


def _grouped(rows: QuerySet, column: str, counted: str = "id") -> dict:
    distinct = counted != "id"
    return dict(
        rows.order_by()
        .values_list(column)
        .annotate(count=models.Count(counted, distinct=distinct))
        .values_list(column, "count")
    )


def _status(base: QuerySet) -> list[Facet]:
    counts = _grouped(base, "derived_status")
    return [
        Facet(value, status_label(value), counts[value])
        for value in timeline.Status
        if counts.get(value)
    ]


def _places_facet(base: QuerySet, column: str, level: str) -> list[Facet]:
    counts = _grouped(base.exclude(**{column: None}), column)
    places = places_by_pk(counts)
    return sorted(
        (
            Facet(str(pk), places[pk].name_en, count)
            for pk, count in counts.items()
            if pk in places and places[pk].level == level
        ),
        key=lambda facet: facet.label,
    )


def _prefecture(base: QuerySet) -> list[Facet]:
    return _places_facet(base, "prefecture_id", Place.Level.PREFECTURE)


def _county(base: QuerySet) -> list[Facet]:
    return _places_facet(
        base.annotate(county_id=county_or_coarser("hometown")), "county_id", Place.Level.COUNTY
    )


def _year(base: QuerySet) -> list[Facet]:
    events = detention_events().filter(person_id__in=base.values("pk"), date_earliest__isnull=False)
    counts = _grouped(events, "date_earliest__year", "person_id")
    return [Facet(str(year), str(year), counts[year]) for year in sorted(counts)]


def _sex(base: QuerySet) -> list[Facet]:
    counts = _grouped(base.exclude(sex=""), "sex")
    return [Facet(key, str(label), counts[key]) for key, label in SEXES.items() if counts.get(key)]


def _age(base: QuerySet) -> list[Facet]:
    return _age_bands(with_age(base))


def _age_bands(aged: QuerySet) -> list[Facet]:
    aged = aged.filter(age_at_first__gte=0, age_at_first__lt=100)
    counts = _grouped(aged.annotate(band=models.F("age_at_first") / 10), "band")
    return [
        Facet(str(band * 10), f"{band * 10}–{band * 10 + 9}", counts[band])
        for band in sorted(counts)
    ]


def _facility(base: QuerySet) -> list[Facet]:
    events = Event.objects.filter(person_id__in=base.values("pk"), facility__isnull=False)
    counts = _grouped(events, "facility_id", "person_id")
    names = dict(Facility.objects.filter(pk__in=counts).values_list("pk", "name_en"))
    return sorted(
        (Facet(str(pk), names[pk], count) for pk, count in counts.items() if pk in names),
        key=lambda facet: (-facet.count, facet.label),
    )


def _sentence(base: QuerySet) -> list[Facet]:
    whens = []
    for band, (low, high) in SENTENCE_BANDS.items():
        bounds = models.Q(sentence_months__gte=low)
        if high is not None:
            bounds &= models.Q(sentence_months__lt=high)
        whens.append(models.When(bounds, then=models.Value(band)))
    events = Event.objects.filter(
        person_id__in=base.values("pk"), sentence_months__isnull=False
    ).annotate(band=models.Case(*whens, output_field=models.CharField()))
    counts = _grouped(events, "band", "person_id")
    labels = _sentence_labels()
    return [Facet(band, str(labels[band]), counts[band]) for band in labels if counts.get(band)]


def _grade(base: QuerySet) -> list[Facet]:
    sources = published_sources(Evidence).filter(persons__in=base.values("pk"))
    counts = _grouped(sources, "reliability", "persons")
    return [
        Facet(grade, str(label), counts[grade])
        for grade, label in RELIABILITY.items()
        if counts.get(grade)
    ]


def _verification(base: QuerySet) -> list[Facet]:
    counts = _grouped(base, "verification")
    return [
        Facet(str(step), verification_label(step), counts[step])
        for step in LADDER
        if counts.get(step)
    ]


_COUNTERS: dict[str, Callable[[QuerySet], list[Facet]]] = {
    "status": _status,
    "prefecture": _prefecture,
    "county": _county,
    "year": _year,
    "sex": _sex,
    "age": _age,
    "facility": _facility,
    "sentence": _sentence,
    "grade": _grade,
    "verification": _verification,
}


# The same counts over the kept summaries (``guwah.public.summaries.matching``): the columns
# and the several values a person has for a facet are read from the summary tables alone.
def _kept_values(base: QuerySet, facet: str) -> dict:
    from guwah.public import summaries  # it reads the persons through this package

    return _grouped(summaries.values_of(base, facet), "value")


def _kept_county(base: QuerySet) -> list[Facet]:
    return _places_facet(base, "county_id", Place.Level.COUNTY)


def _kept_year(base: QuerySet) -> list[Facet]:
    counts = _kept_values(base, "year")
    return [Facet(str(year), str(year), counts[year]) for year in sorted(counts)]


def _kept_facility(base: QuerySet) -> list[Facet]:
    counts = _kept_values(base, "facility")
    names = dict(Facility.objects.filter(pk__in=counts).values_list("pk", "name_en"))
    return sorted(
        (Facet(str(pk), names[pk], count) for pk, count in counts.items() if pk in names),
        key=lambda facet: (-facet.count, facet.label),
    )


def _kept_sentence(base: QuerySet) -> list[Facet]:
    by_number = _kept_values(base, "sentence")
    counts = {band: by_number.get(number, 0) for number, band in enumerate(SENTENCE_BANDS)}
    labels = _sentence_labels()
    return [Facet(band, str(labels[band]), counts[band]) for band in labels if counts.get(band)]


_KEPT_COUNTERS: dict[str, Callable[[QuerySet], list[Facet]]] = {
    **_COUNTERS,
    "county": _kept_county,
    "year": _kept_year,
    "age": _age_bands,  # the kept rows carry ``age_at_first`` already
    "facility": _kept_facility,
    "sentence": _kept_sentence,
}


def facet(name: str, criteria: Criteria | None = None) -> list[Facet]:
    """The values of facet ``name`` and how many persons matching the rest of ``criteria``
    each would leave."""
    chosen = (criteria or Criteria()).without(name)

    def count() -> list[Facet]:
        from guwah.public import summaries  # it reads the persons through this package

        base = summaries.matching(chosen)
        counters = _KEPT_COUNTERS
        if base is None:  # the summaries are not complete: the slow way, from the registry
            base, counters = filtered(chosen), _COUNTERS
        if name in NOT_FOR_ANONYMOUS:
            base = base.exclude(publication_level=PublicationLevel.ANONYMOUS)
        return counters[name](base)

    # Kept until the record changes, like the statistics: the unfiltered list's facets count
    # every published person, which takes seconds at a million.
    key = hashlib.sha256(repr(chosen).encode()).hexdigest()
    return counted(f"facet:{name}:{key}", count)
