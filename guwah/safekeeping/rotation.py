"""``guwah keys rotate``: a new data key for everything encrypted, without stopping the server.

1. A new data key is added to the keyring and made current; the old ones stay readable, and
   every process reads the changed keyring at its next value (``registry.encryption``).
2. Every encrypted column, testimony recording and stored evidence file not yet on the new key
   is rewritten, in batches; running it again after an interruption carries on.
3. The log's signing key is encrypted with the master key if it was still in the clear, and
   the salts of encrypted fields in log entries, and stored files' metadata, written before
   they were sealed are sealed.
4. Old data keys that nothing uses any more are retired (a value written with one during the
   rotation keeps it until the next run).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from guwah.evidence import lasting, store
from guwah.evidence.log import heads, salts
from guwah.evidence.models import Blob
from guwah.evidence.sealed import key_of
from guwah.keys import MasterKey
from guwah.registry import access, encryption
from guwah.registry.services import keys as registry_keys


@dataclass
class Rotation:
    new_key: str
    fields: int = 0
    recordings: int = 0
    files: int = 0
    signing_key_encrypted: bool = False
    log_salts_sealed: int = 0
    file_metadata_sealed: int = 0
    retired: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def file_keys() -> Counter[str]:
    """How many stored evidence files each data key seals (``clear``: not encrypted)."""
    counter: Counter[str] = Counter()
    storage = store.blob_storage()
    for blob in Blob.objects.order_by("sha256").iterator(chunk_size=500):
        name = store.blob_name(blob.sha256)
        if storage.exists(name):
            counter[key_of(storage, name) if blob.encrypted else "clear"] += 1
    return counter


def keys_in_use() -> Counter[str]:
    """Every data key something is encrypted with, and how many values and files it holds."""
    used: Counter[str] = Counter()
    for counter in registry_keys.key_counts().values():
        used.update(counter)
    used.update(registry_keys.recording_keys())
    used.update(file_keys())
    used.pop("clear", None)
    return used


def rotate(actor: Any, *, progress: Callable[[str, int], None] | None = None) -> Rotation:
    if not access.can_rotate_keys(actor):
        raise PermissionDenied(_("Only an administrator may rotate the keys."))
    ring = encryption.keyring()
    old = set(ring.data_keys)
    done = Rotation(new_key=ring.start_rotation())
    done.fields = registry_keys.reencrypt_fields(actor, progress=progress)
    done.recordings = registry_keys.reseal_recordings(actor)
    for blob in Blob.objects.order_by("sha256").iterator(chunk_size=500):
        if store.blob_storage().exists(store.blob_name(blob.sha256)) and store.seal_blob(blob):
            done.files += 1
    done.signing_key_encrypted = heads.protect_signing_key()
    done.log_salts_sealed = salts.seal_stored_salts()
    done.file_metadata_sealed = lasting.seal_stored_metadata()
    in_use = keys_in_use()
    done.kept = sorted(key for key in old if in_use[key])
    done.retired = sorted(old - set(done.kept))
    encryption.keyring().retire(set(done.retired))
    return done


def status() -> dict[str, Any]:
    """What ``guwah keys status`` shows: the keys, and what each one encrypts."""
    ring = encryption.keyring()
    return {
        "master": ring.master.key_id,
        "keyring": str(ring.path),
        "current": ring.current,
        "data_keys": dict(ring.created),
        "columns": {name: dict(counter) for name, counter in registry_keys.key_counts().items()},
        "recordings": dict(registry_keys.recording_keys()),
        "files": dict(file_keys()),
        "signing_key_encrypted": heads.signing_key_is_encrypted(),
    }


def rewrap(actor: Any, new_master: MasterKey) -> None:
    """Wrap the data keys and encrypt the signing key for ``new_master``: the old master key
    then opens neither. Every process must be restarted with the new key afterwards (a backup
    made before still needs the old one)."""
    if not access.can_rotate_keys(actor):
        raise PermissionDenied(_("Only an administrator may rotate the keys."))
    heads.signing_key()  # Read with the old master key, before anything changes.
    heads.protect_signing_key(new_master)
    encryption.keyring().rewrap(new_master)
    encryption.forget_keyring()
