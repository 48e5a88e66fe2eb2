"""Erasing a withdrawn case: the person, what is only about them, and every earlier version.

Deleting a record keeps its history (a restore brings it back); erasing does not. The person,
their names, documents, ties and events, and the testimony and evidence that are about them
alone, are deleted through the ORM, so that every app's cascades and the log's deletion
entries follow as for any deletion; then every history row of every deleted record, and every
history row that points at one, is removed. Testimony and evidence about others too keep
their other persons and lose this one.

The stored files of the deleted records are named in the result, for the caller to remove
once the transaction has committed; what the apps above the registry keep (merge snapshots,
the log's salts, stored evidence files) is theirs to remove, told through
``signals.person_erased``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.models import Evidence, Person, Testimony
from guwah.registry.services.checks import as_history_of
from guwah.registry.signals import person_erased


@dataclass
class Erasure:
    person_id: int
    # Every deleted row, by model label: what the log's entries and other apps refer to.
    records: dict[str, list[Any]] = field(default_factory=dict)
    # The deleted rows as they were, by model label (their foreign keys still readable).
    rows: dict[str, list[models.Model]] = field(default_factory=dict)
    history_rows: int = 0
    # Stored files (storage, name) the deleted records held.
    files: list[tuple[Any, str]] = field(default_factory=list)
    # SHA-256 of evidence files the deleted evidence held.
    evidence_files: list[str] = field(default_factory=list)


def erasure_token(person: Person) -> str:
    """The word ``guwah erase --confirm`` asks for: it names this person's record, so that a
    mistyped id erases nothing."""
    text = f"erase|{person.pk}|{person.created_at.isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _only_about(model: type[Testimony] | type[Evidence], person: Person) -> list[Any]:
    return [
        record
        for record in model._base_manager.filter(persons=person).prefetch_related("persons")
        if {each.pk for each in record.persons.all()} == {person.pk}
    ]


def _collected(
    records: list[models.Model],
) -> tuple[dict[str, set[Any]], dict[str, list[models.Model]]]:
    """Every row deleting ``records`` deletes, cascades of every app included: their keys and
    the rows themselves, by model label."""
    collector = Collector(using=router.db_for_write(Person))
    by_model: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    for record in records:
        by_model[type(record)].append(record)
    for group in by_model.values():
        collector.collect(group)
    found: dict[str, set[Any]] = defaultdict(set)
    rows: dict[str, list[models.Model]] = defaultdict(list)
    for model, instances in collector.data.items():
        found[model._meta.label_lower].update(instance.pk for instance in instances)
        rows[model._meta.label_lower].extend(instances)
    for queryset in collector.fast_deletes:
        for row in queryset:
            found[queryset.model._meta.label_lower].add(row.pk)
            rows[queryset.model._meta.label_lower].append(row)
    return found, rows


def _collect_removing_protectors(
    records: list[models.Model], found: dict[str, set[Any]], rows: dict[str, list[models.Model]]
) -> None:
    """Collect what deleting ``records`` deletes into ``found`` and ``rows``. Rows of the apps
    above that protect a record from deletion (an evidence item's stored files and chain of
    custody) are part of what is erased: they are deleted first, and collected too."""
    for _attempt in range(10):
        try:
            collected, collected_rows = _collected(records)
        except ProtectedError as exc:
            protecting = list(exc.protected_objects)
            _collect_removing_protectors(protecting, found, rows)
            for row in protecting:
                type(row)._base_manager.filter(pk=row.pk).delete()
            continue
        for label, ids in collected.items():
            found[label].update(ids)
            rows[label].extend(collected_rows[label])
        return
    raise ValidationError(_("The record is held by too many other records to be erased."))


def _purge_history(erased: dict[str, set[Any]]) -> int:
    """Remove the history rows of the erased records, and every history row (of a many-to-many
    link, say) that points at one."""
    removed = 0
    for model in apps.get_models():
        if not model.__name__.startswith("Historical"):
            continue
        condition = models.Q()
        instance_type = getattr(model, "instance_type", None)
        if instance_type is not None:
            ids = erased.get(instance_type._meta.label_lower)
            if ids:
                condition |= models.Q(**{f"{instance_type._meta.pk.attname}__in": ids})
        for column in model._meta.concrete_fields:
            target = getattr(column, "related_model", None)
            if target is None or not column.is_relation:
                continue
            ids = erased.get(target._meta.label_lower)
            if ids:
                condition |= models.Q(**{f"{column.attname}__in": ids})
        if condition:
            removed += model._base_manager.filter(condition).delete()[0]
    return removed


def erase_person(actor: Any, person: Person, *, confirm: str) -> Erasure:
    """Erase ``person`` (see the module); ``confirm`` must be :func:`erasure_token`."""
    if not access.can_erase_person(actor):
        raise PermissionDenied(_("Only an administrator may erase a record."))
    if confirm != erasure_token(person):
        raise ValidationError(
            _(
                "The confirmation does not match this record: run the command without "
                "--confirm to see what would be erased and the word to confirm it with."
            )
        )
    done = Erasure(person_id=person.pk)
    with transaction.atomic():
        testimonies = _only_about(Testimony, person)
        evidence = _only_about(Evidence, person)
        for model in (Testimony, Evidence):
            for shared in model._base_manager.filter(persons=person).exclude(
                pk__in=[record.pk for record in [*testimonies, *evidence]]
            ):
                as_history_of(shared, actor)
                shared.persons.remove(person)
        erased: dict[str, set[Any]] = defaultdict(set)
        rows: dict[str, list[models.Model]] = defaultdict(list)
        _collect_removing_protectors([person, *testimonies, *evidence], erased, rows)
        done.rows = dict(rows)
        if person.photo:
            done.files.append((person.photo.storage, person.photo.name))
        for testimony in testimonies:
            # A recording kept as evidence goes with its item (by its hash, below), if at all.
            kept_as_evidence = Evidence.objects.filter(file=testimony.media.name).exists()
            if testimony.media and not kept_as_evidence:
                done.files.append((testimony.media.storage, testimony.media.name))
        done.evidence_files = sorted({item.sha256 for item in evidence if item.sha256})
        for record in [*testimonies, *evidence]:
            as_history_of(record, actor)
            record.delete()
        for tie in person.ties.all() | person.ties_as_relative.all():
            as_history_of(tie, actor)
            tie.delete()
        as_history_of(person, actor)
        person.delete()
        done.history_rows = _purge_history(erased)
        done.records = {label: sorted(ids, key=str) for label, ids in erased.items()}
        person_erased.send(sender=Person, erasure=done, actor=actor)
    return done
