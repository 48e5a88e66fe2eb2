"""Proposed matches, the decisions people took on them, imported lists and reversible merges."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guwah.registry.models import Person


def person_ref(person_id: int) -> str:
    return f"person:{person_id}"


def external_ref(record_id: int) -> str:
    return f"external:{record_id}"


class ExternalList(models.Model):
    """A list imported for matching (a leaked police list, another NGO's database).

    Its rows are kept apart from the registry: importing a list never creates a person.
    """

    name = models.CharField(_("name"), max_length=200)
    source_file = models.CharField(_("file"), max_length=500)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    columns = models.JSONField(_("columns"), default=dict)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.name


class ExternalRecord(models.Model):
    external_list = models.ForeignKey(
        ExternalList, on_delete=models.CASCADE, related_name="records"
    )
    row_number = models.PositiveIntegerField(_("row"))
    name = models.CharField(_("name"), max_length=300)
    given_name = models.CharField(_("given name"), max_length=200, blank=True)
    father_name = models.CharField(_("father's name"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=20, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    county_code = models.CharField(_("county"), max_length=12, blank=True)
    prefecture_code = models.CharField(_("prefecture"), max_length=12, blank=True)
    id_number = models.CharField(_("identity document number"), max_length=64, blank=True)
    mother_name = models.CharField(_("mother's name"), max_length=200, blank=True)
    facility_code = models.CharField(_("facility"), max_length=64, blank=True)
    detention_year = models.PositiveSmallIntegerField(_("detention year"), null=True, blank=True)

    class Meta:
        ordering = ["external_list_id", "row_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_list", "row_number"], name="external_row_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CandidatePair(models.Model):
    """Two records the model thinks may be one person, waiting for or carrying a decision.

    ``left_ref`` and ``right_ref`` name the records for good (``person:12``,
    ``external:7``); the foreign keys follow them while they exist, and are emptied when a
    merge removes one, so the pair's history survives the merge.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Same person")
        REJECTED = "rejected", _("Different people")
        RELATED = "related", _("Related, not the same")

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    other_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    external_record = models.ForeignKey(
        ExternalRecord,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="candidate_pairs",
    )
    left_ref = models.CharField(max_length=40)
    right_ref = models.CharField(max_length=40)
    match_probability = models.FloatField(_("match probability"))
    match_weight = models.FloatField(_("match weight"))
    explanation = models.JSONField(_("explanation"), default=list)
    model_version = models.CharField(_("model"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        ordering = ["-match_probability", "id"]
        constraints = [
            models.UniqueConstraint(fields=["left_ref", "right_ref"], name="candidate_pair_unique"),
            models.CheckConstraint(
                condition=~models.Q(left_ref=models.F("right_ref")), name="candidate_pair_distinct"
            ),
        ]
        indexes = [models.Index(fields=["status", "match_probability"])]

    def __str__(self) -> str:
        return f"{self.left_ref} ~ {self.right_ref} ({self.match_probability:.2f})"

    @property
    def is_external(self) -> bool:
        return self.right_ref.startswith("external:")


class Decision(models.Model):
    """What a person decided about two records, remembered so that nobody is asked again."""

    class Outcome(models.TextChoices):
        SAME = "same", _("Same person")
        DISTINCT = "distinct", _("Different people")
        RELATED = "related", _("Related, not the same")

    left_ref = models.CharField(max_length=40)
    right_ref = models.CharField(max_length=40)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["left_ref", "right_ref"], name="decision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.left_ref} {self.outcome} {self.right_ref}"


class Merge(models.Model):
    """One person's record folded into another's, with everything needed to undo it exactly."""

    survivor = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    survivor_ref = models.CharField(max_length=40)
    merged_ref = models.CharField(max_length=40)
    pair = models.ForeignKey(
        CandidatePair, null=True, blank=True, on_delete=models.SET_NULL, related_name="merges"
    )
    # Every row of every table that referred to either person, as it was before the merge.
    snapshot = models.JSONField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("merged"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged_ref} → {self.survivor_ref}"
