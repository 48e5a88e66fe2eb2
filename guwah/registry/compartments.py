"""Who works on which case, who read which restricted record, and which exports were allowed.

A case (a person, with the testimony and evidence about them) belongs to a compartment: the
organisation team it is assigned to, the documenters named on it, and anyone a reviewer granted
access to it. The access policy (:mod:`guwah.registry.access`) reads these rows to decide who
among the staff may read a restricted record; :class:`RecordRead` keeps every such read, and
:class:`ExportRequest` every export of restricted data, from the request to the one download.
The rows are written only by ``services.compartments``, ``services.audit`` and
``services.exports``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A group of the organisation's staff that works on its own cases."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="guwah_teams", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseTeam(models.Model):
    """The team a case is assigned to; a case without one falls to its creator's teams."""

    person = models.OneToOneField(
        "registry.Person", on_delete=models.CASCADE, related_name="case_team"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now=True)

    def __str__(self) -> str:
        return f"{self.person_id} → {self.team}"


class CaseAccess(models.Model):
    """One person let into one case: a documenter named on it, or access a reviewer granted."""

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="access_grants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guwah_case_access"
    )
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="one_grant_per_case_and_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ∈ {self.person_id}"


class RecordRead(models.Model):
    """One read of a restricted record, or one export: who, what, when. Rows are only added."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        DOWNLOADED = "downloaded", _("File downloaded")
        EXPORTED = "exported", _("Exported")
        PACKAGED = "packaged", _("Package downloaded")

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    record_type = models.CharField(_("record type"), max_length=32)
    record_id = models.CharField(_("record"), max_length=64, blank=True)
    # The person whose case the record belongs to, for counting how many cases one account read.
    person_key = models.BigIntegerField(_("case"), null=True, blank=True)
    restricted = models.BooleanField(_("restricted"), default=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["reader", "at"])]

    def __str__(self) -> str:
        return f"{self.reader_id} {self.action} {self.record_type} {self.record_id}"


class ExportRequest(models.Model):
    """An export of restricted data: asked for with a reason, approved by a second person, and
    downloaded once before it expires."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        USED = "used", _("Downloaded")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="guwah_export_requests"
    )
    # What is exported: a kind (``package``, ``records``, ``un_batch``) and its target (a
    # person's key, a batch's key, or the export's options), compared exactly on download.
    kind = models.CharField(_("kind"), max_length=32)
    target = models.CharField(_("what"), max_length=300, blank=True)
    # The page the export is downloaded from, to go back to once it is approved.
    address = models.CharField(_("address"), max_length=500, blank=True)
    reason = models.TextField(_("why"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    used_at = models.DateTimeField(_("downloaded"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.target} ({self.status})"
