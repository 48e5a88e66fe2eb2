"""Who may see a record, and what its family agreed to."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.models import (
    Person,
    Protected,
    PublicationLevel,
    Visibility,
)
from guwah.registry.services.checks import (
    as_history_of,
    check_publishable,
    check_visibility,
    may_edit,
    require,
)


def set_visibility(actor: Any, record: Protected, visibility: str) -> Protected:
    """Change who may see a record; only reviewers and administrators make it public, and only
    with the family's consent to publication."""
    require(may_edit(actor, record), _("You may not change this record."))
    check_visibility(actor, record.visibility, visibility)
    with transaction.atomic():
        record.visibility = visibility
        check_publishable(record)
        as_history_of(record, actor)
        record.save()
    return record


def set_consent(
    actor: Any,
    record: Protected,
    *,
    publish: bool | None = None,
    share_un: bool | None = None,
    name_witness: bool | None = None,
) -> Protected:
    """Record what the family agreed to. Withdrawing consent to publish takes a public record
    back to internal at once: the family's word outranks a reviewer's earlier decision."""
    require(may_edit(actor, record), _("You may not change this record."))
    with transaction.atomic():
        if publish is not None:
            record.consent_publish = publish
            if not publish and record.visibility == Visibility.PUBLIC:
                record.visibility = Visibility.INTERNAL
        if share_un is not None:
            record.consent_share_un = share_un
        if name_witness is not None:
            record.consent_name_witness = name_witness
        as_history_of(record, actor)
        record.save()
    return record


# From the least shown to the most: widening a public record's level is publishing more.
_LEVEL_ORDER = [PublicationLevel.ANONYMOUS, PublicationLevel.PARTIAL, PublicationLevel.FULL]


def set_publication_level(
    actor: Any, person: Person, *, level: str | None = None, photo: bool | None = None
) -> Person:
    """Record how much of a published person the family agreed to show (``level``) and whether
    the photo may be shown (``photo``). Anyone who may edit the record may narrow what it shows;
    on a public record, showing more is publishing, a reviewer's or administrator's decision."""
    require(may_edit(actor, person), _("You may not change this record."))
    if level is not None and level not in PublicationLevel.values:
        raise ValidationError(
            {"publication_level": _("“%(value)s” is not a publication level.") % {"value": level}}
        )
    widens = (
        level is not None
        and _LEVEL_ORDER.index(PublicationLevel(level))
        > _LEVEL_ORDER.index(PublicationLevel(person.publication_level))
    ) or (photo is True and not person.consent_publish_photo)
    if widens and person.visibility == Visibility.PUBLIC:
        require(
            access.can_publish(actor),
            _("Only a reviewer or an administrator may show more of a public record."),
        )
    if (level is None or level == person.publication_level) and (
        photo is None or photo == person.consent_publish_photo
    ):
        return person  # nothing changes, so nothing is written to the history
    with transaction.atomic():
        if level is not None:
            person.publication_level = level
        if photo is not None:
            person.consent_publish_photo = photo
        as_history_of(person, actor)
        person.save()
    return person
