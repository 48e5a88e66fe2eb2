"""The external IDs of imported records: what makes a second import of a file change nothing.

A registry record knows nothing of the lists it came from. Each record an import created is
named here by the ID its file gave it (an ``id`` column, the ID of an earlier Guwah export, or
a digest of the row when the file has no IDs), so that a row met again is recognised and
skipped, and an export names the record by the same ID again.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guwah.registry.models import Event, Evidence, Incident, Person, Testimony


class ImportedRecord(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ACT = "act", _("Act")
        EVENT = "event", _("Event")
        TESTIMONY = "testimony", _("Testimony")
        EVIDENCE = "evidence", _("Evidence")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    external_id = models.CharField(_("external ID"), max_length=300)
    # One of these holds the record; deleting the record forgets its external ID with it.
    person = models.ForeignKey(Person, null=True, on_delete=models.CASCADE, related_name="+")
    act = models.ForeignKey(Event, null=True, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Incident, null=True, on_delete=models.CASCADE, related_name="+")
    testimony = models.ForeignKey(Testimony, null=True, on_delete=models.CASCADE, related_name="+")
    evidence = models.ForeignKey(Evidence, null=True, on_delete=models.CASCADE, related_name="+")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [
            models.UniqueConstraint(fields=["kind", "external_id"], name="imported_record_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.external_id}"


def job_file_name(instance: models.Model, filename: str) -> str:
    # Random, like every stored upload: the partner's file name may name the list's source.
    return f"imports/{uuid.uuid4().hex}"


class ImportJob(models.Model):
    """An import started from the web page and run by a process of its own, with its progress.

    The import itself is one transaction; a job whose process died leaves nothing written and
    is run again from its stored file, which skips whatever an earlier run did import.
    """

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("file"), upload_to=job_file_name)
    filename = models.CharField(_("file name"), max_length=300)
    mapping = models.JSONField(_("column mapping"), null=True, blank=True)
    source = models.CharField(_("origin of the list"), max_length=100, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.WAITING
    )
    process_id = models.PositiveIntegerField(null=True, blank=True)
    report = models.JSONField(_("report"), default=list)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.filename} ({self.state})"


class SavedMapping(models.Model):
    """A column mapping kept under a name, for the next list from the same partner.

    Shared by everyone who may import: it names a spreadsheet's headers, not people.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    columns = models.JSONField(_("columns"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")

    def __str__(self) -> str:
        return self.name
