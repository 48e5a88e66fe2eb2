"""Every change to a record appends a log entry, with its actor, in the same transaction.

These receivers are the only code that appends entries for records: model signals for what is
saved one by one, the registry's ``bulk_created`` for what a bulk loader inserted. The records
are those of :func:`guwah.evidence.log.logged_models`: the registry's, accounts and their roles,
custody steps, state positions, imported lists and linkage decisions. Models of the apps beside
this one are found by label in Django's app registry, never imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from guwah.evidence import log
from guwah.registry.signals import bulk_created, persons_merged


def _saved(
    sender: type[models.Model],
    instance: models.Model,
    created: bool,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    unrecorded = log.UNRECORDED_FIELDS.get(sender._meta.label_lower)
    if not created and update_fields and unrecorded and set(update_fields) <= unrecorded:
        return  # Only columns the log leaves out changed (an account's last sign-in).
    log.record_change(instance, log.Action.CREATE if created else log.Action.UPDATE)


def _bulk_created(
    sender: type[models.Model],
    records: Iterable[models.Model] | None = None,
    actor: Any = None,
    pks: Iterable[Any] | None = None,
    **kwargs: Any,
) -> None:
    if sender not in _models:
        return
    if records is not None:
        log.record_existing(records, actor=actor)
    if pks is not None:
        log.record_rows(sender, pks, actor=actor)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    log.record_change(instance, log.Action.DELETE, reload=False)
    for owner in getattr(instance, "_guwah_link_owners", ()):
        log.record_change(owner, log.Action.UPDATE, cause=instance)


_cleared: dict[int, list[Any]] = {}


def _m2m(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    # The records whose field changed: ``instance`` itself, or from the other side (a group's
    # ``user_set``, a person's ``evidence``) the ``model`` rows it was linked to or unlinked from.
    owner = model if reverse else type(instance)
    if owner not in _models:
        return
    if reverse and action == "pre_clear":
        # After a clear the related ids are gone; the records whose field changed are these.
        field = next(
            f
            for f in model._meta.many_to_many
            if getattr(f.remote_field, "through", None) is sender
        )
        related = model._base_manager.filter(**{field.name: instance})
        _cleared[id(instance)] = list(related)
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        log.record_change(instance, log.Action.UPDATE)
        return
    # The records whose field changed were read back here; whoever changed ``instance`` changed
    # them.
    changed = (
        _cleared.pop(id(instance), [])
        if action == "post_clear"
        else list(model._base_manager.filter(pk__in=pk_set or ()))
    )
    for record in changed:
        log.record_change(record, log.Action.UPDATE, cause=instance)


def _deleting(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    # Deleting a record silently deletes the many-to-many rows that point at it (Django sends
    # no ``m2m_changed`` for a cascade), which changes the records owning those fields: find
    # them now, log them once the deletion is done.
    owners: list[models.Model] = []
    for relation in sender._meta.related_objects:
        owner_model = relation.related_model
        if relation.many_to_many and isinstance(owner_model, type) and owner_model in _models:
            owners += owner_model._base_manager.filter(**{relation.field.name: instance})
    # Carried on the instance itself from pre_delete to post_delete, so that it goes with it if
    # the deletion fails; Django's model type declares no such attribute.
    instance._guwah_link_owners = owners  # type: ignore[attr-defined]


_models: set[type[models.Model]] = set()


def _grading(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if instance.pk is not None:
        instance._guwah_old_grade = (
            sender._base_manager.filter(pk=instance.pk)
            .values_list("reliability", flat=True)
            .first()
        )


def _graded(sender: type[models.Model], instance: Any, created: bool, **kwargs: Any) -> None:
    # A new grade changes how far the item may be relied on: a step in its chain of custody.
    old = getattr(instance, "_guwah_old_grade", None)
    if not created and old is not None and old != instance.reliability:
        from guwah.evidence.models import CustodyEvent

        actor_id = log.acting_user_id(instance)
        CustodyEvent.objects.create(
            evidence=instance,
            action=CustodyEvent.Action.REGRADED,
            actor_id=actor_id,
            detail={"from": old, "to": instance.reliability},
        )


def _merged(
    sender: type[models.Model], survivor: models.Model, actor: Any = None, **kwargs: Any
) -> None:
    # The saves and the deletion are logged already; this entry says they were one merge.
    log.record_merge(survivor, actor=actor)


def connect() -> None:
    from guwah.registry.models import Evidence

    pre_save.connect(_grading, sender=Evidence, dispatch_uid="guwah-custody-grading")
    post_save.connect(_graded, sender=Evidence, dispatch_uid="guwah-custody-graded")
    for model in log.logged_models():
        _models.add(model)
        post_save.connect(_saved, sender=model, dispatch_uid=f"guwah-log-save-{model._meta.label}")
        post_delete.connect(
            _deleted, sender=model, dispatch_uid=f"guwah-log-delete-{model._meta.label}"
        )
        pre_delete.connect(
            _deleting, sender=model, dispatch_uid=f"guwah-log-deleting-{model._meta.label}"
        )
    m2m_changed.connect(_m2m, dispatch_uid="guwah-log-m2m")
    bulk_created.connect(_bulk_created, dispatch_uid="guwah-log-bulk")
    persons_merged.connect(_merged, dispatch_uid="guwah-log-merge")
