"""Who may see a record, and what its family agreed to."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from guwah.registry.models import (
    Protected,
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
