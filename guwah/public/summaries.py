"""Keeping :class:`guwah.public.models.PublicSummary` in step with the registry: a person's row
is written when they are published and their status or place changes, and removed when they
are no longer published. Counting reads the rows of persons that are published *now*, so a
row left stale by a bulk writer that skipped the refresh can never show an unpublished person.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import F, QuerySet

from guwah.public.models import PublicSummary
from guwah.public.reading.base import published
from guwah.public.reading.charts import first_years
from guwah.public.reading.criteria import detention_events
from guwah.registry import status as registry_status
from guwah.registry.models import Event, prefecture_of
from guwah.registry.verification import at_least

CHUNK = 5_000


def _rows(person_ids: Iterable[int] | None) -> Iterable[PublicSummary]:
    detention_from, detention_to = first_years(detention_events())
    first_from, first_to = first_years(Event.objects.all())
    persons = registry_status.annotate_status(
        published().annotate(
            prefecture=prefecture_of(),
            detention_from=detention_from,
            detention_to=detention_to,
            first_from=first_from,
            first_to=first_to,
        )
    )
    if person_ids is not None:
        persons = persons.filter(pk__in=list(person_ids))
    columns = ("derived_status", "prefecture", "verification", "birth_year")
    years = ("detention_from", "detention_to", "first_from", "first_to")
    for pk, status, prefecture, verification, born, *found in (
        persons.order_by("pk").values_list("pk", *columns, *years).iterator(chunk_size=CHUNK)
    ):
        yield PublicSummary(
            person_id=pk,
            status=status,
            prefecture_id=prefecture,
            verification=verification,
            birth_year=born,
            **dict(zip(years, found, strict=True)),
        )


def refresh(person_ids: Iterable[int] | None = None) -> int:
    """Rewrite the rows of ``person_ids`` (every person when None); returns how many persons
    are published among them."""
    ids = None if person_ids is None else sorted(set(person_ids))
    written = 0
    with transaction.atomic():
        stale = PublicSummary.objects.all()
        if ids is not None:
            stale = stale.filter(person_id__in=ids)
        stale.delete()
        batch: list[PublicSummary] = []
        for row in _rows(ids):
            batch.append(row)
            if len(batch) >= CHUNK:
                written += len(PublicSummary.objects.bulk_create(batch))
                batch = []
        written += len(PublicSummary.objects.bulk_create(batch))
    return written


def current() -> QuerySet[PublicSummary]:
    """The rows of the persons published now: what the statistics count."""
    return PublicSummary.objects.filter(person_id__in=published().values("pk"))


def complete() -> bool:
    """Whether every person published now has a row (false after a bulk load until
    ``guwah memorial refresh`` has run; the counts are then taken the slow way)."""
    return current().count() == published().count()


# Set while one page's counts are taken: whether the summaries were complete when first asked,
# so that the check (two counts over every published person) is made once per page, not once
# per figure.
_complete_now: ContextVar[dict[str, bool] | None] = ContextVar(
    "memorial_summaries_complete", default=None
)


@contextmanager
def checked_once() -> Iterator[None]:
    """Within this block, whether the summaries are complete is asked of the database once."""
    token = _complete_now.set({})
    try:
        yield
    finally:
        _complete_now.reset(token)


def _complete_for_this_page() -> bool:
    memo = _complete_now.get()
    if memo is None:  # outside a page's block: ask every time
        return complete()
    if "complete" not in memo:
        memo["complete"] = complete()
    return memo["complete"]


def counting(verification: str = "") -> QuerySet[PublicSummary] | None:
    """The summaries of the published persons on ``verification``'s step of the ladder or
    above, shaped as the facet counters read the persons (``id``, ``derived_status``,
    ``prefecture_id``, ``verification``); None when the table is not complete."""
    if not _complete_for_this_page():
        return None
    rows = current()
    if verification:
        rows = rows.filter(verification__in=at_least(verification))
    return rows.annotate(id=F("person_id"), derived_status=F("status"))
