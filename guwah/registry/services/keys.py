"""Re-encrypting the registry's encrypted columns and recordings with the current data key.

Rows are rewritten in small batches, each in its own transaction, with ``update`` on the
encrypted columns only: what the record says does not change (the log commits to plaintext,
and nothing new is logged), and a server keeps running throughout, reading rows made with the
old key and the new one alike. Rows already on the current key are skipped, so a rotation that
was interrupted carries on where it stopped when run again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from guwah.keys import is_token, token_key_id
from guwah.registry import access, encryption
from guwah.registry.models import Testimony
from guwah.registry.sealed_files import SealedFileSystemStorage
from guwah.registry.services.sources import recordings_kept_as_evidence

BATCH = 500


def encrypted_columns() -> list[tuple[type[models.Model], list[str]]]:
    """Every model of the installation with encrypted columns (history tables included)."""
    found = []
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, encryption.EncryptedMixin)
        ]
        if names:
            found.append((model, names))
    return found


def _stored(model: type[models.Model], field: str) -> models.QuerySet[Any]:
    """The column as stored (the ciphertext), not as the field reads it."""
    return model._default_manager.annotate(_stored=Cast(field, models.TextField()))


def key_counts() -> dict[str, Counter[str]]:
    """For each encrypted column, how many values each data key holds (``clear``: values
    stored before encryption)."""
    counts: dict[str, Counter[str]] = {}
    for model, fields in encrypted_columns():
        for field in fields:
            counter: Counter[str] = Counter()
            stored = _stored(model, field).exclude(_stored="").exclude(_stored__isnull=True)
            for value in stored.values_list("_stored", flat=True).iterator(chunk_size=2000):
                counter[token_key_id(value) if is_token(value) else "clear"] += 1
            counts[f"{model._meta.label_lower}.{field}"] = counter
    return counts


def reencrypt_fields(
    actor: Any, *, batch_size: int = BATCH, progress: Callable[[str, int], None] | None = None
) -> int:
    """Rewrite every encrypted value not yet on the current data key; the number rewritten."""
    if not access.can_rotate_keys(actor):
        raise PermissionDenied(_("Only an administrator may rotate the keys."))
    current = encryption.keyring().current
    total = 0
    for model, fields in encrypted_columns():
        key = model._meta.pk.attname
        for field in fields:
            stale = (
                _stored(model, field)
                .exclude(_stored="")
                .exclude(_stored__isnull=True)
                .exclude(_stored__startswith=f"gw1${current}$")
                .order_by(key)
            )
            after: Any = None
            while True:
                batch = stale.filter(**{f"{key}__gt": after}) if after is not None else stale
                rows = list(batch.values_list(key, field)[:batch_size])
                if not rows:
                    break
                with transaction.atomic():
                    for pk, plaintext in rows:
                        model._default_manager.filter(**{key: pk}).update(**{field: plaintext})
                after = rows[-1][0]
                total += len(rows)
                if progress is not None:
                    progress(f"{model._meta.label_lower}.{field}", len(rows))
    return total


def _sealed_recordings() -> models.QuerySet[Testimony, str]:
    # A recording kept as evidence is sealed, hashed and rotated by the evidence store.
    return (
        Testimony.objects.exclude(media="")
        .exclude(media__in=recordings_kept_as_evidence())
        .values_list("media", flat=True)
    )


def reseal_recordings(actor: Any) -> int:
    """Encrypt every testimony recording with the current data key; the number rewritten."""
    if not access.can_rotate_keys(actor):
        raise PermissionDenied(_("Only an administrator may rotate the keys."))
    storage = Testimony._meta.get_field("media").storage
    assert isinstance(storage, SealedFileSystemStorage)  # noqa: S101  (narrows a type; the lines above ensure it)
    written = 0
    names = _sealed_recordings()
    for name in names.iterator(chunk_size=500):
        if storage.exists(name) and storage.seal(name):
            written += 1
    return written


def recording_keys() -> Counter[str]:
    """How many recordings each data key seals (``clear``: stored before encryption)."""
    storage = Testimony._meta.get_field("media").storage
    assert isinstance(storage, SealedFileSystemStorage)  # noqa: S101  (narrows a type; the lines above ensure it)
    counter: Counter[str] = Counter()
    for name in _sealed_recordings():
        if storage.exists(name):
            counter[storage.key_of(name) or "clear"] += 1
    return counter
