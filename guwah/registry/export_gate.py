"""The gate every export of restricted data passes: a view calls :func:`approval_required` at
its top and returns what it gives, if anything, instead of the export.

Staff exporting restricted data need an approved :class:`ExportRequest`, which the gate spends
(one download). A family member takes out what they submitted themselves without one: it is
their own testimony, and they hold it already.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guwah.registry import access
from guwah.registry.models import Visibility
from guwah.registry.services import exports


def holds_restricted(user: Any) -> bool:
    """Whether what ``user`` may see includes any restricted person, testimony or evidence."""
    restricted = {"visibility": Visibility.RESTRICTED}
    return (
        access.persons_visible_to(user).filter(**restricted).exists()
        or access.testimonies_visible_to(user).filter(**restricted).exists()
        or access.evidence_visible_to(user).filter(**restricted).exists()
    )


def approval_required(
    request: HttpRequest, kind: str, target: str, *, restricted: bool
) -> HttpResponse | None:
    """``None`` when the export may go ahead (an approval, if one was needed, is now spent), or
    the page (403) that says an approval is needed and lets the user ask for one."""
    user = request.user
    if not restricted or not access.is_staff_member(user):
        return None
    try:
        exports.use_export_approval(user, kind, target)
    except PermissionDenied as refusal:
        return render(
            request,
            "registry/export_needed.html",
            {
                "reason": str(refusal),
                "kind": kind,
                "target": target,
                # A GET export is downloaded again from its address once approved; a form's
                # target (a POST) is sent again from its own page.
                "address": request.get_full_path() if request.method == "GET" else "",
                "pending": exports.ExportRequest.objects.filter(
                    requested_by_id=user.pk,
                    kind=kind,
                    target=target,
                    status=exports.Status.REQUESTED,
                ).exists(),
            },
            status=403,
        )
    return None
