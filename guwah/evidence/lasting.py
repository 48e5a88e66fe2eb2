"""Values sealed with a key that key rotation keeps: the log's field salts, files' metadata.

A log entry and a stored file's metadata are written once and never rewritten, so the data
keys that rotation replaces and retires cannot seal them. They are sealed (AES-GCM, bound to a
label) with a key derived from the keyring's look-up key instead, which the master key wraps,
which neither ``guwah keys rotate`` nor a master-key change replaces, and which a backup
carries in its keyring. Without the master key they do not open.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
from typing import Any

from guwah.keys import envelope
from guwah.registry import encryption

# The key id a sealed value names: not a data key of the keyring, so rotation neither counts
# nor retires it.
KEY_ID = "lasting"

_derived: dict[bytes, bytes] = {}


def _key() -> bytes:
    lookup_key = encryption.keyring().lookup_key
    key = _derived.get(lookup_key)
    if key is None:
        key = hmac.new(lookup_key, b"guwah lasting seal", hashlib.sha256).digest()
        _derived.clear()
        _derived[lookup_key] = key
    return key


def seal(text: str, label: str) -> str:
    return envelope.seal_text(KEY_ID, _key(), text, label)


def open_sealed(token: str, label: str) -> str:
    """The plaintext; :class:`~guwah.keys.KeyProblem` if it does not open (another
    installation's keyring, another label, an altered value)."""
    return envelope.open_text(token, _key(), label)


def is_sealed(value: object) -> bool:
    return envelope.is_token(value)


def seal_bytes(data: bytes, label: str) -> bytes:
    """A short-lived file (a list waiting to be imported) sealed like a stored file, with the
    lasting key, so that a rotation while it waits does not retire the key it needs."""
    return b"".join(envelope.seal_stream(KEY_ID, _key(), iter([data]), label))


def open_bytes(sealed: bytes, label: str) -> bytes:
    return b"".join(envelope.open_stream(io.BytesIO(sealed).read, lambda _key_id: _key(), label))


# --- a stored file's metadata --------------------------------------------------------------

METADATA_LABEL = "evidence.blob.metadata"


def seal_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """A file's extracted metadata (EXIF position and camera, a PDF's author) as stored."""
    if not metadata:
        return {}
    return {"sealed": seal(json.dumps(metadata, sort_keys=True), METADATA_LABEL)}


def open_metadata(stored: dict[str, Any]) -> dict[str, Any]:
    """The metadata as extracted; metadata stored before sealing is returned as it is."""
    token = stored.get("sealed") if isinstance(stored, dict) else None
    if not is_sealed(token) or len(stored) != 1:
        return dict(stored or {})
    opened: dict[str, Any] = json.loads(open_sealed(str(token), METADATA_LABEL))
    return opened


def seal_stored_metadata(batch: int = 500) -> int:
    """Seal the metadata of files stored before it was sealed; returns how many changed."""
    from guwah.evidence.models import Blob

    changed = 0
    pending: list[Blob] = []
    for blob in Blob.objects.exclude(metadata={}).only("pk", "metadata").iterator(batch):
        if set(blob.metadata) == {"sealed"} and is_sealed(blob.metadata["sealed"]):
            continue
        blob.metadata = seal_metadata(blob.metadata)
        pending.append(blob)
        if len(pending) >= batch:
            changed += Blob.objects.bulk_update(pending, ["metadata"])
            pending = []
    if pending:
        changed += Blob.objects.bulk_update(pending, ["metadata"])
    return changed
