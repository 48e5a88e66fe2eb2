"""The family member's space: who she is in the registry, what she said once for every
relative, and the relatives she is still adding (drafts, kept on the server as she types)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guwah.family import kinship
from guwah.registry.models import Person, Place


class FamilySpace(models.Model):
    """One per account. ``me`` is the account's own record in the registry: the root of her
    tree and the witness of her testimony, created when she first submits her family."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_space"
    )
    me = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Asked once, offered to every relative.
    hometown = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hometown_text = models.CharField(_("township or village"), max_length=200, blank=True)
    lost_contact = models.CharField(_("lost contact"), max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.user)


class DraftRelative(models.Model):
    """A relative being added: saved on every change, turned into a registry person (with the
    tie to ``anchor``) when the family submits. ``edge`` is what the new relative is to the
    anchor, which is either a registry person or another draft."""

    class Edge(models.TextChoices):
        CHILD = kinship.CHILD, _("child")
        SPOUSE = kinship.SPOUSE, _("spouse")
        PARENT = kinship.PARENT, _("parent")
        SIBLING = kinship.SIBLING, _("sibling")

    key = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    space = models.ForeignKey(FamilySpace, on_delete=models.CASCADE, related_name="drafts")
    anchor_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    anchor_draft = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="below"
    )
    edge = models.CharField(max_length=16, choices=Edge.choices)
    name = models.CharField(_("name"), max_length=300)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    birth_date = models.CharField(_("born"), max_length=64, blank=True)
    hometown = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hometown_text = models.CharField(_("township or village"), max_length=200, blank=True)
    lost_contact = models.CharField(_("lost contact"), max_length=64, blank=True)
    what_is_known = models.TextField(_("what you know"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def anchor_key(self) -> str:
        """The tree node this relative hangs under, as the page names it."""
        if self.anchor_draft_id is not None:
            return f"d{self.anchor_draft_id}"
        if self.anchor_person_id is not None:
            return f"p{self.anchor_person_id}"
        return "me"
