"""A person's status, derived from their timeline, in Python and in SQL alike.

The status is never stored: :func:`derive_status` reads it from a person's events in Python
(through the pure :mod:`guwah.registry.timeline`), and :func:`annotate_status` computes the
same rule in the database, so lists can filter and count by status.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from guwah.registry import timeline
from guwah.registry.models import Event, Person
from guwah.registry.timeline import DerivedStatus, Entry, Status

STATUS_LABELS: dict[str, Any] = {
    Status.DETAINED: gettext_lazy("Detained"),
    Status.SENTENCED: gettext_lazy("Sentenced"),
    Status.FORCED_LABOUR: gettext_lazy("In forced labour"),
    Status.RELEASED: gettext_lazy("Released"),
    Status.DECEASED: gettext_lazy("Deceased"),
    Status.REPORTED_DEAD: gettext_lazy("Reported dead"),
    Status.DISAPPEARED: gettext_lazy("Disappeared"),
    Status.LOST_CONTACT: gettext_lazy("Lost contact"),
    Status.UNKNOWN: gettext_lazy("Unknown"),
}


def entries_of(events: Iterable[Event]) -> list[Entry]:
    return [
        Entry(
            kind=event.kind,
            date=event.partial_date,
            key=event.pk or 0,
            sentence_months=event.sentence_months,
        )
        for event in events
    ]


def derive_status(person: Person) -> DerivedStatus:
    """The person's current status, read from their events (use ``prefetch_related("events")``
    when deriving it for many persons)."""
    return timeline.derive_status(entries_of(person.events.all()))


def status_event(person: Person, derived: DerivedStatus) -> Event | None:
    """The event a derived status rests on, whose sources are the status's provenance."""
    if derived.entry is None:
        return None
    for event in person.events.all():
        if event.pk == derived.entry.key:
            return event
    return None


def _status_of_person() -> Coalesce:
    """A person's derived status as one correlated subquery over their own events.

    The subquery picks the event the status rests on (a death wherever it stands; otherwise
    the last event of a kind that changes the status; otherwise the last transfer) and says
    the status of its kind. Being one scalar subquery on the ``(person, date_sort)`` index, it
    costs a few index probes per person, and the database evaluates it only for the rows it
    reads: the page's, or, filtering by status, those it walks in list order until the page is
    full. Mapping the kind to a status inside the subquery keeps it a single subquery; a
    ``CASE`` outside it would repeat it once for every kind.
    """
    deciding_kinds = [*timeline.STATUS_OF_LAST_KIND, timeline.TRANSFER]
    priority = models.Case(
        models.When(kind=timeline.DEATH, then=models.Value(0)),
        models.When(kind=timeline.TRANSFER, then=models.Value(2)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )
    rank = models.Case(
        *[
            models.When(kind=kind, then=models.Value(timeline.natural_rank(kind)))
            for kind in deciding_kinds
        ],
        output_field=models.IntegerField(),
    )
    status = models.Case(
        *[
            models.When(kind__in=kinds, then=models.Value(status.value))
            for status, kinds in _kinds_by_status().items()
        ],
        output_field=models.CharField(),
    )
    deciding = (
        Event.objects.filter(person=OuterRef("pk"), kind__in=deciding_kinds)
        .order_by(priority, models.F("date_sort").desc(nulls_first=True), rank.desc(), "-pk")
        .annotate(status=status)
        .values("status")[:1]
    )
    return Coalesce(
        Subquery(deciding, output_field=models.CharField()),
        models.Value(Status.UNKNOWN.value),
        output_field=models.CharField(),
    )


def _kinds_by_status() -> dict[Status, list[str]]:
    kinds: dict[Status, list[str]] = {}
    for kind, status in timeline.STATUS_OF_LAST_KIND.items():
        kinds.setdefault(status, []).append(kind)
    kinds.setdefault(Status.DETAINED, []).append(timeline.TRANSFER)
    return kinds


def annotate_status(persons: QuerySet[Person]) -> QuerySet[Person]:
    """Add ``derived_status`` to each person, computed by the database as :func:`derive_status`
    computes it in Python, so lists can filter and count by status without storing it."""
    return persons.annotate(derived_status=_status_of_person())


def with_status(persons: QuerySet[Person], status: str) -> QuerySet[Person]:
    """Those of ``persons`` (already passed through :func:`annotate_status`) whose derived
    status is ``status``."""
    return persons.filter(models.Q(("derived_status", status)))


def count_by_status(persons: QuerySet[Person]) -> Counter[str]:
    """How many of ``persons`` have each derived status, counted by the database."""
    rows = (
        annotate_status(persons)
        .order_by()
        .values_list(models.F("derived_status"))
        .annotate(count=models.Count("id"))
    )
    return Counter({status: count for status, count in rows})
