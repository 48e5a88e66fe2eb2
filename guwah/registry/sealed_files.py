"""A file storage that encrypts on disk: testimony recordings and scans.

Like the evidence store's blobs, a recording is sealed in segments with the keyring's current
data key as it is written and decrypted as it is read, so a copy of the media directory holds
no witness's voice. A file written before encryption was switched on (no sealed header) is
read as it is until ``guwah keys rotate`` seals it.
"""

from __future__ import annotations

import io
import os
import re
import uuid
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import FileSystemStorage

from guwah.keys import FILE_MAGIC, file_key_id, is_encrypted_file
from guwah.registry import encryption

CHUNK = 256 * 1024
# The same for every recording: a file's own name may change as it is saved.
LABEL = "registry.testimony.media"
# A recording kept by the evidence store is one of its blobs, named by its SHA-256 and sealed
# by the store, bound to that hash.
_BLOB = re.compile(r"blobs/[0-9a-f]{2}/[0-9a-f]{2}/(?P<sha256>[0-9a-f]{64})")


def blob_label(sha256: str) -> str:
    """What a stored blob's ciphertext is bound to: its content address."""
    return f"evidence.blob|{sha256}"


def is_blob(name: str) -> bool:
    return _BLOB.fullmatch(name) is not None


def label_for(name: str) -> str:
    match = _BLOB.fullmatch(name)
    return blob_label(match["sha256"]) if match else LABEL


class _Plaintext(io.RawIOBase):
    """A sealed file read as its plaintext, decrypted segment by segment as it is read."""

    def __init__(self, handle: IO[bytes], label: str) -> None:
        self._handle = handle
        self._segments = encryption.keyring().decrypt_stream(handle.read, label)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer:
            segment = next(self._segments, None)
            if segment is None:
                return 0
            self._buffer = segment
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size

    def close(self) -> None:
        self._handle.close()
        super().close()


def open_plaintext(handle: IO[bytes], label: str) -> IO[bytes]:
    """The plaintext of the sealed file open in ``handle`` (bound to ``label``), decrypted as
    it is read, through a fixed amount of memory whatever the file's size."""
    return io.BufferedReader(_Plaintext(handle, label), CHUNK)


def replace_sealed(target: str, source: IO[bytes], label: str) -> None:
    """Write ``source``'s bytes, sealed with the current data key and bound to ``label``, over
    the file at ``target``: into a temporary file beside it, flushed to disk, which then
    replaces it in one step, so a reader never sees half of it."""
    temporary = f"{target}.{uuid.uuid4().hex}.seal"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            blocks = iter(lambda: source.read(CHUNK), b"")
            for piece in encryption.keyring().encrypt_stream(blocks, label):
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    os.replace(temporary, target)


class _Sealing(File):
    """The content as the storage writes it: its chunks, encrypted on the way."""

    def __init__(self, content: File) -> None:
        super().__init__(None, name=content.name)
        self._content = content

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        self._content.seek(0)
        blocks = self._content.chunks(CHUNK)
        return encryption.keyring().encrypt_stream(iter(blocks), LABEL)


# A testimony's recording kept by a store above the registry (the evidence store, by its hash)
# is named in the field as that store names it, and opened by that store: the store registers
# ``opener(name)``, which gives the file, or ``None`` for a name it does not keep.
KeptFileOpener = Callable[[str], "File | None"]
_kept_file_openers: list[KeptFileOpener] = []


def open_kept_files_with(opener: KeptFileOpener) -> None:
    """Make ``opener`` the one function that opens recordings another store keeps."""
    _kept_file_openers[:] = [opener]


class SealedFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: File) -> str:
        # The wrapper has no temporary file path, so the plaintext is never moved into place.
        return super()._save(name, _Sealing(content))  # type: ignore[misc]

    def _open(self, name: str, mode: str = "rb") -> File:
        for opener in _kept_file_openers:
            kept = opener(name)
            if kept is not None:
                return kept
        handle = open(self.path(name), "rb")
        head = handle.read(len(FILE_MAGIC))
        handle.seek(0)
        if not is_encrypted_file(head):
            return File(handle, name)
        return File(open_plaintext(handle, label_for(name)), name)

    def key_of(self, name: str) -> str | None:
        """The data key the file is sealed with; ``None`` for a file in the clear."""
        with open(self.path(name), "rb") as handle:
            head = handle.read(64)
        return file_key_id(head) if is_encrypted_file(head) else None

    def seal(self, name: str) -> bool:
        """Encrypt the file with the current data key (again, after a rotation); whether it
        was written. The new file replaces the old in one step. A blob is the evidence store's
        to seal."""
        if is_blob(name) or self.key_of(name) == encryption.keyring().current:
            return False
        with self.open(name, "rb") as source:
            replace_sealed(self.path(name), source, LABEL)
        return True


def sealed_storage() -> SealedFileSystemStorage:
    """The storage of testimony recordings (a callable, so settings are read when it is used)."""
    return SealedFileSystemStorage()
