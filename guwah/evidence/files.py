"""Every stored file through one guarded view: photos, testimony recordings and evidence.

Nothing under ``MEDIA_ROOT`` is served directly, by Django or by a web server: a file there may
be a witness's recording or a restricted evidence item, and a web server knows nothing of who
may see it. ``MEDIA_URL`` points at :func:`stored_file`, so a file's address is still what its
field says (``person.photo.url``); the view finds the record holding that name, asks the access
policy whether the user may see the record, and only then sends the bytes. A name no record
holds, or one whose record the user may not see, is answered alike: not found.

What is sent cannot run in the site's origin: the type comes from the bytes (never from the
name), ``nosniff`` stops the browser from guessing another, a sandboxing Content-Security-Policy
gives a document opened anyway no script and no origin, and every file is an attachment except
the images the server re-encoded itself (photos and scans), which are safe to show inline.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import Storage
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from guwah.evidence import services, store
from guwah.evidence.models import Blob, CustodyEvent, EvidenceFile
from guwah.evidence.sniff import SNIFF_BYTES, sniff
from guwah.registry import access
from guwah.registry.models import Evidence, Person, Testimony
from guwah.registry.services import audit

# The only types shown in the browser, and only for files the server re-encoded itself.
INLINE_TYPES = frozenset({"image/jpeg", "image/png"})
SANDBOX = "sandbox; default-src 'none'"
_BLOB_NAME = re.compile(r"blobs/[0-9a-f]{2}/[0-9a-f]{2}/(?P<sha256>[0-9a-f]{64})")


@dataclass
class Holding:
    """A stored file the user may have, and how to send it."""

    name: str
    storage: Storage
    mime: str
    filename: str
    inline: bool = False
    # An evidence file's blob, whose bytes are hashed again before they are sent.
    blob: Blob | None = None
    # Evidence items whose chain of custody records this download, with the stored file's
    # role for each (``None`` for a file the store never linked).
    custody: list[tuple[Evidence, EvidenceFile | None]] = field(default_factory=list)
    # The person or testimony holding a photo, recording or scan, for the read audit.
    holder: Any = None


def _sniffed(storage: Storage, name: str) -> str:
    try:
        with storage.open(name, "rb") as handle:
            return sniff(handle.read(SNIFF_BYTES)).mime
    except FileNotFoundError:
        raise Http404 from None


def _with_extension(stem: str, mime: str) -> str:
    return stem + (mimetypes.guess_extension(mime) or "")


def _registry_file(user: object, name: str) -> Holding | None:
    """A person's photo, or a testimony's recording or scan: images among them were
    re-encoded on upload, and are the only files shown inline."""
    holders: list[tuple[QuerySet[Any], Callable[[Any, Any], bool], str, str]] = [
        (Person.objects.filter(photo=name), access.can_view_person, "photo", "person-{}-photo"),
        (Testimony.objects.filter(media=name), access.can_view_testimony, "media", "testimony-{}"),
    ]
    for records, may_view, file_field, stem in holders:
        for record in records:
            if may_view(user, record):
                kept = _kept_as_evidence(user, name, stem.format(record.pk), record)
                if kept is not None:
                    return kept
                storage = getattr(record, file_field).storage
                mime = _sniffed(storage, name)
                filename = _with_extension(stem.format(record.pk), mime)
                return Holding(
                    name, storage, mime, filename, inline=mime in INLINE_TYPES, holder=record
                )
    return None


def _kept_as_evidence(user: object, name: str, stem: str, holder: Any) -> Holding | None:
    """A testimony's recording or scan kept by the store as an evidence item of its own: sent
    like any evidence file (hashed again first), and each download a step of the item's
    custody, whoever the testimony lets hear it."""
    match = _BLOB_NAME.fullmatch(name)
    if not match:
        return None
    stored = list(
        EvidenceFile.objects.filter(
            blob_id=match["sha256"], evidence__file=name, role=EvidenceFile.Role.ORIGINAL
        ).select_related("evidence", "blob")
    )
    if not stored:
        return None
    blob = stored[0].blob
    return Holding(
        name,
        store.blob_storage(),
        blob.mime,
        _with_extension(stem, blob.mime),
        inline=blob.mime in INLINE_TYPES,
        blob=blob,
        # The same bytes given twice are stored once: only items the user may see record it.
        custody=[
            (each.evidence, each)
            for each in stored
            if access.can_view_evidence(user, each.evidence)
        ],
        holder=holder,
    )


def _evidence_file(user: object, name: str, item: int | None) -> Holding | None:
    """An evidence file, original or working copy, of an item the user may see (of item
    ``item`` only, when the address names it); never inline: it is sent as it was received."""
    match = _BLOB_NAME.fullmatch(name)
    if match:
        stored = EvidenceFile.objects.filter(blob_id=match["sha256"]).select_related(
            "evidence", "blob"
        )
        if item is not None:
            stored = stored.filter(evidence_id=item)
        visible = [each for each in stored if access.can_view_evidence(user, each.evidence)]
        if not visible:
            return None
        first = visible[0]
        return Holding(
            name,
            store.blob_storage(),
            first.blob.mime,
            first.original_name or _with_extension(first.blob_id, first.blob.mime),
            blob=first.blob,
            custody=[(each.evidence, each) for each in visible],
        )
    # A file an item names that the store never linked (stored before the store kept files).
    items = Evidence.objects.filter(file=name)
    if item is not None:
        items = items.filter(pk=item)
    visible_items = [each for each in items if access.can_view_evidence(user, each)]
    if not visible_items:
        return None
    storage = visible_items[0].file.storage
    mime = _sniffed(storage, name)
    filename = _with_extension(f"evidence-{visible_items[0].pk}", mime)
    return Holding(name, storage, mime, filename, custody=[(e, None) for e in visible_items])


def find(user: object, name: str, *, item: int | None = None) -> Holding | None:
    """The stored file ``name`` as ``user`` may have it, or ``None`` if no record the user may
    see holds it."""
    if item is None:
        found = _registry_file(user, name)
        if found is not None:
            return found
    return _evidence_file(user, name, item)


@access.requires(access.can_use_registry)
@require_GET
def stored_file(
    request: HttpRequest, name: str = "", pk: int | None = None, sha256: str = ""
) -> HttpResponseBase:
    """Send one stored file: by its storage name (``MEDIA_URL`` + name), or as one evidence
    item's file by the item and the file's SHA-256."""
    if sha256:
        name = store.blob_name(sha256)
    holding = find(request.user, name, item=pk)
    if holding is None:
        raise Http404
    try:
        handle = (
            store.open_verified_blob(holding.blob)
            if holding.blob is not None
            else holding.storage.open(holding.name, "rb")
        )
    except FileNotFoundError:
        raise Http404 from None
    except store.StoredFileChanged as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    # The one write a GET makes: taking a copy of restricted evidence is a step in its chain of
    # custody, recorded as it happens, as the evidence panel records each item it shows.
    for evidence, stored in holding.custody:
        detail = {"sha256": stored.blob_id, "role": stored.role} if stored else {"name": name}
        services.record_access(request.user, [evidence], CustodyEvent.Action.DOWNLOADED, **detail)
        audit.record_read(request.user, evidence, audit.Action.DOWNLOADED, **detail)
    if holding.holder is not None:
        audit.record_read(request.user, holding.holder, audit.Action.DOWNLOADED, name=name)
    response = FileResponse(
        handle,
        as_attachment=not holding.inline,
        filename=holding.filename,
        content_type=holding.mime,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
