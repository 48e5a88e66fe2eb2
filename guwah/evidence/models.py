"""Stored files, what was done with them, and the transparency log of every registry change."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Blob(models.Model):
    """One stored file, named by the SHA-256 of its bytes; the same bytes are stored once."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, primary_key=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    mime = models.CharField(_("type"), max_length=100)
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    created_at = models.DateTimeField(_("first stored"), auto_now_add=True)
    # Encrypted on disk (``sealed.py``); the address stays the hash of the plaintext.
    encrypted = models.BooleanField(_("encrypted on disk"), default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.sha256

    @property
    def file_metadata(self) -> dict[str, Any]:
        """What the file says of itself (EXIF, a PDF's author), decrypted: ``metadata`` holds
        it sealed, since a camera's serial or a GPS position can locate a witness."""
        from guwah.evidence.lasting import open_metadata

        return open_metadata(self.metadata)


class EvidenceFile(models.Model):
    """A file of an evidence item: the untouched original, or a working copy derived from it."""

    class Role(models.TextChoices):
        ORIGINAL = "original", _("Original")
        THUMBNAIL = "thumbnail", _("Thumbnail")
        REDACTED = "redacted", _("Redacted copy")
        TEXT = "text", _("Extracted text")

    evidence = models.ForeignKey(
        "registry.Evidence", on_delete=models.PROTECT, related_name="stored_files"
    )
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="uses")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    derived_from = models.ForeignKey(
        Blob, null=True, blank=True, on_delete=models.PROTECT, related_name="derivatives"
    )
    original_name = models.CharField(_("file name as uploaded"), max_length=255, blank=True)
    # A redacted copy's boxes (page, x0, y0, x1, y1), to show what was blacked out and redo it.
    boxes = models.JSONField(_("redacted boxes"), default=list, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["evidence_id", "role", "added_at"]
        constraints = [
            # The untouched original is kept apart from the working copies, and there is one.
            models.UniqueConstraint(
                fields=["evidence"], condition=models.Q(role="original"), name="one_original"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.blob_id}"


class CustodyEvent(models.Model):
    """One step in an evidence item's chain of custody; rows are only ever added."""

    class Action(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        VIEWED = "viewed", _("Viewed")
        DOWNLOADED = "downloaded", _("Downloaded")
        EXPORTED = "exported", _("Exported in a package")
        REDACTED = "redacted", _("Redacted copy made")
        DERIVED = "derived", _("Working copy made")
        REGRADED = "regraded", _("Reliability re-graded")

    evidence = models.ForeignKey(
        "registry.Evidence", on_delete=models.PROTECT, related_name="custody_events"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["evidence_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class LogEntry(models.Model):
    """A leaf of the transparency log: which record changed, how, to what, by whom and when.

    ``time`` is kept as the exact text that was hashed, so that recomputing a leaf never depends
    on how a database rounds or converts timestamps.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")
        MERGE = "merge", _("Merged")
        UPLOAD = "upload", _("File uploaded")
        EXPORT = "export", _("Package exported")
        # The record unchanged, committed afresh with salted fields (see ``commitment``).
        RECOMMIT = "recommit", _("Committed afresh")

    index = models.BigIntegerField(_("index"), unique=True)
    record_type = models.CharField(_("record type"), max_length=64)
    record_id = models.CharField(_("record"), max_length=64)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    record_sha256 = models.CharField(_("SHA-256 of the record"), max_length=64)
    actor_id = models.BigIntegerField(_("actor"), null=True, blank=True)
    time = models.CharField(_("time"), max_length=32)
    leaf_hash = models.CharField(_("leaf hash"), max_length=64)
    # The random salt of each field behind ``record_sha256`` (empty for files, exports and
    # entries written before fields were salted); secret: a package discloses only some.
    salts = models.JSONField(_("field salts"), default=dict, blank=True)
    # A keyed hash of the leaf hash and the backfilled flag, made with a key derived from the
    # signing key: an entry a database writer adds or alters without that key has no valid seal.
    seal = models.CharField(_("seal"), max_length=64, blank=True, default="")
    # Logged after the fact by ``guwah log backfill``: the log vouches that the record existed
    # then, not for how it came to be.
    backfilled = models.BooleanField(_("backfilled"), default=False)

    class Meta:
        ordering = ["index"]
        indexes = [models.Index(fields=["record_type", "record_id"])]
        verbose_name_plural = _("log entries")

    def __str__(self) -> str:
        return f"#{self.index} {self.action} {self.record_type} {self.record_id}"


class LogNode(models.Model):
    """A cached complete subtree hash above the leaves, so that proofs need no rehashing."""

    level = models.PositiveSmallIntegerField()
    position = models.BigIntegerField()
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "position"], name="log_node_unique")
        ]

    def __str__(self) -> str:
        return f"{self.level}/{self.position}"


class LogState(models.Model):
    """The single row that appenders lock: the log's size and its right edge of subtree hashes.

    ``frontier`` is the hex of one hash per set bit of ``size``, largest subtree first, run
    together: the roots of the complete subtrees that cover the log.
    """

    size = models.BigIntegerField(default=0)
    frontier = models.TextField(default="", blank=True)

    def __str__(self) -> str:
        return f"{self.size}"


class TreeHead(models.Model):
    """A signed statement of the log's size and root hash at a moment."""

    size = models.BigIntegerField(_("size"))
    root_hash = models.CharField(_("root hash"), max_length=64)
    timestamp = models.CharField(_("time"), max_length=32)
    key_id = models.CharField(_("key fingerprint"), max_length=64)
    signature = models.CharField(_("Ed25519 signature"), max_length=128)

    class Meta:
        ordering = ["-size", "-id"]
        get_latest_by = "id"

    def __str__(self) -> str:
        return f"{self.size} {self.root_hash[:12]}"
