"""A package written by the command passes the same gate as one downloaded from the web: the
person's package must be one the actor may take out, and a staff member exporting restricted
data spends an approval a second person gave (``--approval ID``), in the transaction that
writes it, so a package that fails to be written leaves the approval unspent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from guwah.evidence.export import STRIP, export_person_package
from guwah.registry import access
from guwah.registry.models import Person, Visibility
from guwah.registry.services import audit, exports

KIND = "package"


def holds_restricted(person: Person) -> bool:
    """Whether the person, or any of their testimony or evidence, is restricted."""
    restricted = {"visibility": Visibility.RESTRICTED}
    return (
        person.visibility == Visibility.RESTRICTED
        or person.testimonies.filter(**restricted).exists()
        or person.evidence.filter(**restricted).exists()
    )


def export_package(
    actor: Any,
    person: Person,
    out: str | Path,
    *,
    approval: int | None = None,
    locating_metadata: str = STRIP,
) -> dict[str, Any]:
    """Write ``person``'s package to ``out`` for ``actor`` and return its manifest; refuse
    (PermissionDenied, saying what to do) when it may not leave, or needs an approval that
    ``approval`` does not name."""
    if not access.can_download_package(actor, person):
        raise PermissionDenied(
            _("You may not export the package of person %(id)s.") % {"id": person.pk}
        )
    with transaction.atomic():
        if access.is_staff_member(actor) and holds_restricted(person):
            try:
                exports.use_export_approval(actor, KIND, str(person.pk), approval=approval)
            except PermissionDenied as refusal:
                raise PermissionDenied(
                    _(
                        "%(reason)s The package of person %(id)s holds restricted data: ask for "
                        "an export of kind “package” with target “%(id)s” on the exports page, "
                        "and once a second person approves it, give its number with "
                        "--approval."
                    )
                    % {"reason": refusal, "id": person.pk}
                    if approval is None
                    else _(
                        "Export approval %(approval)s is not an unused, unexpired approval of "
                        "yours for the package of person %(id)s."
                    )
                    % {"approval": approval, "id": person.pk}
                ) from refusal
        audit.record_read(actor, person, audit.Action.PACKAGED)
        return export_person_package(person, actor, out, locating_metadata=locating_metadata)
