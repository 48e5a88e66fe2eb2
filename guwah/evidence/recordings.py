"""Testimony recordings and scans kept by the store: a testimony names its file by the store's
blob name, and the registry's storage for recordings asks here to open such a name."""

from __future__ import annotations

import re

from django.core.files import File

from guwah.evidence import store
from guwah.evidence.models import Blob

_BLOB_NAME = re.compile(r"blobs/[0-9a-f]{2}/[0-9a-f]{2}/(?P<sha256>[0-9a-f]{64})")


def open_kept(name: str) -> File | None:
    """The plaintext of the stored file a testimony names, or ``None`` when the store does not
    keep that name (a recording stored before the store kept them)."""
    match = _BLOB_NAME.fullmatch(name)
    if not match:
        return None
    blob = Blob.objects.filter(pk=match["sha256"]).first()
    if blob is None:
        return None
    return File(store.open_blob(blob), name)
