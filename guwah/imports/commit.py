"""The commit: a planned import written through the registry's services, all or nothing.

Every person, name, event, testimony and source is written by the same service a documenter's
form calls, with the importing user as the actor, so each has its history and its evidence-log
entry. The whole import is one transaction: a problem the dry run could not see (a service
refusing a row) is collected with the others, and then nothing of the file is kept. A process
killed half-way leaves nothing either, and running the import again completes it; the external
IDs recorded beside the records make a later run skip what an earlier one imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from guwah.imports import bulk
from guwah.imports.models import ImportedRecord
from guwah.imports.plan import Plan, PlannedChange, PlannedPerson, Problem
from guwah.registry import services
from guwah.registry.models import Event, Evidence, Name, Person

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500
# From this many persons on, an import inserts in batches (see guwah.imports.bulk).
BULK_FROM = 1000


class ImportRefused(Exception):
    """The file has problems; nothing of it was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            _("The import was refused: %(count)d problem(s).") % {"count": len(problems)}
        )
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    already_imported: int = 0
    held_for_review: list[tuple[int, str, list[int]]] = field(default_factory=list)


def messages_of(error: ValidationError | PermissionDenied) -> list[tuple[str, str]]:
    """(field, message) pairs of a service's refusal."""
    if isinstance(error, PermissionDenied):
        return [("", str(error))]
    if hasattr(error, "error_dict"):
        return [
            (name, message) for name, errors in error.message_dict.items() for message in errors
        ]
    return [("", message) for message in error.messages]


def remember(actor: Any, kind: str, external_id: str, **record: Any) -> None:
    ImportedRecord.objects.create(kind=kind, external_id=external_id, imported_by=actor, **record)


def write_person(actor: Any, planned: PlannedPerson) -> Person:
    person = services.create_person(actor, names=planned.names, **planned.fields)
    for event in planned.events:
        services.add_event(actor, person, **event)
    for reference in planned.sources:
        services.add_evidence(
            actor,
            [person],
            kind=Evidence.Kind.OTHER,
            title=reference[:300],
            reference=reference,
            visibility=person.visibility,
        )
    if planned.testimony is not None:
        services.add_testimony(
            actor,
            [person],
            visibility=person.visibility,
            witness_name=planned.testimony["witness_name"],
            text=planned.testimony["text"],
        )
    remember(actor, ImportedRecord.Kind.PERSON, planned.external_id, person=person)
    return person


# SQLite's page cache during the batches, in KiB: the registry's indexes (names, name keys, the
# log's entries and nodes) outgrow the default 2 MiB at some tens of thousands of persons, and
# each batch then reads back from the file the index pages it just wrote.
BULK_CACHE_KIB = 64 * 1024


@contextmanager
def larger_cache() -> Iterator[None]:
    """A larger SQLite page cache for the batches, restored after; nothing on PostgreSQL. The
    cache changes neither what is written nor when it is durable (the commit still syncs)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def write_change(actor: Any, change: PlannedChange) -> Person:
    """A row imported before, changed since: its record corrected through the services."""
    person = Person.objects.get(pk=change.person_id)
    if change.fields:
        person = services.update_person(actor, person, **change.fields)
    for name in change.names:
        if name["name_id"] is not None:
            services.update_name(
                actor,
                Name.objects.get(pk=name["name_id"]),
                text=name["text"],
                script=name["script"],
            )
        else:
            services.add_name(
                actor, person, text=name["text"], script=name["script"], kind=name["kind"]
            )
    for event in change.events:
        fields = {k: v for k, v in event.items() if k not in ("column", "event_id")}
        if event["event_id"] is not None:
            services.update_event(actor, Event.objects.get(pk=event["event_id"]), **fields)
        else:
            services.add_event(actor, person, **fields)
    return person


def commit_import(
    actor: Any,
    plan: Plan,
    progress: Progress | None = None,
    *,
    through_services: bool | None = None,
) -> ImportResult:
    """Write every person of ``plan`` as ``actor``, and every change to a person imported
    before, or nothing if any row is refused.

    From ``BULK_FROM`` persons on, the rows of persons, names and events are inserted in
    batches (:mod:`guwah.imports.bulk`) unless ``through_services`` is True; False asks for
    the batches whatever the size.
    """
    if plan.problems:
        raise ImportRefused(plan.problems)
    problems: list[Problem] = []
    total = len(plan.to_create)
    one_by_one = plan.to_create
    with transaction.atomic():
        if through_services is False or (through_services is None and total >= BULK_FROM):
            in_bulk = [planned for planned in plan.to_create if bulk.fits(planned)]
            one_by_one = [planned for planned in plan.to_create if not bulk.fits(planned)]
            with larger_cache():
                for start in range(0, len(in_bulk), bulk.BATCH):
                    bulk.write_batch(actor, in_bulk[start : start + bulk.BATCH])
                    if progress is not None:
                        progress(start + len(in_bulk[start : start + bulk.BATCH]), total)
        offset = total - len(one_by_one)
        for done, planned in enumerate(one_by_one, start=offset + 1):
            try:
                # A savepoint per row, so that the rows after a refused one are still checked
                # and every problem is reported at once.
                with transaction.atomic():
                    write_person(actor, planned)
            except (ValidationError, PermissionDenied) as error:
                problems.extend(
                    Problem(planned.row, column, message) for column, message in messages_of(error)
                )
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        for change in plan.to_update:
            try:
                with transaction.atomic():
                    write_change(actor, change)
            except (ValidationError, PermissionDenied) as error:
                problems.extend(
                    Problem(change.row, column, message) for column, message in messages_of(error)
                )
        if problems:
            raise ImportRefused(problems)
    return ImportResult(
        created=total,
        updated=len(plan.to_update),
        already_imported=len(plan.already_imported),
        held_for_review=plan.held_for_review,
    )
