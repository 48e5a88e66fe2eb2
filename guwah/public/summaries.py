"""Keeping :class:`guwah.public.models.PublicSummary` in step with the registry: a person's row
(and their :class:`~guwah.public.models.PublicSummaryValue` rows) is written when they are
published and their status, place or events change, and removed when they are no longer
published.

The counts and the searches read these rows alone only while they are *complete*: one row for
each person published now and for no one else (the number and the sum of their keys agree with
the live persons). A bulk writer that skipped the refresh, or a row left stale, makes them
incomplete, and every figure is then taken the slow way from the registry: right, only slower.
Whether they are complete is asked once after each change to the record (it is kept in the
``memorial`` cache, which every change empties), not on every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, QuerySet

from guwah.public.models import PublicNameKey, PublicSummary, PublicSummaryValue
from guwah.public.reading.base import county_or_coarser, published, published_sources
from guwah.public.reading.charts import first_years
from guwah.public.reading.counted import counted
from guwah.public.reading.criteria import AGE_BANDS, SENTENCE_BANDS, Criteria, detention_events
from guwah.registry import status as registry_status
from guwah.registry.models import Event, Evidence, NameKey, PublicationLevel, prefecture_of
from guwah.registry.names_index import (
    FIRST_PAIR_PART,
    MATCH_KEY_PAIR_PART,
    pair_key,
    query_keys,
    search_persons,
    searched_pairs,
)
from guwah.registry.timeline import DETENTIONS
from guwah.registry.verification import at_least

CHUNK = 5_000
Value = PublicSummaryValue.Facet
# A sentence band is kept as its position in SENTENCE_BANDS.
BAND_NUMBERS = {band: number for number, band in enumerate(SENTENCE_BANDS)}


def sentence_band(months: int) -> str | None:
    for band, (low, high) in SENTENCE_BANDS.items():
        if months >= low and (high is None or months < high):
            return band
    return None


def _values(person_ids: list[int]) -> Iterator[PublicSummaryValue]:
    """The several values each of ``person_ids`` has for the year, facility and sentence
    facets, read from their events as the slow way reads them."""
    seen: set[tuple[int, str, int]] = set()
    events = Event.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "kind", "date_earliest", "facility_id", "sentence_months"
    )
    for person_id, kind, earliest, facility_id, months in events.iterator(chunk_size=CHUNK):
        found: list[tuple[str, int]] = []
        if kind in DETENTIONS and earliest is not None:
            found.append((Value.YEAR, earliest.year))
        if facility_id is not None:
            found.append((Value.FACILITY, facility_id))
        band = sentence_band(months) if months is not None else None
        if band is not None:
            found.append((Value.SENTENCE, BAND_NUMBERS[band]))
        for facet, value in found:
            if (person_id, facet, value) not in seen:
                seen.add((person_id, facet, value))
                yield PublicSummaryValue(person_id=person_id, facet=facet, value=value)


def _name_keys(person_ids: list[int]) -> Iterator[PublicNameKey]:
    """The search keys of the names of ``person_ids`` (published at the full level): their
    ``NameKey`` rows and the pair each two-word name is found by."""
    rows = (
        NameKey.objects.filter(name__person_id__in=person_ids)
        .order_by("name_id", "part")
        .values_list("name__person_id", "name_id", "part", "key")
    )
    keys_of: dict[int, dict[int, str]] = {}
    person_of: dict[int, int] = {}
    for person_id, name_id, part, key in rows.iterator(chunk_size=CHUNK):
        keys_of.setdefault(name_id, {})[part] = key
        person_of[name_id] = person_id
    for name_id, keys in keys_of.items():
        pairs = searched_pairs(keys)
        for part, key in (keys | pairs).items():
            yield PublicNameKey(person_id=person_of[name_id], name_id=name_id, part=part, key=key)


def _rows(person_ids: Iterable[int] | None) -> Iterator[list[PublicSummary]]:
    """The summaries of the published persons among ``person_ids`` (all when None), a chunk
    at a time."""
    detention_from, detention_to = first_years(detention_events())
    first_from, first_to = first_years(Event.objects.all())
    persons = registry_status.annotate_status(
        published().annotate(
            prefecture=prefecture_of(),
            county=county_or_coarser("hometown"),
            detention_from=detention_from,
            detention_to=detention_to,
            first_from=first_from,
            first_to=first_to,
        )
    )
    if person_ids is not None:
        persons = persons.filter(pk__in=list(person_ids))
    columns = ("derived_status", "prefecture", "verification", "birth_year")
    more = ("publication_level", "sex", "county")
    years = ("detention_from", "detention_to", "first_from", "first_to")
    chunk: list[PublicSummary] = []
    rows = persons.order_by("pk").values_list("pk", *columns, *more, *years)
    for pk, status, prefecture, verification, born, level, sex, county, *found in rows.iterator(
        chunk_size=CHUNK
    ):
        chunk.append(
            PublicSummary(
                person_id=pk,
                status=status,
                prefecture_id=prefecture,
                verification=verification,
                birth_year=born,
                publication_level=level,
                sex=sex or "",
                county_id=county,
                **dict(zip(years, found, strict=True)),
            )
        )
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def refresh(person_ids: Iterable[int] | None = None) -> int:
    """Rewrite the rows of ``person_ids`` (every person when None); returns how many persons
    are published among them."""
    ids = None if person_ids is None else sorted(set(person_ids))
    written = 0
    with transaction.atomic():
        for model in (PublicSummary, PublicSummaryValue, PublicNameKey):
            stale = model.objects.all()
            if ids is not None:
                stale = stale.filter(person_id__in=ids)
            stale.delete()
        for chunk in _rows(ids):
            written += len(PublicSummary.objects.bulk_create(chunk))
            PublicSummaryValue.objects.bulk_create(
                _values([row.person_id for row in chunk]), batch_size=CHUNK
            )
            full = [r.person_id for r in chunk if r.publication_level == PublicationLevel.FULL]
            PublicNameKey.objects.bulk_create(_name_keys(full), batch_size=CHUNK)
    return written


def complete() -> bool:
    """Whether the summaries hold a row for each person published now and for no one else
    (false after a bulk load until ``guwah memorial refresh`` has run; the counts are then
    taken the slow way)."""
    kept = PublicSummary.objects.aggregate(kept=models.Count("pk"), keyed=models.Sum("pk"))
    live = published().aggregate(kept=models.Count("pk"), keyed=models.Sum("pk"))
    return kept == live


# Set while one page's counts are taken: whether the summaries were complete when first asked.
_complete_now: ContextVar[dict[str, Any] | None] = ContextVar(
    "memorial_summaries_complete", default=None
)


@contextmanager
def checked_once() -> Iterator[None]:
    """Within this block, whether the summaries are complete is asked once."""
    token = _complete_now.set({})
    try:
        yield
    finally:
        _complete_now.reset(token)


def _complete_for_this_page() -> bool:
    memo = _complete_now.get()
    if memo is not None and "complete" in memo:
        return memo["complete"]
    # Kept until the record changes, like the counts: every change to a person or an event
    # empties the cache in the same request that made it.
    found = counted("summaries-complete", complete)
    if memo is not None:
        memo["complete"] = found
    return found


def _has(facet: str, value: int) -> Exists:
    return Exists(
        PublicSummaryValue.objects.filter(person_id=OuterRef("person_id"), facet=facet, value=value)
    )


def refresh_names(person_ids: Iterable[int]) -> None:
    """Rewrite the kept name keys of ``person_ids``: all a change to a name changes (their
    summaries stay as they are)."""
    ids = sorted(set(person_ids))
    with transaction.atomic():
        PublicNameKey.objects.filter(person_id__in=ids).delete()
        full = PublicSummary.objects.filter(
            person_id__in=ids, publication_level=PublicationLevel.FULL
        ).values_list("person_id", flat=True)
        PublicNameKey.objects.bulk_create(_name_keys(list(full)), batch_size=CHUNK)


def names_complete() -> bool:
    """Whether the kept name keys are those of the names of the full-level persons of the
    (complete) summaries: as many rows, of the same names, as the registry's keys of those names
    (false after names were written in bulk, until ``guwah memorial refresh``)."""
    full = PublicSummary.objects.filter(publication_level=PublicationLevel.FULL)
    live = NameKey.objects.filter(name__person_id__in=full.values("person_id")).aggregate(
        rows=models.Count("pk"), names=models.Sum("name_id")
    )
    kept = PublicNameKey.objects.exclude(part=MATCH_KEY_PAIR_PART).aggregate(
        rows=models.Count("pk"), names=models.Sum("name_id")
    )
    return kept == live


def _keyed(keys: list[str], whole: str) -> list[QuerySet]:
    """The ids of the persons with a kept name matching ``keys`` or ``whole``, as queries to
    unite: the rule of :func:`guwah.registry.names_index.search_persons`, read from the kept
    keys alone."""
    if len(keys) > 1:
        found = PublicNameKey.objects.filter(
            key=pair_key(keys[0], keys[1]), part__lte=FIRST_PAIR_PART
        )
        for key in keys[2:]:
            found = found.filter(
                Exists(
                    PublicNameKey.objects.filter(name_id=OuterRef("name_id"), key=key, part__gte=0)
                )
            )
    else:
        found = PublicNameKey.objects.filter(key__in=keys or [whole])
    ids = [found.values_list("person_id", flat=True)]
    if whole and (len(keys) > 1 or whole not in keys):
        whole_names = PublicNameKey.objects.filter(key=whole, part=NameKey.WHOLE)
        ids.append(whole_names.values_list("person_id", flat=True))
    return ids


def _searched(query: str) -> QuerySet | None:
    """The ids of the published full-level persons with a name matching ``query``, each once,
    from the kept keys; None when they are not complete."""
    if not counted("names-complete", names_complete):
        return None
    found = [ids for keys, whole in query_keys(query) for ids in _keyed(keys, whole)]
    if not found:
        return PublicNameKey.objects.none().values_list("person_id", flat=True)
    # A union, not an OR: each side is one range of the key index (and a union is distinct).
    return found[0].union(*found[1:]) if len(found) > 1 else found[0].distinct()


# A name found by more published entries than this is searched for inside each count's query
# rather than handed to it as a list of keys.
SEARCH_LIST_UP_TO = 5_000


def _found_by_name(query: str) -> list[int] | None:
    """The published full-level entries with a name matching ``query``: the names engine's keys
    joined to the kept summaries (a common name is looked for among these, not among every
    person of the registry). Found once per page, though the list and each facet count them."""
    memo = _complete_now.get()
    key = f"search:{query}"
    if memo is not None and key in memo:
        return memo[key]
    searched = _searched(query)
    if searched is None:
        rows = PublicSummary.objects.filter(publication_level=PublicationLevel.FULL)
        searched = search_persons(rows, query).values_list("person_id", flat=True)
    found = list(searched[: SEARCH_LIST_UP_TO + 1])
    kept = found if len(found) <= SEARCH_LIST_UP_TO else None
    if memo is not None:
        memo[key] = kept
    return kept


def _named(rows: QuerySet[PublicSummary], query: str) -> QuerySet[PublicSummary]:
    """``rows`` narrowed to the full-level entries with a name matching ``query``: by the list
    of them when it is short, else by the kept keys, else (they are not complete) the slow way."""
    found = _found_by_name(query)
    if found is not None:
        return rows.filter(person_id__in=found)
    searched = _searched(query)
    if searched is not None:
        return rows.filter(person_id__in=searched)
    return search_persons(rows.filter(publication_level=PublicationLevel.FULL), query)


def matching(criteria: Criteria | None = None) -> QuerySet[PublicSummary] | None:
    """The summaries of the published persons matching ``criteria``, shaped as the facet
    counters read the persons (``id``, ``derived_status``, ``prefecture_id``, ...), as
    :func:`guwah.public.reading.criteria.filtered` chooses them; None when the summaries are
    not complete."""
    if not _complete_for_this_page():
        return None
    c = criteria or Criteria()
    rows = PublicSummary.objects.all()
    if c.verification:
        rows = rows.filter(verification__in=at_least(c.verification))
    if c.query.strip():
        rows = _named(rows, c.query)
    if c.prefecture is not None:
        rows = rows.filter(prefecture_id=c.prefecture)
    if c.status:
        rows = rows.filter(status=c.status)
    if any((c.county is not None, c.sex, c.facility is not None)):
        rows = rows.exclude(publication_level=PublicationLevel.ANONYMOUS)
    if c.county is not None:
        rows = rows.filter(county_id=c.county)
    if c.sex:
        rows = rows.filter(sex=c.sex)
    if c.year is not None:
        rows = rows.filter(_has(Value.YEAR, c.year))
    if c.facility is not None:
        rows = rows.filter(_has(Value.FACILITY, c.facility))
    if c.sentence in SENTENCE_BANDS:
        rows = rows.filter(_has(Value.SENTENCE, BAND_NUMBERS[c.sentence]))
    if c.grade:
        rows = rows.filter(
            Exists(
                published_sources(Evidence).filter(
                    persons=OuterRef("person_id"), reliability=c.grade
                )
            )
        )
    rows = rows.annotate(age_at_first=F("first_from") - F("birth_year"))
    if c.age in AGE_BANDS:
        start = int(c.age)
        rows = rows.filter(age_at_first__gte=start, age_at_first__lt=start + 10)
    return rows.annotate(id=F("person_id"), derived_status=F("status"))


def counting(verification: str = "") -> QuerySet[PublicSummary] | None:
    """The summaries of the published persons on ``verification``'s step of the ladder or
    above; None when the table is not complete."""
    return matching(Criteria(verification=verification))


def values_of(rows: QuerySet[PublicSummary], facet: str) -> QuerySet[PublicSummaryValue]:
    """The ``facet`` values of the persons of ``rows``."""
    return PublicSummaryValue.objects.filter(facet=facet, person_id__in=rows.values("person_id"))
