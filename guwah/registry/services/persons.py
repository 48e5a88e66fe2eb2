"""Persons, their names and their family ties."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from guwah.names import scripts
from guwah.registry import access
from guwah.registry.models import (
    Event,
    FamilyTie,
    IdentityDocument,
    Name,
    Person,
    Place,
    Script,
    Visibility,
)
from guwah.registry.services.checks import (
    PHOTO,
    as_history_of,
    check_publishable,
    check_unchanged_since,
    check_visibility,
    only_fields,
    remove_hidden_characters,
    require,
    screened_upload,
    validate_timeline,
)
from guwah.registry.services.events import add_event


def detect_script(text: str) -> str:
    """The script a name is written in, when its writer did not say."""
    detected = scripts.detect_script(text)
    return detected if detected in Script.values else Script.INFORMAL_LATIN


def _clean_script(script: str) -> str:
    if script not in Script.values:
        raise ValidationError(
            {
                "script": _("“%(tag)s” is not a script Guwah knows. Use one of: %(known)s.")
                % {"tag": script, "known": ", ".join(Script.values)}
            }
        )
    return script


def _new_name(person: Person, text: str, script: str, kind: str | None, synthetic: bool) -> Name:
    text = (text or "").strip()
    name = Name(
        person=person,
        text=text,
        script=_clean_script(script or detect_script(text)),
        kind=kind or Name.Kind.PRIMARY,
        synthetic=synthetic,
    )
    name.full_clean(exclude=["person"])
    return name


def create_person(actor: Any, *, names: Sequence[Mapping[str, Any]] = (), **fields: Any) -> Person:
    """Record a new person with their names (each a mapping of text, script and kind)."""
    require(access.can_add_records(actor), _("You may not add records."))
    fields = screened_upload(fields, "photo", PHOTO)
    check_visibility(actor, None, fields.get("visibility", Visibility.RESTRICTED))
    person = Person(created_by=actor, **fields)
    remove_hidden_characters(person)
    person.full_clean()
    check_publishable(person)
    # Every name is checked before the first row is written.
    pending = [
        _new_name(person, n["text"], n["script"], n.get("kind"), person.synthetic) for n in names
    ]
    with transaction.atomic():
        as_history_of(person, actor)
        person.save()
        for name in pending:
            name.person = person
            as_history_of(name, actor)
            name.save()
    return person


# What a documenter writes of a person, in the order the person form asks for it.
PERSON_ENTRY_FIELDS = (
    "sex",
    "birth_date",
    "ethnicity",
    "hometown",
    "occupation",
    "photo",
    "notes",
    "visibility",
    "consent_publish",
    "consent_share_un",
    "consent_name_witness",
)
# Imports name the hometown by its key; a family's typed village is kept beside it.
PERSON_FIELDS = frozenset({*PERSON_ENTRY_FIELDS, "hometown_id", "hometown_text"})


def update_person(
    actor: Any, person: Person, *, expected_version: int | None = None, **fields: Any
) -> Person:
    """Change a person's fields; ``expected_version`` is the version the editor saw, and a
    change saved by someone else since then is reported instead of overwritten."""
    require(access.can_edit_person(actor, person), _("You may not change this record."))
    fields = screened_upload(fields, "photo", PHOTO)
    only_fields("update_person", fields, PERSON_FIELDS)
    check_visibility(actor, person.visibility, fields.get("visibility"))
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        check_unchanged_since(locked, expected_version)
        for key, value in fields.items():
            setattr(locked, key, value)
        remove_hidden_characters(locked)
        locked.full_clean()
        check_publishable(locked)
        if "birth_date" in fields:
            validate_timeline(locked, birth_date=locked.birth_date)
        as_history_of(locked, actor)
        locked.save()
    for key in fields:
        setattr(person, key, getattr(locked, key))
    person.birth_year = locked.birth_year
    person.version = locked.version
    return locked


def delete_person(actor: Any, person: Person) -> None:
    require(access.can_delete_person(actor, person), _("You may not delete this record."))
    if person.rebuttals.exists():
        # A government's denial and the organisation's answer stay part of the record.
        raise ValidationError(
            _("This record is disputed by a government; a disputed record is never deleted.")
        )
    with transaction.atomic():
        # The mirrored ties would be deleted by the cascade too; deleting them one by one
        # keeps a history row for each.
        for tie in FamilyTie.objects.filter(models.Q(person=person) | models.Q(relative=person)):
            as_history_of(tie, actor)
            tie.delete()
        as_history_of(person, actor)
        person.delete()


def add_name(
    actor: Any, person: Person, *, text: str, script: str, kind: str = Name.Kind.ALIAS
) -> Name:
    require(access.can_edit_person(actor, person), _("You may not change this record."))
    name = _new_name(person, text, script, kind, person.synthetic)
    with transaction.atomic():
        as_history_of(name, actor)
        name.save()
    return name


def update_name(actor: Any, name: Name, **fields: Any) -> Name:
    require(access.can_edit_person(actor, name.person), _("You may not change this record."))
    if "script" in fields:
        fields["script"] = _clean_script(
            fields["script"] or detect_script(fields.get("text", name.text))
        )
    with transaction.atomic():
        for key in ("text", "script", "kind"):
            if key in fields:
                setattr(name, key, fields[key])
        name.text = name.text.strip()
        name.full_clean()
        as_history_of(name, actor)
        name.save()
    return name


def delete_name(actor: Any, name: Name) -> None:
    require(access.can_edit_person(actor, name.person), _("You may not change this record."))
    with transaction.atomic():
        as_history_of(name, actor)
        name.delete()


def add_family_tie(
    actor: Any, person: Person, relative: Person, relation: str, note: str = ""
) -> FamilyTie:
    """Record that ``relative`` is ``person``'s ``relation``, and the inverse tie with it."""
    require(
        access.can_edit_person(actor, person) and access.can_edit_person(actor, relative),
        _("You may not change these records."),
    )
    if person.pk == relative.pk:
        raise ValidationError({"relative": _("A person cannot be their own relative.")})
    if relation not in FamilyTie.Relation.values:
        raise ValidationError(
            {"relation": _("“%(value)s” is not a relation.") % {"value": relation}}
        )
    inverse = FamilyTie.INVERSE[FamilyTie.Relation(relation)]
    if FamilyTie.objects.filter(person=person, relative=relative).exists():
        raise ValidationError({"relative": _("These two persons are already linked.")})
    synthetic = person.synthetic and relative.synthetic
    with transaction.atomic():
        tie = FamilyTie(
            person=person, relative=relative, relation=relation, note=note, synthetic=synthetic
        )
        mirror = FamilyTie(
            person=relative, relative=person, relation=inverse, note=note, synthetic=synthetic
        )
        tie.clean_fields(exclude=["person", "relative"])
        for record in (tie, mirror):
            as_history_of(record, actor)
            record.save()
    return tie


def delete_family_tie(actor: Any, tie: FamilyTie) -> None:
    """Remove a tie and its inverse."""
    require(
        access.can_edit_person(actor, tie.person) and access.can_edit_person(actor, tie.relative),
        _("You may not change these records."),
    )
    with transaction.atomic():
        for record in FamilyTie.objects.filter(
            models.Q(person=tie.person_id, relative=tie.relative_id)
            | models.Q(person=tie.relative_id, relative=tie.person_id)
        ):
            as_history_of(record, actor)
            record.delete()


def add_relative(
    actor: Any,
    person: Person,
    *,
    name: str,
    script: str,
    relation: str,
    birth_date: str = "",
    sex: str = "",
    hometown: Place | None = None,
    lost_contact: str = "",
    note: str = "",
    what_is_known: str = "",
) -> Person:
    """The quick way a family adds a relative: a name as they write it, how they are related,
    what they know of the birth and the hometown, and when contact was lost."""
    with transaction.atomic():
        relative = create_person(
            actor,
            names=[{"text": name, "script": script, "kind": Name.Kind.PRIMARY}],
            birth_date=birth_date,
            sex=sex,
            hometown=hometown,
            notes=what_is_known,
            visibility=person.visibility
            if person.visibility != Visibility.PUBLIC
            else Visibility.RESTRICTED,
        )
        add_family_tie(actor, person, relative, relation, note=note)
        if lost_contact:
            add_event(actor, relative, kind=Event.Kind.LOST_CONTACT, date=lost_contact)
    return relative


def add_identity_document(
    actor: Any, person: Person, *, kind: str, number: str, issuer: str = "", synthetic: bool = False
) -> IdentityDocument:
    """Record an identity document of a person (the number a list or a notice may quote)."""
    require(access.can_edit_person(actor, person), _("You may not change this record."))
    document = IdentityDocument(
        person=person, kind=kind, number=number, issuer=issuer, synthetic=synthetic
    )
    document.full_clean()
    with transaction.atomic():
        as_history_of(document, actor)
        document.save()
    return document
