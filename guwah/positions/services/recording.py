"""How every change to the record of state positions is written: by whom it may be made, and
how a row is saved so that its history names the actor and the transparency log hears it."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from guwah.registry import access
from guwah.registry.services.checks import as_history_of, require
from guwah.registry.signals import bulk_created

Record = TypeVar("Record", bound=models.Model)

# simple-history keeps a change reason of at most this many characters.
REASON_LENGTH = 100


def require_editor(actor: Any) -> None:
    require(
        access.can_edit_positions(actor),
        _("Only the organisation's staff change the record of state positions."),
    )


def values_of(record: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}


def save(record: models.Model, actor: Any, reason: str | None = None) -> None:
    record.full_clean()
    as_history_of(record, actor, reason[:REASON_LENGTH] if reason else None)
    record.save()


def stored(record: Record) -> Record:
    """The row as the database holds it, locked until the change is written.

    Changes are made to this copy, not to the caller's instance, which a form may already
    have altered: comparing against the database is what tells whether anything changed.
    """
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


def save_if_changed(record: models.Model, caller: models.Model, actor: Any) -> None:
    """Save ``record`` (a :func:`stored` copy) if it differs from the database (no empty
    history rows), and give the caller's instance the values now recorded."""
    if values_of(record) != values_of(stored(record)):
        save(record, actor)
    for name, value in values_of(record).items():
        setattr(caller, name, value)


def apply_changes(record: models.Model, values: dict[str, Any]) -> bool:
    """Give ``record`` the ``values`` it does not have yet; whether there were any."""
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, values[name])
    return bool(changed)


def add_in_bulk(
    actor: Any, model: type[models.Model], records: list[Any], reason: str | None
) -> None:
    """Insert new rows of one model with their history rows, and announce them to the log."""
    if not records:
        return
    created = bulk_create_with_history(
        records,
        model,
        default_user=actor,
        default_change_reason=reason[:REASON_LENGTH] if reason else None,
    )
    bulk_created.send(sender=model, records=created, actor=actor)
