"""Content-addressed file store through Django's storage API, and the keeper of evidence files.

A file is read once: its chunks are sniffed, hashed, counted and written to a temporary name
in the blob area as they stream past; only then is it renamed to ``blobs/ab/cd/<sha256>``. If
that name exists the bytes are already stored and the temporary copy is dropped. With the
default :class:`~django.core.files.storage.FileSystemStorage` the rename is ``os.replace``
(atomic on one filesystem); any other storage (S3 through django-storages, say) gets a copy
and a delete, which is where such a store's server-side copy belongs.

The registry's ``add_evidence`` hands an uploaded original to :func:`keep_original`, which the
evidence app registers as the registry's file keeper when it starts; the registry's own row
is changed only through its service ``attach_evidence_file``.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.move import file_move_safe
from django.core.files.storage import Storage, storages
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from guwah.evidence import log, sealed
from guwah.evidence.lasting import seal_metadata
from guwah.evidence.metadata import extract_metadata
from guwah.evidence.models import Blob, CustodyEvent, EvidenceFile
from guwah.evidence.sniff import SNIFF_BYTES, TAIL_BYTES, looks_complete, sniff
from guwah.keys import WrongKey
from guwah.registry import services
from guwah.registry.models import Evidence
from guwah.registry.services.checks import check_upload_size

CHUNK_SIZE = 1024 * 1024
BLOB_AREA = "blobs"


class UploadRefused(ValidationError):
    """The file was not stored, and nothing of it was kept; the message says why.

    A ``ValidationError``, so that a form shows it on the file field like any other."""


def _check_size(size: int | None, limit: int, *, partial: bool = False) -> None:
    try:
        check_upload_size(size, limit=limit, partial=partial)
    except ValidationError as exc:
        raise UploadRefused(exc.messages) from exc


def blob_name(sha256: str) -> str:
    return f"{BLOB_AREA}/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def blob_storage() -> Storage:
    return storages[getattr(settings, "GUWAH_EVIDENCE_STORAGE", "default")]


def _chunks(source: Any) -> Iterator[bytes]:
    if hasattr(source, "chunks"):
        yield from source.chunks(CHUNK_SIZE)
        return
    while chunk := source.read(CHUNK_SIZE):
        yield chunk


class _Stream(File):
    """The upload as the storage backend reads it: hashed, counted and bounded on the way."""

    def __init__(self, head: bytes, rest: Iterator[bytes], limit: int) -> None:
        super().__init__(None, name="upload")
        self._pending: list[bytes] = [head] if head else []
        self._rest = rest
        self._limit = limit
        self._buffer = b""
        self._sha256 = hashlib.sha256()
        # hashlib releases the GIL on large buffers, so one chunk is hashed on a second core
        # while the storage backend writes it; the hash sees the chunks strictly in order.
        self._hasher = ThreadPoolExecutor(1, thread_name_prefix="guwah-sha256")
        self._hashing: Future[None] | None = None
        self.received = 0
        self.tail = b""
        self.finished = False

    def _next(self) -> bytes | None:
        chunk = self._pending.pop() if self._pending else next(self._rest, None)
        if chunk is None:
            self.finished = True
            return None
        self.received += len(chunk)
        _check_size(self.received, self._limit, partial=True)
        if self._hashing is not None:
            self._hashing.result()
        self._hashing = self._hasher.submit(self._sha256.update, chunk)
        self.tail = (self.tail + chunk[-TAIL_BYTES:])[-TAIL_BYTES:]
        return chunk

    def hexdigest(self) -> str:
        if self._hashing is not None:
            self._hashing.result()
        self._hasher.shutdown()
        return self._sha256.hexdigest()

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        while (chunk := self._next()) is not None:
            yield chunk

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = self._next()
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        # Backends rewind before reading; a rewind after reading would mean a second pass.
        if offset or whence or self.received:
            raise OSError("an upload stream is read once, from the start")
        return 0

    def tell(self) -> int:
        return self.received - len(self._buffer)

    @property
    def size(self) -> int | None:  # type: ignore[override]
        return None

    def close(self) -> None:
        self._hasher.shutdown(wait=True)


@dataclass
class StoredFile:
    blob: Blob
    created: bool


def _local_path(storage: Storage, name: str) -> str | None:
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def _move(storage: Storage, temporary: str, final: str) -> None:
    if storage.exists(final):
        storage.delete(temporary)
        return
    try:
        source, target = storage.path(temporary), storage.path(final)
    except NotImplementedError:
        with storage.open(temporary) as handle:
            storage.save(final, handle)
        storage.delete(temporary)
        return
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.replace(source, target)


def store_file(
    source: IO[bytes] | File,
    *,
    expected_size: int | None = None,
    expected_sha256: str | None = None,
    max_bytes: int | None = None,
) -> StoredFile:
    """Store ``source`` under its SHA-256 and return its :class:`Blob`; raise
    :class:`UploadRefused` (having kept nothing) for a refused type, an oversized, truncated or
    mismatching file."""
    limit = max_bytes or settings.GUWAH_MAX_UPLOAD_BYTES
    declared = getattr(source, "size", None) if expected_size is None else expected_size
    _check_size(declared, limit)
    chunks = _chunks(source)
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= SNIFF_BYTES:
            break
    kind = sniff(head[:SNIFF_BYTES])
    if not kind.accepted:
        raise UploadRefused(
            _("Files of this type are not accepted: %(reason)s.") % {"reason": kind.reason}
        )
    storage = blob_storage()
    stream = _Stream(head, chunks, limit)
    temporary = f"{BLOB_AREA}/tmp/{uuid.uuid4().hex}.part"  # noqa: S108  (inside the private blob store)
    try:
        on_disk = (
            _local_path(storage, temporary) if hasattr(source, "temporary_file_path") else None
        )
        if on_disk:
            # Django already wrote a large upload to a temporary file; like FileSystemStorage
            # itself, move it rather than copy it, after the one pass that hashes it.
            for _chunk in stream.chunks():
                pass
            os.makedirs(os.path.dirname(on_disk), exist_ok=True)
            file_move_safe(source.temporary_file_path(), on_disk)  # type: ignore[union-attr]
        else:
            temporary = storage.save(temporary, stream)
        if not stream.finished:
            stream.read()
        received, digest = stream.received, stream.hexdigest()
        if declared is not None and received != declared:
            raise UploadRefused(
                _("The upload is incomplete: %(received)s of %(declared)s bytes arrived.")
                % {"received": f"{received:,}", "declared": f"{declared:,}"}
            )
        if not looks_complete(kind.mime, stream.tail):
            raise UploadRefused(_("The file is incomplete: it ends before its format says."))
        if expected_sha256 and expected_sha256.lower() != digest:
            raise UploadRefused(
                _("The file's SHA-256 is %(actual)s, not the %(expected)s that was given.")
                % {"actual": digest, "expected": expected_sha256}
            )
        final = blob_name(digest)
        _move(storage, temporary, final)
    except BaseException:
        if storage.exists(temporary):
            storage.delete(temporary)
        raise
    finally:
        stream.close()
    existing = Blob.objects.filter(pk=digest).first()
    if existing is not None:
        return StoredFile(existing, False)
    metadata = extract_metadata(storage, final, kind.mime)
    # Every stored file is encrypted on disk once its metadata has been read from it.
    sealed.seal(storage, final, digest, encrypted=False)
    try:
        with transaction.atomic():
            blob = Blob.objects.create(
                sha256=digest,
                size=received,
                mime=kind.mime,
                metadata=seal_metadata(metadata),
                encrypted=True,
            )
    except IntegrityError:
        return StoredFile(Blob.objects.get(pk=digest), False)
    return StoredFile(blob, True)


def seal_blob(blob: Blob) -> bool:
    """Encrypt a blob stored in the clear, or re-encrypt it with the current data key (key
    rotation); whether its file was written."""
    written = sealed.seal(
        blob_storage(), blob_name(blob.sha256), blob.sha256, encrypted=blob.encrypted
    )
    if not blob.encrypted:
        Blob.objects.filter(pk=blob.pk).update(encrypted=True)
        blob.encrypted = True
    return written


def ingest_upload(
    evidence: Evidence,
    uploaded_file: IO[bytes] | File,
    actor: Any,
    *,
    role: str = EvidenceFile.Role.ORIGINAL,
    derived_from: Blob | None = None,
    expected_sha256: str | None = None,
) -> Blob:
    """Store an uploaded file for an evidence item, link it, log it and start its custody.

    The original becomes ``evidence.file`` and ``evidence.sha256``; working copies (thumbnail,
    redacted copy, extracted text) are linked under their role and never replace it.
    """
    if role == EvidenceFile.Role.ORIGINAL and evidence.stored_files.filter(role=role).exists():
        raise UploadRefused(
            _("This item already has its original; a new file is a working copy of it.")
        )
    try:
        stored = store_file(uploaded_file, expected_sha256=expected_sha256)
    except OSError as exc:
        raise UploadRefused(
            _("The upload broke off before it was complete (%(error)s).")
            % {"error": exc.__class__.__name__}
        ) from exc
    blob = stored.blob
    with transaction.atomic(), log.acting_as(actor):
        log.record_upload(blob.sha256, actor)
        EvidenceFile.objects.create(
            evidence=evidence,
            blob=blob,
            role=role,
            derived_from=derived_from,
            original_name=os.path.basename(getattr(uploaded_file, "name", "") or "")[:255],
            added_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if role == EvidenceFile.Role.ORIGINAL:
            services.attach_evidence_file(
                actor, evidence, name=blob_name(blob.sha256), sha256=blob.sha256
            )
        CustodyEvent.objects.create(
            evidence=evidence,
            action=(
                CustodyEvent.Action.UPLOADED
                if role == EvidenceFile.Role.ORIGINAL
                else CustodyEvent.Action.REDACTED
                if role == EvidenceFile.Role.REDACTED
                else CustodyEvent.Action.DERIVED
            ),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            detail={
                "sha256": blob.sha256,
                "size": blob.size,
                "mime": blob.mime,
                "role": role,
                "already_stored": not stored.created,
            },
        )
    return blob


def keep_original(actor: Any, evidence: Evidence, upload: IO[bytes] | File) -> Blob:
    """The registry's file keeper: an item's untouched original, stored, linked and logged."""
    return ingest_upload(evidence, upload, actor)


def open_blob(blob: Blob) -> IO[bytes]:
    """The stored file's plaintext (decrypted as it is read when it is encrypted on disk)."""
    return sealed.open_plain(
        blob_storage(), blob_name(blob.sha256), blob.sha256, encrypted=blob.encrypted
    )


def read_blob(sha256: str) -> bytes | None:
    """The plaintext of the stored file with this hash, or ``None`` when none is stored."""
    blob = Blob.objects.filter(pk=sha256).first()
    if blob is None or not blob_storage().exists(blob_name(sha256)):
        return None
    with open_blob(blob) as handle:
        return handle.read()


class StoredFileChanged(Exception):
    """A stored file's bytes no longer hash to the address it was stored under: it was changed
    or damaged on disk since it was received. It is not handed out as if it were the original."""

    def __init__(self, sha256: str, found: str) -> None:
        super().__init__(
            _(
                "The stored file %(sha256)s no longer matches its SHA-256 (its bytes now hash to "
                "%(found)s): it was changed or damaged on disk. Restore it from a backup; "
                "'guwah log verify --files' lists every such file."
            )
            % {"sha256": sha256, "found": found}
        )
        self.sha256 = sha256


def open_verified_blob(blob: Blob) -> IO[bytes]:
    """The stored file, opened only after its bytes were hashed again and still give its
    address: every download and every export reads stored files through here."""
    digest = hashlib.sha256()
    try:
        with open_blob(blob) as source:
            while chunk := source.read(CHUNK_SIZE):
                digest.update(chunk)
    except WrongKey:  # An encrypted file that no longer opens was changed on disk.
        raise StoredFileChanged(
            blob.sha256, _("(an encrypted file that no longer opens)")
        ) from None
    found = digest.hexdigest()
    if found != blob.sha256:
        raise StoredFileChanged(blob.sha256, found)
    return open_blob(blob)
