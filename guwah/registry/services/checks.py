"""What every registry service asks before it writes: may the actor, is the change whole."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from guwah import text as readable
from guwah.registry import access, timeline
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import (
    Event,
    Evidence,
    Incident,
    Person,
    Protected,
    Testimony,
    Versioned,
    Visibility,
    describe_invalid_date,
)
from guwah.registry.status import entries_of
from guwah.registry.timeline import Problem


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def as_history_of(record: models.Model, actor: Any, reason: str | None = None) -> None:
    # The request middleware names the user for web requests; commands and the API call the
    # same services without a request, so the actor is named here for all of them.
    record._history_user = actor  # type: ignore[attr-defined]
    if reason:
        record._change_reason = reason  # type: ignore[attr-defined]


def only_fields(function: str, fields: Mapping[str, Any], allowed: Collection[str]) -> None:
    """Refuse a call with a field the service does not change: a programming error (a form or
    an import naming a column that does not exist), not bad input, so it is a ``TypeError``."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{function} got unknown fields: {sorted(unknown)}")


def _kind_label(kind: object) -> str:
    try:
        return str(Event.Kind(str(kind)).label)
    except ValueError:
        return str(kind)


def problem_message(problem: Problem) -> str:
    params = dict(problem.params)
    for key in ("kind", "detention_kind"):
        if key in params:
            params[key] = _kind_label(params[key])
    messages = {
        "future": _("%(kind)s on %(date)s would be in the future."),
        "before_birth": _("%(kind)s on %(date)s would be before the birth (%(birth)s)."),
        "release_before_detention": _(
            "A release on %(date)s cannot come before the first detention "
            "(%(detention_kind)s, %(detention)s)."
        ),
        "two_deaths": _("A person can have only one confirmed death."),
        "after_death": _(
            "%(kind)s on %(date)s would be after the death (%(death)s). If the death was "
            "only reported, record it as a reported death."
        ),
    }
    return messages.get(problem.code, problem.code) % params


def validate_timeline(
    person: Person,
    new_event: Event | None = None,
    *,
    birth_date: str | None = None,
    removed: Event | None = None,
) -> None:
    """Refuse, with every reason at once, a timeline that cannot have happened.

    ``new_event`` is an unsaved or changed event, checked together with the person's others;
    ``birth_date`` checks a new birth date against the events already recorded.
    """
    replaced = {event.pk for event in (new_event, removed) if event is not None and event.pk}
    events = [event for event in person.events.all() if event.pk not in replaced]
    if new_event is not None:
        events.append(new_event)
    birth_text = person.birth_date if birth_date is None else birth_date
    try:
        birth = PartialDate.parse(birth_text) if birth_text else None
        entries = entries_of(events)
    except InvalidPartialDate as exc:
        raise ValidationError(describe_invalid_date(exc)) from exc
    problems = timeline.timeline_problems(birth, entries)
    if problems:
        field = "birth_date" if birth_date is not None and new_event is None else "date"
        raise ValidationError({field: [problem_message(problem) for problem in problems]})


def check_visibility(actor: Any, current: str | None, visibility: str | None) -> None:
    """May ``actor`` move a record from visibility ``current`` (None: a new record) to
    ``visibility`` (None: unchanged)?"""
    if visibility is None or visibility == current:
        return
    if visibility not in Visibility.values:
        raise ValidationError(
            {"visibility": _("“%(value)s” is not a visibility.") % {"value": visibility}}
        )
    require(
        access.can_set_visibility(actor, visibility),
        _("Only a reviewer or an administrator may make a record public."),
    )


def check_publishable(record: Protected) -> None:
    if record.visibility == Visibility.PUBLIC and not record.consent_publish:
        raise ValidationError(
            {
                "visibility": _(
                    "This record cannot be made public: its family has not agreed to publication."
                )
            }
        )


def check_upload_size(size: int | None, *, limit: int | None = None, partial: bool = False) -> None:
    """The one upload-size check: forms, services and the evidence store all ask here.

    ``size`` is the file's size, or with ``partial`` the bytes received so far of a stream
    whose size is not known in advance; ``limit`` defaults to ``GUWAH_MAX_UPLOAD_BYTES``.
    """
    limit = limit or settings.GUWAH_MAX_UPLOAD_BYTES
    if size is None or size <= limit:
        return
    megabytes = {"size": f"{size / 1_048_576:.1f}", "limit": f"{limit / 1_048_576:.1f}"}
    if partial:
        raise ValidationError(
            _("The file is larger than %(limit)s MB, the largest accepted.") % megabytes
        )
    raise ValidationError(
        _("The file is %(size)s MB; the largest accepted is %(limit)s MB.") % megabytes
    )


def check_upload(upload: Any, field: str) -> None:
    """A service's check of an uploaded file, its message on ``field``."""
    if not upload:
        return
    try:
        check_upload_size(getattr(upload, "size", None))
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


# What a registry file field holds: a person's photo is an image; a testimony's file is a
# recording (or a scan of a written statement).
PHOTO = "photo"
RECORDING = "recording"

# The registry reads no file's bytes itself. The app above it that sniffs stored files (the
# evidence app) registers, when it starts, the one screen every photo and recording passes:
# ``screen(upload, kind)`` returns the file to store (a photo re-encoded) or raises a
# ``ValidationError``. Without a screen no photo or recording is accepted.
UploadScreen = Callable[[Any, str], Any]

_upload_screens: list[UploadScreen] = []


def screen_uploads_with(screen: UploadScreen) -> None:
    """Make ``screen`` the one function that reads photos and recordings before they are
    stored."""
    _upload_screens[:] = [screen]


class ScreenedFile(ContentFile):
    """Bytes a caller has screened already, to be kept exactly as they are: a restored archive's
    recording, screened (and re-encoded, if an image) when it was first uploaded."""


def screened_upload(fields: dict[str, Any], field: str, kind: str) -> dict[str, Any]:
    """``fields`` with the new upload in ``field`` checked by size and by content (``kind``:
    :data:`PHOTO` or :data:`RECORDING`) and replaced by the file to store; a file already
    stored, or a field being cleared, passes unchanged."""
    upload = fields.get(field)
    if not upload or isinstance(upload, FieldFile):
        return fields
    check_upload(upload, field)
    if isinstance(upload, ScreenedFile):
        return fields
    if not _upload_screens:
        raise ValidationError({field: _("This installation accepts no files.")})
    try:
        kept = _upload_screens[0](upload, kind)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    return {**fields, field: kept}


def may_edit(actor: Any, record: Protected) -> bool:
    if isinstance(record, Person):
        return access.can_edit_person(actor, record)
    if isinstance(record, Testimony):
        return access.can_edit_testimony(actor, record)
    if isinstance(record, Evidence):
        return access.can_edit_evidence(actor, record)
    return False


def may_edit_any(actor: Any, record: models.Model) -> bool:
    if isinstance(record, Protected):
        return may_edit(actor, record)
    person = getattr(record, "person", None)
    if isinstance(person, Person):
        return access.can_edit_person(actor, person)
    return access.can_manage_reference_data(actor)


# The long free texts of each record: characters that reorder or do not show are removed from
# them, where names and short texts refuse them (see :mod:`guwah.text` for why).
LONG_TEXTS: dict[type[models.Model], tuple[str, ...]] = {
    Person: ("notes",),
    Event: ("description",),
    Testimony: ("text",),
    Evidence: ("description",),
    Incident: ("description",),
}

# ``history_change_reason`` holds at most 100 characters.
_REASON_LENGTH = 100


def remove_hidden_characters(record: models.Model) -> list[str]:
    """Remove the characters that reorder text or do not show from ``record``'s long texts,
    and say in its history which were removed; returns their labels."""
    removed: list[readable.HiddenCharacter] = []
    for field in LONG_TEXTS.get(type(record), ()):
        kept, hidden = readable.without_hidden_characters(getattr(record, field) or "")
        if hidden:
            setattr(record, field, kept)
            removed.extend(hidden)
    found = readable.labels(removed)
    if found:
        reason = _("Removed characters that do not show: %(characters)s") % {
            "characters": ", ".join(item.split(" ", 1)[0] for item in found)
        }
        record._change_reason = reason[:_REASON_LENGTH]  # type: ignore[attr-defined]
    return found


class ChangedMeanwhile(ValidationError):
    """Someone else saved the record after the editor opened it at ``seen_version``; nothing
    was saved. ``version`` is the record's version now, for the editor's next attempt."""

    def __init__(self, current: Versioned, seen_version: int) -> None:
        self.version = current.version
        message = _(
            "Someone else changed this record while you were editing it; your changes were "
            "not saved."
        )
        changes = _changes_since(current, seen_version)
        if changes:
            message += " " + _("What changed: %(changes)s.") % {"changes": "; ".join(changes)}
        message += " " + _("Your entries are kept below: compare them and save again.")
        super().__init__(message, code="changed_meanwhile")


# Fields a person does not edit; a change to them is not news to the editor.
_NOT_COMPARED = frozenset({"version", "created_by", "synthetic"})


def _shown(record: models.Model, field: Any) -> str:
    if field.is_relation:
        value = getattr(record, field.name)
    elif field.flatchoices:
        value = dict(field.flatchoices).get(getattr(record, field.attname))
    else:
        value = getattr(record, field.attname)
    shown = str(value) if value not in (None, "") else str(_("nothing"))
    return shown if len(shown) <= 80 else shown[:79] + "…"


def _changes_since(current: Versioned, seen_version: int) -> list[str]:
    """What differs between the version the editor saw and ``current``, as sentences."""
    seen = (
        current.history.filter(version=seen_version)  # type: ignore[attr-defined]
        .order_by("-history_date")
        .first()
    )
    if seen is None:
        return []
    return [
        _("%(field)s is now “%(value)s”")
        % {"field": str(field.verbose_name).capitalize(), "value": _shown(current, field)}
        for field in current._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in _NOT_COMPARED
        and getattr(seen, field.attname) != getattr(current, field.attname)
    ]


def check_unchanged_since(current: Versioned, expected_version: int | None) -> None:
    """Refuse to save over changes the editor never saw: ``current`` is the stored record
    (locked by the caller), ``expected_version`` the version the editor's form was opened at
    (``None``: not known, as from a command, and not checked)."""
    if expected_version is not None and current.version != expected_version:
        raise ChangedMeanwhile(current, expected_version)
