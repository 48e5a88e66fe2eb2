"""Stored files encrypted on disk: what a copied data directory shows of a blob is ciphertext.

A blob keeps its name and its address, the SHA-256 of its plaintext, so the log, packages and
``log verify --files`` check the same hash as before; the bytes on disk are the plaintext
sealed in segments with the keyring's current data key and bound to that hash, so a sealed
file swapped for another's does not open. Reading and writing stream through a fixed amount of
memory, whatever the file's size.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator
from typing import IO, Any

from django.core.files.storage import Storage

from guwah.keys import file_key_id
from guwah.registry import encryption
from guwah.registry.sealed_files import blob_label

CHUNK = 256 * 1024


def label(sha256: str) -> str:
    return blob_label(sha256)


class _Plaintext(io.RawIOBase):
    """A sealed file read as its plaintext, decrypted segment by segment as it is read."""

    def __init__(self, handle: IO[bytes], sha256: str) -> None:
        self._handle = handle
        self._segments = encryption.keyring().decrypt_stream(handle.read, label(sha256))
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


def open_plain(storage: Storage, name: str, sha256: str, *, encrypted: bool) -> IO[bytes]:
    """The stored file's plaintext as a file to read (``encrypted``: as its blob records)."""
    handle = storage.open(name, "rb")
    if not encrypted:
        return handle
    return io.BufferedReader(_Plaintext(handle, sha256), CHUNK)


def _blocks(handle: IO[bytes]) -> Iterator[bytes]:
    while block := handle.read(CHUNK):
        yield block


def seal(storage: Storage, name: str, sha256: str, *, encrypted: bool) -> bool:
    """Encrypt a stored file with the current data key, or re-encrypt it with it when it was
    sealed with an older one (key rotation); whether the file was written. The new file
    replaces the old in one step, so a reader never sees half of it."""
    ring = encryption.keyring()
    if encrypted and key_of(storage, name) == ring.current:
        return False
    try:
        target = storage.path(name)
    except NotImplementedError as exc:  # pragma: no cover - a remote store seals on its side
        raise NotImplementedError("files are encrypted only in a local store") from exc
    temporary = f"{target}.{uuid.uuid4().hex}.seal"
    with open_plain(storage, name, sha256, encrypted=encrypted) as source:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                for piece in ring.encrypt_stream(_blocks(source), label(sha256)):
                    out.write(piece)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            os.unlink(temporary)
            raise
    os.replace(temporary, target)
    return True


def key_of(storage: Storage, name: str) -> str:
    """The data key a sealed file is encrypted with."""
    with storage.open(name, "rb") as handle:
        return file_key_id(handle.read(64))
