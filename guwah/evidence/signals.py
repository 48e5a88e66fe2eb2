"""Every change to a registry record appends a log entry in the same transaction."""

from __future__ import annotations

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


def _saved(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    log.record_change(instance, log.Action.CREATE if created else log.Action.UPDATE)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    log.record_change(instance, log.Action.DELETE, reload=False)
    for owner in getattr(instance, "_guwah_link_owners", ()):
        log.record_change(owner, log.Action.UPDATE)


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
    if type(instance) not in _models:
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
    changed = (
        _cleared.pop(id(instance), [])
        if action == "post_clear"
        else list(model._base_manager.filter(pk__in=pk_set or ()))
    )
    for record in changed:
        log.record_change(record, log.Action.UPDATE)


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

        actor_id = log._actor_id(instance)
        CustodyEvent.objects.create(
            evidence=instance,
            action=CustodyEvent.Action.REGRADED,
            actor_id=actor_id,
            detail={"from": old, "to": instance.reliability},
        )


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
