"""The read audit: every read of a restricted record and every export, who, what and when.

A page that shows a restricted record writes one row as it is read: the one write a GET makes,
as an evidence item's chain of custody records each view. Every page, file download, export and
package calls :func:`record_read` and nothing else writes these rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from guwah.registry.acting import acting_as
from guwah.registry.models import Evidence, Person, RecordRead, Testimony, Visibility

logger = logging.getLogger("guwah.audit")

Action = RecordRead.Action


def _case_of(record: Any) -> int | None:
    if isinstance(record, Person):
        return int(record.pk)
    if isinstance(record, Testimony | Evidence):
        first = record.persons.order_by("pk").values_list("pk", flat=True).first()
        return int(first) if first is not None else None
    return None


def record_read(
    reader: Any, record: Any, action: str = Action.VIEWED, **detail: Any
) -> RecordRead | None:
    """Record that ``reader`` read ``record`` (a person, testimony or evidence item).

    Reads of records that are not restricted are not kept; exports and package downloads
    always are. Warns in the log the moment one account passes the alert threshold.
    """
    restricted = getattr(record, "visibility", Visibility.RESTRICTED) == Visibility.RESTRICTED
    if not restricted and action == Action.VIEWED:
        return None
    person_key = _case_of(record)
    reader_id = getattr(reader, "pk", None) if getattr(reader, "is_authenticated", False) else None
    new_case = (
        restricted
        and reader_id is not None
        and person_key is not None
        and not RecordRead.objects.filter(
            reader_id=reader_id, restricted=True, at__gte=_window_start(), person_key=person_key
        ).exists()
    )
    with transaction.atomic(), acting_as(reader):
        row = RecordRead.objects.create(
            reader_id=reader_id,
            action=action,
            record_type=record._meta.model_name,
            record_id=str(record.pk),
            person_key=person_key,
            restricted=restricted,
            detail=detail,
        )
    if new_case and reader_id is not None:
        _warn_if_unusual(reader_id)
    return row


def record_export(reader: Any, kind: str, **detail: Any) -> RecordRead:
    """Record an export of many records at once (a spreadsheet, a UN batch)."""
    with transaction.atomic(), acting_as(reader):
        return RecordRead.objects.create(
            reader=reader if getattr(reader, "is_authenticated", False) else None,
            action=Action.EXPORTED,
            record_type=kind,
            restricted=True,
            detail=detail,
        )


def _window_start() -> Any:
    return timezone.now() - timedelta(hours=settings.GUWAH_READ_ALERT_HOURS)


def cases_read(reader_id: int) -> int:
    """How many distinct restricted cases ``reader_id`` read within the alert window."""
    return (
        RecordRead.objects.filter(
            reader_id=reader_id, restricted=True, at__gte=_window_start(), person_key__isnull=False
        )
        .values("person_key")
        .distinct()
        .count()
    )


def _warn_if_unusual(reader_id: int) -> None:
    # Warned once, as the threshold is passed, rather than at every later read.
    if cases_read(reader_id) == settings.GUWAH_READ_ALERT_CASES + 1:
        logger.warning(
            "Account %s read more than %s restricted cases within %s hours.",
            reader_id,
            settings.GUWAH_READ_ALERT_CASES,
            settings.GUWAH_READ_ALERT_HOURS,
        )


@dataclass(frozen=True)
class Alert:
    reader_id: int
    cases: int
    last: Any


def unusual_readers() -> list[Alert]:
    """Accounts that read more distinct restricted cases than the threshold within the window."""
    rows = (
        RecordRead.objects.filter(
            restricted=True, at__gte=_window_start(), person_key__isnull=False
        )
        .values("reader_id")
        .annotate(cases=Count("person_key", distinct=True), last=Max("at"))
        .filter(cases__gt=settings.GUWAH_READ_ALERT_CASES)
        .order_by("-cases")
    )
    return [Alert(row["reader_id"], row["cases"], row["last"]) for row in rows]
