"""What the evidence app keeps of an erased person, removed (``registry.signals.person_erased``).

The log keeps every entry, so that the tree and its signed heads still verify: an erased
record's entries keep their salted commitments and lose their salts, without which nobody can
test a guessed value against a commitment. Stored files that only the erased records held are
deleted (after the transaction commits, so a rollback leaves them), with their blob rows; the
upload entry of each stays in the log.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from guwah.evidence import store
from guwah.evidence.log.records import json_value
from guwah.evidence.models import Blob, EvidenceFile, LogEntry
from guwah.registry.models import Evidence


def forget_erased(sender: Any, erasure: Any, **kwargs: Any) -> None:
    for label, ids in erasure.records.items():
        record_ids = [str(json_value(pk)) for pk in ids]
        for start in range(0, len(record_ids), 500):
            LogEntry.objects.filter(
                record_type=label, record_id__in=record_ids[start : start + 500]
            ).exclude(salts={}).update(salts={})
    candidates = set(erasure.evidence_files)
    candidates.update(row.blob_id for row in erasure.rows.get("evidence.evidencefile", []))
    storage = store.blob_storage()
    for sha256 in sorted(candidates):
        if EvidenceFile.objects.filter(blob_id=sha256).exists():
            continue
        if Evidence.objects.filter(sha256=sha256).exists():
            continue
        Blob.objects.filter(pk=sha256).delete()
        name = store.blob_name(sha256)
        transaction.on_commit(partial(storage.delete, name))
    for file_storage, stored_name in erasure.files:
        transaction.on_commit(partial(file_storage.delete, stored_name))
