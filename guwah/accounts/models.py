"""Invitations to open an account, and the record of what administrators did to accounts.

Both are logged records of the transparency log (``evidence.log.records``), so every change
an administrator makes to who may sign in is kept with its actor, even when the thing changed
(a deleted second factor) leaves no row behind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guwah.registry.roles import Role


class Invitation(models.Model):
    """A single-use, expiring offer of an account with one role, handed over as a link.

    The link carries a signed token naming this row and its ``nonce``; nothing in the database
    is enough to build the link again, and no password ever travels with it.
    """

    username = models.CharField(_("username"), max_length=150)
    role = models.CharField(
        _("role"), max_length=32, choices=[(role.value, role.value) for role in Role]
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Who the invitation is for, for the administrators' own reference."),
    )
    nonce = models.CharField(max_length=64, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitation",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return f"{self.username} ({self.role})"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.withdrawn_at is None
            and self.expires_at > timezone.now()
        )


class AccountChange(models.Model):
    """One thing an administrator did to an account, said in words and kept for good."""

    class Action(models.TextChoices):
        INVITED = "invited", _("invited")
        ACCEPTED = "accepted", _("accepted an invitation")
        WITHDRAWN = "withdrawn", _("invitation withdrawn")
        GRANTED = "granted", _("role granted")
        REVOKED = "revoked", _("role taken back")
        DEACTIVATED = "deactivated", _("account closed")
        REACTIVATED = "reactivated", _("account reopened")
        FACTORS_RESET = "factors_reset", _("second factor reset")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="account_changes_made"
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account_changes",
    )
    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, null=True, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("account change")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.detail}"
