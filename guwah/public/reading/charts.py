"""The memorial's statistics as charts: each a table of figures, the number of records it rests
on, and what it cannot show.

Uncertain dates and ages are spread over their ranges rather than dropped or put at one end: a
detention known only as "2017 or 2018" counts half in each year, and an age known to lie between
41 and 43 counts a third in each of those years of age (so across two bands when it straddles
one). The figures are therefore not always whole numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import models
from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from guwah.public.reading.criteria import Criteria, detention_events, filtered
from guwah.public.reading.facets import facet
from guwah.public.reading.records import Chart, ChartRow, Facet
from guwah.registry.models import Event, PublicationLevel

# The facilities chart shows the most-named ones; the rest are in the facility facet.
TOP_FACILITIES = 20


def first_years(events: QuerySet[Event]) -> tuple[Subquery, Subquery]:
    """The first and last year the first of ``events`` (per person) may have happened in."""
    first = events.filter(person_id=OuterRef("pk"), date_earliest__isnull=False).order_by(
        "date_earliest", "pk"
    )
    return (
        Subquery(first.values("date_earliest__year")[:1], output_field=models.IntegerField()),
        Subquery(first.values("date_latest__year")[:1], output_field=models.IntegerField()),
    )


def spread(ranges: Iterable[tuple[int, int, int]]) -> dict[int, float]:
    """``count`` records each known to lie somewhere in ``low``..``high`` (inclusive), spread
    evenly over it: what each value holds."""
    spread_over: dict[int, float] = defaultdict(float)
    for low, high, count in ranges:
        if high < low:
            low, high = high, low
        share = count / (high - low + 1)
        for value in range(low, high + 1):
            spread_over[value] += share
    return dict(spread_over)


def _rows(values: dict, label: object = str) -> list[ChartRow]:
    return [
        ChartRow(str(key), label(key) if callable(label) else str(key), round(count, 2))
        for key, count in sorted(values.items())
    ]


def by_year(base: QuerySet, summarised: QuerySet | None = None) -> Chart:
    """Persons by the year their first recorded detention began (read from the kept
    summaries when they are given)."""
    if summarised is not None:
        years = summarised.annotate(y0=F("detention_from"), y1=F("detention_to"))
    else:
        low, high = first_years(detention_events())
        years = base.annotate(y0=low, y1=high)
    groups = (
        years.exclude(y0=None).order_by().values_list("y0", "y1").annotate(count=models.Count("id"))
    )
    found = [(y0, y1 if y1 is not None else y0, count) for y0, y1, count in groups]
    return Chart(
        name="year",
        title=_("First detention, by year"),
        rows=_rows(spread(found)),
        rests_on=sum(count for _y0, _y1, count in found),
        note=_(
            "A detention dated only roughly is spread over the years it may have begun in. "
            "Persons with no dated detention are not counted here."
        ),
    )


def by_age(base: QuerySet, summarised: QuerySet | None = None) -> Chart:
    """Persons by their age when the first recorded event happened, in ten-year bands (read
    from the kept summaries when they are given)."""
    if summarised is not None:
        years = summarised.annotate(y0=F("first_from"), y1=F("first_to"))
    else:
        low, high = first_years(Event.objects.all())
        years = base.annotate(y0=low, y1=high)
    groups = (
        years.exclude(birth_year=None)
        .exclude(y0=None)
        .order_by()
        .values_list("birth_year", "y0", "y1")
        .annotate(count=models.Count("id"))
    )
    ages = []
    for born, y0, y1, count in groups:
        first, last = y0 - born, (y1 if y1 is not None else y0) - born
        if last >= 0:
            ages.append((max(first, 0), last, count))
    bands: dict[int, float] = defaultdict(float)
    for age, share in spread(ages).items():
        bands[min(age // 10 * 10, 90)] += share
    return Chart(
        name="age",
        title=_("Age when it began"),
        rows=_rows(bands, lambda band: f"{band}–{band + 9}" if band < 90 else f"{band}+"),
        rests_on=sum(count for *_years, count in ages),
        note=_(
            "Ages are counted from the birth year and the first recorded event; where that "
            "event is dated only roughly, the age is spread over what it may have been."
        ),
    )


def from_facets(name: str, title: str, facets: list[Facet], rests_on: int, note: str) -> Chart:
    return Chart(
        name=name,
        title=title,
        rows=[ChartRow(f.value, f.label, f.count) for f in facets],
        rests_on=rests_on,
        note=note,
    )


def charts(criteria: Criteria) -> list[Chart]:
    """Every chart of the statistics page over the persons matching ``criteria``."""
    from guwah.public import summaries  # it reads the persons through this package

    sexes = facet("sex", criteria)
    sentences = facet("sentence", criteria)
    facilities = facet("facility", criteria)[:TOP_FACILITIES]
    summarised = summaries.matching(criteria)
    if summarised is not None:
        base: QuerySet = summarised
        held = (
            summaries.values_of(
                summarised.exclude(publication_level=PublicationLevel.ANONYMOUS), "facility"
            )
            .values("person_id")
            .distinct()
            .count()
        )
    else:
        base = filtered(criteria)
        held = (
            base.exclude(publication_level=PublicationLevel.ANONYMOUS)
            .filter(Exists(Event.objects.filter(person_id=OuterRef("pk"), facility__isnull=False)))
            .count()
        )
    return [
        by_year(base, summarised),
        by_age(base, summarised),
        from_facets(
            "sex",
            _("By sex"),
            sexes,
            sum(f.count for f in sexes),
            _("Entries published anonymously are not counted by sex: their pages do not say it."),
        ),
        from_facets(
            "sentence",
            _("Sentences, by length"),
            sentences,
            sum(f.count for f in sentences),
            _("A person sentenced more than once counts under each length."),
        ),
        from_facets(
            "facility",
            _("Facilities most often named"),
            facilities,
            held,
            _(
                "A person held in several facilities counts under each; entries published "
                "anonymously are not counted here."
            ),
        ),
    ]
