"""Every change the family makes in her space, actor first: what she says once, the drafts she
adds as she goes, the submission that turns them into registry records, her testimony and the
uses she agrees to. Registry records are written only through the registry's services."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guwah.family import kinship
from guwah.family.models import DraftRelative, FamilySpace
from guwah.family.tree import Node, anchor_path, build_tree
from guwah.registry import access, services
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import (
    Event,
    Person,
    Place,
    Testimony,
    describe_invalid_date,
    validate_name_text,
    validate_short_text,
)


class DraftProblem(Exception):
    """A draft could not become a record; nothing of the submission was kept."""

    def __init__(self, draft: DraftRelative, error: ValidationError) -> None:
        super().__init__(str(error))
        self.draft = draft
        self.error = error


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Your account may not change this family."))


def space_of(user: Any) -> FamilySpace | None:
    """The user's family space, if it exists yet (reading never creates one)."""
    return FamilySpace.objects.filter(user=user).select_related("me", "hometown").first()


def _space_for_writing(actor: Any) -> FamilySpace:
    _require(access.can_keep_family_space(actor))
    space, _created = FamilySpace.objects.select_for_update().get_or_create(user=actor)
    return space


def _clean_date(value: str, field: str, errors: dict[str, list[str]]) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        PartialDate.parse(value)
    except InvalidPartialDate as error:
        errors.setdefault(field, []).append(describe_invalid_date(error))
    return value


def _clean_place(value: Any, errors: dict[str, list[str]]) -> Place | None:
    if value in (None, ""):
        return None
    if isinstance(value, Place):
        return value
    try:
        return Place.objects.get(pk=int(value))
    except (TypeError, ValueError, Place.DoesNotExist):
        errors.setdefault("hometown", []).append(_("Choose a hometown from the list."))
        return None


def _clean_short(value: str, field: str, errors: dict[str, list[str]]) -> str:
    value = (value or "").strip()
    try:
        validate_short_text(value)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
    return value


def save_defaults(
    actor: Any, *, hometown: Any = None, hometown_text: str = "", lost_contact: str = ""
) -> FamilySpace:
    """What the family says once and is offered for every relative: the hometown (a county of
    the gazetteer and a township or village typed freely) and when contact was lost."""
    errors: dict[str, list[str]] = {}
    place = _clean_place(hometown, errors)
    village = _clean_short(hometown_text, "hometown_text", errors)
    lost = _clean_date(lost_contact, "lost_contact", errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        space = _space_for_writing(actor)
        space.hometown, space.hometown_text, space.lost_contact = place, village, lost
        space.save()
    return space


def save_draft(
    actor: Any,
    *,
    anchor: str,
    edge: str,
    name: str,
    key: str = "",
    sex: str = "",
    birth_date: str = "",
    hometown: Any = None,
    hometown_text: str = "",
    lost_contact: str = "",
    what_is_known: str = "",
) -> tuple[DraftRelative, tuple[str, ...]]:
    """Keep one relative being added (new, or ``key`` again), under ``anchor`` (a node of her
    tree) as its ``edge``; return it with its path from the family member. The name is the only
    thing required."""
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Write the name as you write it.")]
    else:
        try:
            validate_name_text(name)
        except ValidationError as error:
            errors["name"] = list(error.messages)
    if edge not in kinship.EDGES:
        errors.setdefault("edge", []).append(_("Choose how this relative is related."))
    if sex not in ("", kinship.MALE, kinship.FEMALE):
        errors.setdefault("sex", []).append(_("Choose man, woman or leave it empty."))
    born = _clean_date(birth_date, "birth_date", errors)
    lost = _clean_date(lost_contact, "lost_contact", errors)
    place = _clean_place(hometown, errors)
    village = _clean_short(hometown_text, "hometown_text", errors)
    known = (what_is_known or "").strip()
    with transaction.atomic():
        space = _space_for_writing(actor)
        draft = None
        if key:
            try:
                draft = space.drafts.get(key=uuid.UUID(str(key)))
            except (ValueError, DraftRelative.DoesNotExist):
                errors.setdefault("key", []).append(_("This relative is no longer in your list."))
        if draft is not None and anchor == f"d{draft.key}":
            errors.setdefault("anchor", []).append(_("A relative cannot be under themselves."))
        path = anchor_path(actor, space, anchor)
        if path is None:
            errors.setdefault("anchor", []).append(_("This relative is not in your family tree."))
        if errors:
            raise ValidationError(errors)
        assert path is not None  # noqa: S101  (narrows a type; the lines above ensure it)
        if draft is None:
            draft = DraftRelative(space=space)
        draft.anchor_person, draft.anchor_draft = None, None
        if anchor.startswith("p"):
            draft.anchor_person = Person.objects.get(pk=int(anchor[1:]))
        elif anchor.startswith("d"):
            draft.anchor_draft = space.drafts.get(key=uuid.UUID(anchor[1:]))
        draft.edge, draft.name, draft.sex, draft.birth_date = edge, name, sex, born
        draft.hometown, draft.hometown_text, draft.lost_contact = place, village, lost
        draft.what_is_known = known
        draft.save()
    return draft, (*path, edge)


def remove_draft(actor: Any, key: str) -> None:
    """Take a relative out of the list before it is submitted (and those added under it)."""
    with transaction.atomic():
        space = _space_for_writing(actor)
        try:
            space.drafts.get(key=uuid.UUID(str(key))).delete()
        except (ValueError, DraftRelative.DoesNotExist) as error:
            raise ValidationError(_("This relative is no longer in your list.")) from error


def _me(actor: Any, space: FamilySpace) -> Person:
    if space.me is not None:
        return space.me
    me = services.create_person(
        actor,
        names=[{"text": actor.get_full_name() or actor.get_username(), "script": ""}],
        notes=_("The family member who reported these relatives."),
    )
    space.me = me
    space.save(update_fields=["me", "updated_at"])
    return me


def _ordered(drafts: list[DraftRelative]) -> list[DraftRelative]:
    """Anchors before the drafts under them."""
    placed: set[Any] = set()
    ordered: list[DraftRelative] = []
    pending = drafts
    while pending:
        waiting = [d for d in pending if d.anchor_draft_id and d.anchor_draft_id not in placed]
        ready = [d for d in pending if d not in waiting]
        if not ready:
            ordered.extend(waiting)
            break
        ordered.extend(ready)
        placed.update(d.key for d in ready)
        pending = waiting
    return ordered


def submit_family(actor: Any) -> list[Person]:
    """Turn every draft into a registry person with its tie and its lost-contact event: all of
    them, or, if one cannot be recorded, none (the drafts stay as they were)."""
    with transaction.atomic():
        space = _space_for_writing(actor)
        drafts = _ordered(list(space.drafts.select_related("anchor_person")))
        if not drafts:
            raise ValidationError(_("There is no new relative to send."))
        me = _me(actor, space)
        made: dict[Any, Person] = {}
        for draft in drafts:
            try:
                made[draft.key] = _record(actor, me, draft, made)
            except (ValidationError, PermissionDenied) as error:
                problem = (
                    error if isinstance(error, ValidationError) else ValidationError(str(error))
                )
                raise DraftProblem(draft, problem) from error
        space.drafts.all().delete()
    return list(made.values())


def _record(actor: Any, me: Person, draft: DraftRelative, made: dict[Any, Person]) -> Person:
    if draft.anchor_draft_id is not None:
        anchor = made[draft.anchor_draft_id]
    else:
        anchor = draft.anchor_person or me
    person = services.create_person(
        actor,
        names=[{"text": draft.name, "script": ""}],
        sex=draft.sex,
        birth_date=draft.birth_date,
        hometown=draft.hometown,
        hometown_text=draft.hometown_text,
        notes=draft.what_is_known,
    )
    services.add_family_tie(actor, anchor, person, draft.edge)
    if draft.lost_contact:
        services.add_event(actor, person, kind=Event.Kind.LOST_CONTACT, date=draft.lost_contact)
    return person


def relatives_in(tree: Node) -> list[Person]:
    """The registry persons of a tree below its root."""
    found: list[Person] = []
    for node in tree.below:
        if node.person is not None:
            found.append(node.person)
        found.extend(relatives_in(node))
    return found


def add_family_testimony(
    actor: Any, persons: list[Person], *, text: str = "", recording: Any = None
) -> Testimony:
    """Her testimony in her words, about ``persons``: a text, a voice recording, or both. Each
    addition is a testimony of its own, so what she said before stays as she said it."""
    text = (text or "").strip()
    if not text and recording is None:
        raise ValidationError({"text": _("Write what you know, or record your voice.")})
    if not persons:
        raise ValidationError(
            {"persons": _("Send your family first: a testimony is about your relatives.")}
        )
    fields: dict[str, Any] = {
        "witness_name": actor.get_full_name() or actor.get_username(),
        "witness_relationship": _("family member"),
        "language": get_language() or "",
        "text": text,
    }
    if recording is not None:
        fields["media"] = recording
    return services.add_testimony(actor, persons, **fields)


USES = ("publish", "share_un", "name_witness")


def family_consent(persons: list[Person]) -> dict[str, bool]:
    """Each use as the family's records stand: agreed only if every relative's record says so."""
    return {
        "publish": bool(persons) and all(p.consent_publish for p in persons),
        "share_un": bool(persons) and all(p.consent_share_un for p in persons),
        "name_witness": bool(persons) and all(p.consent_name_witness for p in persons),
    }


def set_family_consent(actor: Any, *, publish: bool, share_un: bool, name_witness: bool) -> int:
    """Set each use for every relative and every testimony of her family at once; withdrawing
    "publish" takes a published record off the memorial in the same change. Her own record is
    never published. Returns how many records were changed."""
    space = space_of(actor)
    if space is None or space.me is None:
        raise ValidationError(_("Send your family first: there is nothing to agree to yet."))
    tree = build_tree(actor, space, with_cases=False)
    persons = relatives_in(tree)
    testimonies = list(
        access.testimonies_visible_to(actor).filter(persons__in=[*persons, space.me]).distinct()
    )
    changed = 0
    with transaction.atomic():
        records: list[Person | Testimony] = [*persons, *testimonies]
        for record in records:
            wanted = (publish, share_un, name_witness)
            held = (record.consent_publish, record.consent_share_un, record.consent_name_witness)
            if wanted != held:
                services.set_consent(
                    actor, record, publish=publish, share_un=share_un, name_witness=name_witness
                )
                changed += 1
    return changed
