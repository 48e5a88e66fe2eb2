"""Changes an editor makes one at a time: a state's details, an instrument, a position.

Each takes the acting user first, asks the access policy, refuses a field it does not change,
and writes in one transaction. A correction is made to the row as the database holds it and
saved only if something changed, so that every history row is a real change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from guwah.positions import countries, records
from guwah.positions.membership import un_status
from guwah.positions.models import Instrument, Position, State
from guwah.positions.services import recording
from guwah.positions.services.recording import Record
from guwah.registry.services.checks import as_history_of, only_fields

POSITION_FIELDS = frozenset({"instrument", "state", "stance", "date", "source_url"})
INSTRUMENT_FIELDS = frozenset(
    {
        "code",
        "kind",
        "date",
        "forum",
        "lead_state",
        "document_symbol",
        "reported_count",
        "listed_note",
        "text_url",
    }
)
# What ISO 3166-1 does not settle: the codes are the state's identity and never change.
STATE_FIELDS = frozenset({"name", "official_name", "un_status"})

Assign = Callable[[Any, Any, dict[str, Any]], None]


def _write(
    actor: Any,
    record: Record,
    function: str,
    allowed: frozenset[str],
    fields: dict[str, Any],
    assign: Assign,
) -> Record:
    """Check the change, then write it in one transaction: a new record is saved; a recorded
    one is corrected on its stored copy, and saved only if that changed anything."""
    recording.require_editor(actor)
    only_fields(function, fields, allowed)
    with transaction.atomic():
        if record.pk is None:
            assign(actor, record, fields)
            recording.save(record, actor)
        else:
            stored = recording.stored(record)
            assign(actor, stored, fields)
            recording.save_if_changed(stored, record, actor)
    return record


def _remove(actor: Any, record: models.Model) -> None:
    recording.require_editor(actor)
    with transaction.atomic():
        as_history_of(record, actor)
        record.delete()


# States.


def state_fields(country: Any) -> dict[str, str]:
    """What ISO 3166-1 and the UN's membership say of ``country``, as a state's columns."""
    return {
        "alpha_2": country.alpha_2,
        "numeric": country.numeric,
        "name": countries.english_name(country.alpha_3),
        "official_name": countries.official_name(country.alpha_3),
        "un_status": un_status(country.alpha_3).value,
    }


def _state(actor: Any, value: State | str | None, field_name: str) -> State | None:
    """The state ``value`` names, added from ISO 3166-1 (as ``actor``) if not in the table yet.

    Editors pick states from ISO 3166-1 itself, so the forms need no rows to exist beforehand
    and showing a form never has to write any.
    """
    if isinstance(value, State) or value is None:
        return value
    code = value.strip().upper()
    if not code:
        return None
    state = State.objects.filter(code=code).first()
    if state is not None:
        return state
    country = pycountry.countries.get(alpha_3=code) if code in records.ISO_ALPHA_3 else None
    if country is None:
        raise ValidationError(
            {field_name: _("“%(code)s” is not an ISO 3166-1 alpha-3 code.") % {"code": code}}
        )
    state = State(code=code, **state_fields(country))
    recording.save(state, actor)
    return state


def sync_states(actor: Any, reason: str | None = None) -> int:
    """Add every ISO 3166-1 country missing from the table; return how many were added."""
    recording.require_editor(actor)
    existing = set(State.objects.values_list("code", flat=True))
    missing = [
        State(code=country.alpha_3, **state_fields(country))
        for country in pycountry.countries
        if country.alpha_3 not in existing
    ]
    recording.add_in_bulk(actor, State, missing, reason)
    return len(missing)


def _assign_fields(actor: Any, record: models.Model, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(record, name, value)


def update_state(actor: Any, state: State, **fields: Any) -> State:
    """Correct what the record says of a state (its name as shown, its standing at the UN)."""
    return _write(actor, state, "update_state", STATE_FIELDS, fields, _assign_fields)


# Instruments.

_OPTIONAL_TEXT = frozenset({"document_symbol", "listed_note", "text_url"})


def _assign_instrument(actor: Any, instrument: Instrument, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "lead_state":
            instrument.lead_state = _state(actor, value, "lead_state")
        elif name == "date":
            instrument.date = _normalised_date(value)
        elif value is None and name in _OPTIONAL_TEXT:
            setattr(instrument, name, "")
        else:
            setattr(instrument, name, value)
    if not instrument.document_symbol and instrument.forum:
        instrument.document_symbol = records.document_symbol_in(instrument.forum)


def _correct_instrument(actor: Any, instrument: Instrument, fields: dict[str, Any]) -> None:
    if fields.pop("code", instrument.code) != instrument.code:
        raise ValidationError(
            {"code": _("An instrument's code is fixed once it has been recorded.")}
        )
    _assign_instrument(actor, instrument, fields)


def _normalised_date(value: str | None) -> str:
    try:
        return records.parse_day_month_or_year(value or "")
    except ValueError as error:
        raise ValidationError({"date": str(error)}) from None


def add_instrument(actor: Any, **fields: Any) -> Instrument:
    """Record a statement, letter, vote or determination that states joined."""
    return _write(
        actor, Instrument(), "add_instrument", INSTRUMENT_FIELDS, fields, _assign_instrument
    )


def update_instrument(actor: Any, instrument: Instrument, **fields: Any) -> Instrument:
    """Correct an instrument; its code, by which files and links know it, stays as it is."""
    return _write(
        actor, instrument, "update_instrument", INSTRUMENT_FIELDS, fields, _correct_instrument
    )


def delete_instrument(actor: Any, instrument: Instrument) -> None:
    """Remove an instrument recorded by mistake; its positions must be removed first, each
    with its own history row, rather than vanish with it."""
    recording.require_editor(actor)
    if instrument.positions.exists():
        raise ValidationError(
            _("%(code)s still has positions: remove them first.") % {"code": instrument.code}
        )
    _remove(actor, instrument)


# Positions.


def _assign_position(actor: Any, position: Position, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "state":
            state = _state(actor, value, "state")
            if state is None:
                raise ValidationError({"state": _("Choose the state.")})
            position.state = state
        elif name == "date":
            position.date = _normalised_date(value) if value else ""
        else:
            setattr(position, name, value)
    # A state that joined with the others carries the instrument's own date.
    if not position.date and position.instrument_id is not None:
        position.date = position.instrument.date


def _correct_position(actor: Any, position: Position, fields: dict[str, Any]) -> None:
    for name in ("state", "instrument"):
        value = fields.pop(name, None)
        current = str(getattr(position, f"{name}_id"))
        if value is not None and str(getattr(value, "pk", value)).upper() != current.upper():
            raise ValidationError(
                {name: _("This cannot be changed; remove the entry and add another.")}
            )
    _assign_position(actor, position, fields)


def add_position(actor: Any, **fields: Any) -> Position:
    """Record that a state took a stance on an instrument, with the source that shows it."""
    return _write(actor, Position(), "add_position", POSITION_FIELDS, fields, _assign_position)


def update_position(actor: Any, position: Position, **fields: Any) -> Position:
    """Correct a position (its stance, date or source); which state on which instrument it is
    stays fixed, so that its history is the history of one fact."""
    return _write(actor, position, "update_position", POSITION_FIELDS, fields, _correct_position)


def delete_position(actor: Any, position: Position) -> None:
    """Remove a wrong entry; its history keeps a copy, and who removed it."""
    _remove(actor, position)
