"""The verification ladder of a case and of an evidence item, and the disputes raised against an
entry, kept beside the data model (imported by ``models.py`` so that Django finds them).

Every record starts as *reported*. It is *corroborated* when a second, independent source
supports it, and *verified* when a second documenter (not whoever entered or corroborated it)
has checked it against the written checklist below. A government's rebuttal of an entry ("living
a normal life") is recorded with its source and the organisation's answer, and never deleted:
it is part of the record the memorial shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Verification(models.TextChoices):
    REPORTED = "reported", _("Reported")
    CORROBORATED = "corroborated", _("Corroborated by a second source")
    VERIFIED = "verified", _("Verified by a second documenter")


# What each level means, shown to the public beside it.
VERIFICATION_MEANINGS = {
    Verification.REPORTED: _(
        "One source, usually a relative or the person themselves, reported it. It has not yet "
        "been checked against another source."
    ),
    Verification.CORROBORATED: _(
        "A second, independent source (a document, a report or another witness) supports it."
    ),
    Verification.VERIFIED: _(
        "Corroborated, and then checked by a second documenter, who neither entered nor "
        "corroborated it, against the written checklist."
    ),
}

# The order of the ladder: a statistic "from corroborated up" counts the two upper steps.
LADDER = [Verification.REPORTED, Verification.CORROBORATED, Verification.VERIFIED]

# The written checklist a second documenter works through before marking a record verified.
CHECKLIST = {
    "identity": _(
        "The person's identity is consistent across the sources (names, birth year, hometown)."
    ),
    "independent": _(
        "The corroborating source is independent of the first (not retelling the same account)."
    ),
    "timeline": _("The dates and places form a possible timeline."),
    "sources_read": _("I have read or heard each source itself, not only its summary."),
    "consent": _("The family's consent covers what is recorded and shown."),
}


def at_least(level: str) -> list[str]:
    """The levels at ``level`` or above on the ladder."""
    return [str(step) for step in LADDER[LADDER.index(Verification(level)) :]]


class Verified(models.Model):
    """A record on the verification ladder: who moved it up, and what the checker ticked."""

    verification = models.CharField(
        _("verification"),
        max_length=16,
        choices=Verification.choices,
        default=Verification.REPORTED,
        db_index=True,
    )
    corroborated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corroborated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # The keys of CHECKLIST the checker ticked, comma-separated (plain text, so that the bulk
    # loaders can write the column as they write every other).
    verification_checklist = models.CharField(_("checklist ticked"), max_length=300, blank=True)

    class Meta:
        abstract = True


class Rebuttal(models.Model):
    """A government's denial of an entry, with where it was said and the organisation's answer.
    There is no way to delete one: a dispute stays part of the record."""

    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("about"),
        on_delete=models.PROTECT,
        related_name="rebuttals",
    )
    claimant = models.CharField(_("who says so"), max_length=300)
    claim = models.TextField(_("what they say"))
    source = models.CharField(_("where it was said"), max_length=500)
    source_url = models.URLField(_("address of the source"), max_length=1000, blank=True)
    claimed_on = models.CharField(_("when"), max_length=32, blank=True)
    answer = models.TextField(_("the organisation's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        app_label = "registry"
        ordering = ["created_at", "id"]
        verbose_name = _("rebuttal")

    def __str__(self) -> str:
        return f"{self.claimant}: {self.claim[:60]}"
