"""Reading the change history of a person's record: who changed what, when, field by field.

A person's record is more than its row: the history shown for a person gathers the changes to
their names, events, family ties and identity documents too, newest first. Restoring a
version is a service (:func:`guwah.registry.services.restore_version`); this module only reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from guwah.registry.models import Event, FamilyTie, IdentityDocument, Name, Person

# Bookkeeping that changes on every save and says nothing to a reader.
# Derived columns (the names engine's forms, the date bounds) follow from the fields shown.
_HIDDEN_FIELDS = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "date_earliest",
        "date_latest",
        "date_sort",
        "birth_year",
        "uly",
        "match_key",
    }
)

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}

# The models whose history a person page gathers, by the short name used in restore URLs.
TRACKED: dict[str, type[models.Model]] = {
    "person": Person,
    "name": Name,
    "event": Event,
    "familytie": FamilyTie,
    "identitydocument": IdentityDocument,
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    model: str
    model_label: str
    record_id: int
    record_label: str
    history_id: int
    when: dt.datetime
    who: Any
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    # The version the record has now; restoring it would change nothing.
    is_current: bool = False

    @property
    def action_label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))


def _display(historical: Any, model_field: models.Field) -> str:
    value = getattr(historical, model_field.attname)
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        try:
            return str(getattr(historical, model_field.name))
        except model_field.related_model.DoesNotExist:  # type: ignore[union-attr]
            return f"#{value}"
    return str(value)


def _fields(model: type[models.Model]) -> list[models.Field]:
    # On a person's history page, a name's or an event's "person" is always that person.
    hidden = _HIDDEN_FIELDS | ({"person"} if model is not Person else set())
    return [
        model_field
        for model_field in model._meta.concrete_fields
        if model_field.name not in hidden and model_field.editable
    ]


def _change(model_name: str, historical: Any, previous: Any | None) -> Change:
    model = TRACKED[model_name]
    field_changes = []
    for model_field in _fields(model):
        if historical.history_type == "-":
            break
        new = _display(historical, model_field)
        old = _display(previous, model_field) if previous is not None else ""
        if previous is None and (new == "" or getattr(historical, model_field.attname) is False):
            # A new record lists what it was given, not every empty field and unticked box.
            continue
        if old != new:
            field_changes.append(FieldChange(str(model_field.verbose_name), old, new))
    return Change(
        model=model_name,
        model_label=str(model._meta.verbose_name),
        record_id=getattr(historical, model._meta.pk.attname),
        record_label=_record_label(model_name, historical),
        history_id=historical.history_id,
        when=historical.history_date,
        who=historical.history_user,
        action=historical.history_type,
        reason=historical.history_change_reason or "",
        changes=field_changes,
    )


def _record_label(model_name: str, historical: Any) -> str:
    if model_name == "name":
        return historical.text
    if model_name == "event":
        return f"{historical.get_kind_display()} {historical.date}".strip()
    if model_name == "familytie":
        relative = _display(historical, FamilyTie._meta.get_field("relative"))
        return f"{historical.get_relation_display()}: {relative}"
    if model_name == "identitydocument":
        return f"{historical.get_kind_display()} {historical.number}"
    return ""


def _history_of(model_name: str, rows: Any) -> list[Change]:
    changes = []
    previous_of: dict[int, Any] = {}
    latest_of: dict[int, Change] = {}
    model = TRACKED[model_name]
    for historical in rows.select_related("history_user").order_by("history_date", "history_id"):
        record_id = getattr(historical, model._meta.pk.attname)
        change = _change(model_name, historical, previous_of.get(record_id))
        changes.append(change)
        previous_of[record_id] = historical
        latest_of[record_id] = change
    for change in latest_of.values():
        change.is_current = change.action != "-"
    return changes


def person_history(person: Person) -> list[Change]:
    """Every change to the person and to what belongs to them, newest first."""
    changes = _history_of("person", Person.history.filter(id=person.pk))
    for model_name in ("name", "event", "familytie", "identitydocument"):
        model = TRACKED[model_name]
        rows = model.history.filter(person_id=person.pk)  # type: ignore[attr-defined]
        changes.extend(_history_of(model_name, rows))
    changes.sort(key=lambda change: (change.when, change.history_id), reverse=True)
    return changes
