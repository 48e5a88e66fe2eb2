"""Exports of restricted data: asked for with a reason, approved by a second person, and
downloaded once before the approval expires. Every step is a row of :class:`ExportRequest`
(and so an entry of the transparency log), and the download is also in the read audit."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.acting import acting_as
from guwah.registry.models import ExportRequest, validate_short_text
from guwah.registry.services.audit import record_export
from guwah.registry.services.checks import require

logger = logging.getLogger("guwah.exports")

# What may be asked for; the target names the one thing within it.
KINDS = {
    "package": "evidence package",
    "records": "records export",
    "un_batch": "batch of UN submission documents",
}
Status = ExportRequest.Status


def request_export(
    actor: Any, kind: str, target: str, reason: str, *, address: str = ""
) -> ExportRequest:
    """Ask to export ``target`` of ``kind``, saying why; a second person decides."""
    require(access.can_request_export(actor), _("Your account may not export restricted data."))
    if kind not in KINDS:
        raise ValidationError(_("“%(kind)s” is not a kind of export.") % {"kind": kind})
    target = (target or "").strip()
    if len(target) > 300:
        raise ValidationError(_("The export is described in more than 300 characters."))
    validate_short_text(target)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError(_("Say in a sentence why this export is needed."))
    if address and not (
        address.startswith("/") and url_has_allowed_host_and_scheme(address, allowed_hosts=None)
    ):
        address = ""
    with transaction.atomic(), acting_as(actor):
        made = ExportRequest.objects.create(
            requested_by=actor, kind=kind, target=target, reason=reason, address=address[:500]
        )
    logger.info("Export %s of %s %s requested by %s.", made.pk, kind, target, actor.pk)
    return made


def _decide(actor: Any, request: ExportRequest, status: str) -> ExportRequest:
    require(
        access.can_decide_export(actor, request),
        _("A reviewer or administrator other than the one who asked decides on an export."),
    )
    with transaction.atomic(), acting_as(actor):
        locked = ExportRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != Status.REQUESTED:
            raise ValidationError(_("This export was decided already."))
        now = timezone.now()
        locked.status = status
        locked.decided_by = actor
        locked.decided_at = now
        if status == Status.APPROVED:
            locked.expires_at = now + timedelta(hours=settings.GUWAH_EXPORT_APPROVAL_HOURS)
        locked.save()
    logger.info("Export %s %s by %s.", locked.pk, status, actor.pk)
    return locked


def approve_export(actor: Any, request: ExportRequest) -> ExportRequest:
    """Approve another person's request: it may be downloaded once, before it expires."""
    return _decide(actor, request, Status.APPROVED)


def refuse_export(actor: Any, request: ExportRequest) -> ExportRequest:
    return _decide(actor, request, Status.REFUSED)


def usable_approval(
    actor: Any, kind: str, target: str, *, approval: int | None = None
) -> ExportRequest | None:
    """The approval ``actor`` holds for this export, if any is still unused and unexpired
    (``approval``: only that one, as a command names it)."""
    named = {} if approval is None else {"pk": approval}
    return (
        ExportRequest.objects.filter(
            **named,
            requested_by_id=getattr(actor, "pk", None),
            kind=kind,
            target=target,
            status=Status.APPROVED,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("expires_at")
        .first()
    )


def use_export_approval(
    actor: Any, kind: str, target: str, *, approval: int | None = None
) -> ExportRequest:
    """Spend the approval for one download, or refuse (PermissionDenied) without one. Called in
    the transaction that produces the export: if it fails, the approval is not spent."""
    with transaction.atomic(), acting_as(actor):
        found = usable_approval(actor, kind, target, approval=approval)
        if found is not None:
            found = ExportRequest.objects.select_for_update().get(pk=found.pk)
        if found is None or found.status != Status.APPROVED or found.used_at is not None:
            raise PermissionDenied(
                _(
                    "Exporting restricted data needs a second person's approval, and each "
                    "approval serves one download before it expires."
                )
            )
        found.status = Status.USED
        found.used_at = timezone.now()
        found.save()
        record_export(actor, kind, target=target, request=found.pk)
    logger.info("Export %s of %s %s downloaded by %s.", found.pk, kind, target, actor.pk)
    return found


def requests_for(actor: Any) -> dict[str, list[ExportRequest]]:
    """The requests ``actor`` asked for, and those waiting for ``actor``'s decision."""
    mine = list(ExportRequest.objects.filter(requested_by=actor).select_related("decided_by")[:50])
    waiting: list[ExportRequest] = []
    if access.can_approve_exports(actor):
        waiting = list(
            ExportRequest.objects.filter(status=Status.REQUESTED)
            .exclude(requested_by=actor)
            .select_related("requested_by")[:100]
        )
    return {"mine": mine, "waiting": waiting}
