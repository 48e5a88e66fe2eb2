"""Testimony and evidence: what the record rests on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.models import (
    Event,
    Evidence,
    Person,
    Testimony,
    Visibility,
)
from guwah.registry.services.checks import (
    RECORDING,
    as_history_of,
    check_publishable,
    check_unchanged_since,
    check_upload,
    check_visibility,
    only_fields,
    remove_hidden_characters,
    require,
    screened_upload,
)

# What a documenter writes of a testimony, in the order the testimony form asks for it.
TESTIMONY_ENTRY_FIELDS = (
    "witness_name",
    "witness_relationship",
    "given_on",
    "language",
    "text",
    "media",
    "visibility",
    "consent_publish",
    "consent_share_un",
    "consent_name_witness",
)
# Only the generator and imports mark a record synthetic.
TESTIMONY_FIELDS = frozenset({*TESTIMONY_ENTRY_FIELDS, "synthetic"})


def add_testimony(
    actor: Any,
    persons: Sequence[Person],
    *,
    events: Iterable[Event] = (),
    **fields: Any,
) -> Testimony:
    """Record what a witness said about one or more persons, and the events it supports."""
    for person in persons:
        require(access.can_edit_person(actor, person), _("You may not change this record."))
    only_fields("add_testimony", fields, TESTIMONY_FIELDS)
    if not persons:
        raise ValidationError({"persons": _("A testimony is about at least one person.")})
    check_visibility(actor, None, fields.get("visibility", Visibility.RESTRICTED))
    fields = screened_upload(fields, "media", RECORDING)
    recording = _new_recording(fields)
    testimony = Testimony(created_by=actor, **fields)
    remove_hidden_characters(testimony)
    testimony.full_clean()
    check_publishable(testimony)
    chosen_events = list(events)
    for event in chosen_events:
        require(access.can_edit_person(actor, event.person), _("You may not change this record."))
    with transaction.atomic():
        if recording is not None:
            _keep_recording(actor, testimony, persons, recording)
        as_history_of(testimony, actor)
        testimony.save()
        testimony.persons.set(persons)
        for event in chosen_events:
            event.testimonies.add(testimony)
    return testimony


def update_testimony(
    actor: Any, testimony: Testimony, *, expected_version: int | None = None, **fields: Any
) -> Testimony:
    """Change a testimony; ``expected_version`` is the version the editor saw (see
    :func:`~guwah.registry.services.update_person`)."""
    require(access.can_edit_testimony(actor, testimony), _("You may not change this record."))
    only_fields("update_testimony", fields, TESTIMONY_FIELDS)
    check_visibility(actor, testimony.visibility, fields.get("visibility"))
    fields = screened_upload(fields, "media", RECORDING)
    recording = _new_recording(fields)
    with transaction.atomic():
        check_unchanged_since(
            Testimony.objects.select_for_update().get(pk=testimony.pk), expected_version
        )
        for key, value in fields.items():
            setattr(testimony, key, value)
        remove_hidden_characters(testimony)
        testimony.full_clean()
        check_publishable(testimony)
        if recording is not None:
            _keep_recording(actor, testimony, list(testimony.persons.all()), recording)
        as_history_of(testimony, actor)
        testimony.save()
    return testimony


def delete_testimony(actor: Any, testimony: Testimony) -> None:
    require(access.can_edit_testimony(actor, testimony), _("You may not change this record."))
    with transaction.atomic():
        as_history_of(testimony, actor)
        testimony.delete()


# What a documenter writes of an item of evidence, in the order the evidence form asks for it
# (the file, if any, is handed over apart: see add_evidence).
EVIDENCE_ENTRY_FIELDS = (
    "kind",
    "title",
    "reference",
    "reliability",
    "description",
    "facility",
    "visibility",
    "consent_publish",
    "consent_share_un",
)
# The evidence form does not ask whether a witness may be named; imports and the generator
# may say so, and only they mark a record synthetic.
EVIDENCE_FIELDS = frozenset({*EVIDENCE_ENTRY_FIELDS, "consent_name_witness", "synthetic"})


# The registry keeps no file bytes itself. An app above it (the evidence store) registers the
# function that keeps an uploaded original, ``keeper(actor, evidence, upload)``, when it starts;
# the keeper stores the bytes and names them on the item with :func:`attach_evidence_file`.
EvidenceFileKeeper = Callable[[Any, Evidence, Any], object]

_file_keepers: list[EvidenceFileKeeper] = []


def keep_evidence_files_with(keeper: EvidenceFileKeeper) -> None:
    """Make ``keeper`` the one function that keeps uploaded evidence files."""
    _file_keepers[:] = [keeper]


def _keep_original(actor: Any, evidence: Evidence, upload: Any) -> None:
    if not _file_keepers:
        raise ValidationError(
            {"file": _("This installation keeps no evidence files; give a reference instead.")}
        )
    try:
        _file_keepers[0](actor, evidence, upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc


def _new_recording(fields: dict[str, Any]) -> Any:
    """Take a newly uploaded recording out of ``fields`` when the evidence store keeps files:
    it is kept there, not in the testimony's own storage (a file already stored stays put)."""
    upload = fields.get("media")
    if not _file_keepers or not upload or isinstance(upload, FieldFile):
        return None
    return fields.pop("media")


def _keep_recording(
    actor: Any, testimony: Testimony, persons: Sequence[Person], upload: Any
) -> None:
    """Keep a testimony's recording or scan as an evidence item of its own, like any file: the
    store names it by its SHA-256, logs it and starts its chain of custody, and the testimony
    holds that stored name. The item is about the same persons, written by the same hand and
    as restricted as the testimony, so those who may hear the testimony see the item; whoever
    may record the testimony may record its file, staff or family."""
    evidence = Evidence(
        created_by=actor,
        kind=Evidence.Kind.OTHER,
        title=_("Recording or scan given with a testimony"),
        visibility=testimony.visibility,
        consent_publish=testimony.consent_publish,
        consent_share_un=testimony.consent_share_un,
        consent_name_witness=testimony.consent_name_witness,
        synthetic=testimony.synthetic,
    )
    as_history_of(evidence, actor)
    evidence.save()
    evidence.persons.set(persons)
    try:
        _file_keepers[0](actor, evidence, upload)
    except ValidationError as exc:
        raise ValidationError({"media": exc.messages}) from exc
    testimony.media.name = evidence.file.name


def recordings_kept_as_evidence() -> QuerySet[Evidence, str]:
    """The stored names of testimony files the evidence store keeps (and seals, and hashes)."""
    return Evidence.objects.exclude(file="").values_list("file", flat=True)


def attach_evidence_file(actor: Any, evidence: Evidence, *, name: str, sha256: str) -> Evidence:
    """Name the stored original of an evidence item and its SHA-256; an item has one original,
    and it is never replaced (working copies are the store's, beside it)."""
    require(access.can_edit_evidence(actor, evidence), _("You may not change this record."))
    if evidence.sha256:
        raise ValidationError(
            {"file": _("This item already has its original; a new file is a working copy of it.")}
        )
    with transaction.atomic():
        evidence.file.name = name
        evidence.sha256 = sha256
        as_history_of(evidence, actor)
        evidence.save(update_fields=["file", "sha256", "updated_at"])
    return evidence


def add_evidence(
    actor: Any,
    persons: Sequence[Person] = (),
    *,
    file: Any = None,
    events: Iterable[Event] = (),
    **fields: Any,
) -> Evidence:
    """File an uploaded document or a reference as evidence about persons and events.

    The file itself goes to the registered keeper (the evidence store), inside the same
    transaction: a file refused there leaves no item behind.
    """
    require(access.can_add_evidence(actor), _("You may not add evidence."))
    for person in persons:
        require(access.can_edit_person(actor, person), _("You may not change this record."))
    only_fields("add_evidence", fields, EVIDENCE_FIELDS)
    check_upload(file, "file")
    check_visibility(actor, None, fields.get("visibility", Visibility.RESTRICTED))
    evidence = Evidence(created_by=actor, **fields)
    if not file and not evidence.reference:
        raise ValidationError(
            {"file": _("Upload a file or give a reference (a web address) to the evidence.")}
        )
    remove_hidden_characters(evidence)
    evidence.full_clean()
    check_publishable(evidence)
    chosen_events = list(events)
    with transaction.atomic():
        as_history_of(evidence, actor)
        evidence.save()
        if file:
            _keep_original(actor, evidence, file)
        evidence.persons.set(persons)
        for event in chosen_events:
            require(
                access.can_edit_person(actor, event.person), _("You may not change this record.")
            )
            event.evidence.add(evidence)
    return evidence


def update_evidence(
    actor: Any, evidence: Evidence, *, expected_version: int | None = None, **fields: Any
) -> Evidence:
    """Change an item of evidence; ``expected_version`` is the version the editor saw (see
    :func:`~guwah.registry.services.update_person`)."""
    require(access.can_edit_evidence(actor, evidence), _("You may not change this record."))
    only_fields("update_evidence", fields, EVIDENCE_FIELDS)
    check_visibility(actor, evidence.visibility, fields.get("visibility"))
    with transaction.atomic():
        check_unchanged_since(
            Evidence.objects.select_for_update().get(pk=evidence.pk), expected_version
        )
        for key, value in fields.items():
            setattr(evidence, key, value)
        remove_hidden_characters(evidence)
        evidence.full_clean()
        check_publishable(evidence)
        as_history_of(evidence, actor)
        evidence.save()
    return evidence


def delete_evidence(actor: Any, evidence: Evidence) -> None:
    require(access.can_edit_evidence(actor, evidence), _("You may not change this record."))
    with transaction.atomic():
        as_history_of(evidence, actor)
        evidence.delete()
