"""Bringing back earlier versions and deleted records, as new recorded changes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.models import (
    Event,
    FamilyTie,
    Person,
)
from guwah.registry.services.checks import (
    as_history_of,
    may_edit_any,
    require,
    validate_timeline,
)

# Visibility and consent are decided only by ``set_visibility`` and ``set_consent``: restoring
# an old version must never publish what a family has since withdrawn. Bookkeeping fields
# keep their present values too.
_NOT_RESTORED = frozenset(
    {
        "visibility",
        "consent_publish",
        "consent_share_un",
        "consent_name_witness",
        "created_by",
        "created_at",
        "updated_at",
        "synthetic",
    }
)


def restore_version(actor: Any, record: models.Model, history_id: int) -> models.Model:
    """Bring ``record`` back to the fields it had in history row ``history_id``.

    The restore is itself a change, kept in the history with its reason, so nothing is lost:
    the version being replaced can be restored in turn.
    """
    require(
        access.can_restore_history(actor) and may_edit_any(actor, record),
        _("Only a reviewer or an administrator may restore an earlier version."),
    )
    historical = record.history.get(history_id=history_id)  # type: ignore[attr-defined]
    if getattr(historical, record._meta.pk.attname) != record.pk:
        raise ValidationError(_("That version belongs to another record."))
    with transaction.atomic():
        for field in record._meta.concrete_fields:
            if field.primary_key or field.name in _NOT_RESTORED:
                continue
            setattr(record, field.attname, getattr(historical, field.attname))
        record.full_clean()
        if isinstance(record, Event):
            validate_timeline(record.person, record)
        elif isinstance(record, Person):
            validate_timeline(record, birth_date=record.birth_date)
        when = historical.history_date.strftime("%Y-%m-%d %H:%M:%S UTC")
        as_history_of(record, actor, reason=_("Restored the version of %(when)s") % {"when": when})
        record.save()
        for field in getattr(historical, "_history_m2m_fields", []):
            target = field.m2m_reverse_field_name()
            rows = getattr(historical, field.name).all()
            getattr(record, field.name).set([getattr(row, f"{target}_id") for row in rows])
    return record


def restore_deleted(actor: Any, model: type[models.Model], history_id: int) -> models.Model:
    """Bring back a deleted name, event, family tie or identity document as it was in history
    row ``history_id``; a restored tie brings its inverse back with it."""
    if model is Person:
        raise ValidationError(_("A deleted person cannot be restored from this page."))
    historical = model.history.get(history_id=history_id)  # type: ignore[attr-defined]
    pk = getattr(historical, model._meta.pk.attname)
    if model._default_manager.filter(pk=pk).exists():
        raise ValidationError(_("This record still exists; restore one of its versions instead."))
    record = historical.instance
    person_id = getattr(record, "person_id", None)
    person = Person.objects.filter(pk=person_id).first() if person_id is not None else None
    require(
        person is not None
        and access.can_restore_history(actor)
        and access.can_edit_person(actor, person),
        _("Only a reviewer or an administrator may restore an earlier version."),
    )
    when = historical.history_date.strftime("%Y-%m-%d %H:%M:%S UTC")
    with transaction.atomic():
        record.full_clean(validate_unique=False)
        if isinstance(record, Event):
            validate_timeline(record.person, record)
        as_history_of(record, actor, reason=_("Restored the version of %(when)s") % {"when": when})
        record.save(force_insert=True)
        for field in getattr(historical, "_history_m2m_fields", []):
            target = field.m2m_reverse_field_name()
            rows = getattr(historical, field.name).all()
            getattr(record, field.name).set([getattr(row, f"{target}_id") for row in rows])
        if isinstance(record, FamilyTie):
            inverse = FamilyTie.INVERSE[FamilyTie.Relation(record.relation)]
            if not FamilyTie.objects.filter(
                person=record.relative_id, relative=record.person_id
            ).exists():
                mirror = FamilyTie(
                    person_id=record.relative_id,
                    relative_id=record.person_id,
                    relation=inverse,
                    note=record.note,
                    synthetic=record.synthetic,
                )
                as_history_of(mirror, actor, reason=_("Restored with its inverse tie"))
                mirror.save()
    return record
