"""Folding two records of one person into one, and taking them apart again.

Why two records are thought to be one person is decided above the registry (the review of
proposed matches); here the merge is done as every other change is: the actor's permission
asked, the result validated, everything written in one transaction through ordinary saves and
deletions, so that the history names the actor and the transparency log records each row.

A merge returns a snapshot of every registry row of both persons as they were before it, for
the caller to keep; :func:`unmerge_persons` puts those rows back exactly.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from typing import Any

from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from guwah.registry import access, encryption
from guwah.registry.models import Name, Person, PublicationLevel, Visibility
from guwah.registry.services.checks import (
    as_history_of,
    check_publishable,
    require,
    validate_timeline,
)
from guwah.registry.signals import persons_merged

# Fields the survivor takes from the merged record when it has none of its own.
FOLDED_FIELDS = ("sex", "birth_date", "hometown_id", "occupation", "ethnicity")
# From the most to the least guarded: a merged record is seen by no one who could not see both.
_STRICTNESS = (Visibility.RESTRICTED, Visibility.INTERNAL, Visibility.PUBLIC)
_CONSENTS = ("consent_publish", "consent_share_un", "consent_name_witness", "consent_publish_photo")
# From the least to the most shown: a merged record shows no more than both families agreed to.
_LEVELS = (PublicationLevel.ANONYMOUS, PublicationLevel.PARTIAL, PublicationLevel.FULL)

Snapshot = list[dict[str, Any]]


def stricter_visibility(first: str, second: str) -> str:
    """The more guarded of two visibilities (restricted before internal before public)."""
    return min(first, second, key=lambda value: _STRICTNESS.index(Visibility(value)))


def person_relations() -> list[tuple[type[models.Model], str]]:
    """Every registry (model, column) that points at a person, many-to-many link tables too."""
    relations: list[tuple[type[models.Model], str]] = []
    for relation in Person._meta.related_objects:
        if relation.many_to_many:
            through = relation.through  # type: ignore[attr-defined]
            for field in through._meta.get_fields():
                if getattr(field, "related_model", None) is Person and field.concrete:
                    relations.append((through, field.attname))
        elif relation.one_to_many or relation.one_to_one:
            relations.append((relation.related_model, relation.field.attname))  # type: ignore[arg-type]
    return relations


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder with times to the microsecond; its own stops at the millisecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def snapshot_rows(rows: Iterable[models.Model]) -> Snapshot:
    """``rows`` serialised as a merge's snapshot holds them, times to the microsecond, and
    encrypted fields encrypted (as the rows hold them)."""
    return encryption.seal_serialized(
        json.loads(json.dumps(serializers.serialize("python", rows), cls=_ExactEncoder))
    )


def _snapshot(person_ids: list[int]) -> Snapshot:
    """Serialised rows of both persons and of every registry row that refers to either."""
    seen: set[tuple[str, Any]] = set()
    objects: list[models.Model] = list(Person.objects.filter(pk__in=person_ids).order_by("pk"))
    for model, column in person_relations():
        for row in model._base_manager.filter(**{f"{column}__in": person_ids}).order_by("pk"):
            key = (model._meta.label_lower, row.pk)
            if key not in seen:
                seen.add(key)
                objects.append(row)
    return snapshot_rows(objects)


def _automatic_times(model: type[models.Model]) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]


def _save_keeping_times(record: models.Model, actor: Any, reason: str) -> None:
    """Save every column but the automatic times, which stay as the database holds them.

    An ordinary save, so that the history and the transparency log see it; the times are left
    out because a record whose testimony links changed, or which is put back as it was, has
    not been edited by anyone.
    """
    times = set(_automatic_times(type(record)))
    columns = [
        field.attname
        for field in record._meta.concrete_fields
        if not field.primary_key and field.attname not in times
    ]
    as_history_of(record, actor, reason)
    record.save(update_fields=columns)


def _link_owners(rows: Iterable[models.Model]) -> list[models.Model]:
    """The records (testimonies, evidence) whose many-to-many field a link row belongs to.

    Django sends no signal when such a row is saved or deleted one by one, so the owners are
    saved again to let the history and the transparency log know about their new persons.
    """
    owners: dict[tuple[type[models.Model], Any], models.Model] = {}
    for row in rows:
        meta = type(row)._meta
        if not meta.auto_created:
            continue
        for field in meta.concrete_fields:
            related = getattr(field, "related_model", None)
            if related is None or related is Person or related is type(row):
                continue
            pk = getattr(row, field.attname)
            if (related, pk) not in owners:
                owner = related._base_manager.filter(pk=pk).first()
                if owner is not None:
                    owners[(related, pk)] = owner
    return list(owners.values())


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say why: a merge without a reason cannot be reviewed or undone with confidence.")
        )
    return reason


def merge_persons(actor: Any, survivor: Person, merged: Person, *, reason: str) -> Snapshot:
    """Fold ``merged`` into ``survivor``, keeping every name, event, document, testimony,
    evidence item and family tie; returns the rows of both as they were, for an undo.

    Records entered by different accounts are not merged: a family would otherwise see the
    staff's notes and documents of the other record, or lose sight of its own. The survivor
    takes the stricter visibility and only the consents both records have. A tie that would
    become a duplicate, or a tie between the two persons themselves, is removed.
    """
    require(
        access.can_merge_persons(actor)
        and access.can_edit_person(actor, survivor)
        and access.can_edit_person(actor, merged),
        _("Only documenters and reviewers merge records."),
    )
    reason = _required_reason(reason)
    if survivor.pk == merged.pk:
        raise ValidationError(_("A person cannot be merged with themselves."))
    with transaction.atomic():
        survivor = Person.objects.select_for_update().get(pk=survivor.pk)
        merged = Person.objects.select_for_update().get(pk=merged.pk)
        if survivor.created_by_id != merged.created_by_id:
            raise ValidationError(
                _(
                    "These two records were entered by different accounts, so they are not "
                    "merged: whoever entered one would see, or lose, what was entered with the "
                    "other. Ask the person who entered one of them to add what is missing to "
                    "the other, or delete it."
                )
            )
        snapshot = _snapshot([survivor.pk, merged.pk])
        history_reason = _("Merged with record %(merged)s: %(reason)s") % {
            "merged": merged.pk,
            "reason": reason,
        }
        moved: list[models.Model] = []
        for model, column in person_relations():
            for row in model._base_manager.filter(**{column: merged.pk}).order_by("pk"):
                moved.append(row)
                setattr(row, column, survivor.pk)
                if isinstance(row, Name) and row.kind == Name.Kind.PRIMARY:
                    row.kind = Name.Kind.ALIAS  # the survivor keeps its own primary name
                as_history_of(row, actor, history_reason)
                try:
                    with transaction.atomic():
                        row.save()
                except IntegrityError:
                    # A tie the survivor already has, or one between the two persons.
                    with transaction.atomic():
                        duplicate = model._base_manager.get(pk=row.pk)
                        as_history_of(duplicate, actor, history_reason)
                        duplicate.delete()
        for field in FOLDED_FIELDS:
            if not getattr(survivor, field) and getattr(merged, field):
                setattr(survivor, field, getattr(merged, field))
        if merged.notes and merged.notes not in survivor.notes:
            survivor.notes = "\n\n".join(part for part in (survivor.notes, merged.notes) if part)
        survivor.visibility = stricter_visibility(survivor.visibility, merged.visibility)
        for consent in _CONSENTS:
            setattr(survivor, consent, getattr(survivor, consent) and getattr(merged, consent))
        survivor.publication_level = min(
            survivor.publication_level, merged.publication_level, key=_LEVELS.index
        )
        survivor.full_clean()
        check_publishable(survivor)
        validate_timeline(survivor)
        as_history_of(survivor, actor, history_reason)
        survivor.save()
        for owner in _link_owners(moved):
            _save_keeping_times(owner, actor, history_reason)
        merged_id = merged.pk
        as_history_of(
            merged,
            actor,
            _("Merged into record %(survivor)s: %(reason)s")
            % {"survivor": survivor.pk, "reason": reason},
        )
        merged.delete()
        persons_merged.send(
            sender=Person, survivor=survivor, merged_id=merged_id, actor=actor, reason=reason
        )
    return snapshot


def unmerge_persons(actor: Any, snapshot: Snapshot, *, reason: str = "") -> list[Person]:
    """Put back both persons of a merge, and every registry row that referred to them, exactly
    as ``snapshot`` (from :func:`merge_persons`) holds them; returns the two persons.

    Rows of other apps in the snapshot are left to the caller. Names, events and ties added to
    the survivor after the merge stay with it.
    """
    require(access.can_merge_persons(actor), _("Only documenters and reviewers undo merges."))
    restorable = {Person, *(model for model, _column in person_relations())}
    rows = [
        item.object
        for item in serializers.deserialize("python", snapshot)
        if type(item.object) in restorable
    ]
    # Persons first, then the rows that point at them.
    rows.sort(key=lambda row: not isinstance(row, Person))
    history_reason = _("Merge undone") + (f": {reason}" if reason else "")
    with transaction.atomic():
        for row in rows:
            model = type(row)
            exists = model._base_manager.filter(pk=row.pk).exists()
            if model._meta.auto_created:
                # A link row: no history of its own; its owner is saved below.
                row.save(force_insert=not exists, force_update=exists)
                continue
            # Saving stamps the times anew; the undo gives them back as they were, then saves
            # the row once more so that the history and the log record it as it now is.
            times = {attname: getattr(row, attname) for attname in _automatic_times(model)}
            if not exists:
                as_history_of(row, actor, history_reason)
                row.save(force_insert=True)
            if times:
                model._base_manager.filter(pk=row.pk).update(**times)
                for attname, value in times.items():
                    setattr(row, attname, value)
            _save_keeping_times(row, actor, history_reason)
        for owner in _link_owners(rows):
            _save_keeping_times(owner, actor, history_reason)
    return [row for row in rows if isinstance(row, Person)]
