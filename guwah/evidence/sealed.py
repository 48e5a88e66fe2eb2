"""Stored files encrypted on disk: what a copied data directory shows of a blob is ciphertext.

A blob keeps its name and its address, the SHA-256 of its plaintext, so the log, packages and
``log verify --files`` check the same hash as before; the bytes on disk are the plaintext
sealed in segments with the keyring's current data key and bound to that hash, so a sealed
file swapped for another's does not open. Reading and writing stream through a fixed amount of
memory, whatever the file's size (through the registry's sealed files, which read and write
the same format for testimony recordings).
"""

from __future__ import annotations

from typing import IO

from django.core.files.storage import Storage

from guwah.keys import file_key_id
from guwah.registry import encryption
from guwah.registry.sealed_files import blob_label, open_plaintext, replace_sealed


def label(sha256: str) -> str:
    return blob_label(sha256)


def open_plain(storage: Storage, name: str, sha256: str, *, encrypted: bool) -> IO[bytes]:
    """The stored file's plaintext as a file to read (``encrypted``: as its blob records)."""
    handle = storage.open(name, "rb")
    if not encrypted:
        return handle
    return open_plaintext(handle, label(sha256))


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
    with open_plain(storage, name, sha256, encrypted=encrypted) as source:
        replace_sealed(target, source, label(sha256))
    return True


def key_of(storage: Storage, name: str) -> str:
    """The data key a sealed file is encrypted with."""
    with storage.open(name, "rb") as handle:
        return file_key_id(handle.read(64))
