"""What linkage keeps of an erased person, removed (``registry.signals.person_erased``): the
rows of the erased records in the snapshots of merges, which let a merge be undone. A merge
that involved the person can no longer be undone in full; the other person's rows stay."""

from __future__ import annotations

from typing import Any

from guwah.linkage.models import Merge


def _mentions(item: dict[str, Any], erased: dict[str, set[str]]) -> bool:
    if str(item.get("pk")) in erased.get(item.get("model", ""), set()):
        return True
    person_ids = erased.get("registry.person", set())
    fields = item.get("fields", {})
    return any(
        name in {"person", "relative", "other_person"} and str(value) in person_ids
        for name, value in fields.items()
    ) or any(
        isinstance(value, list) and name == "persons" and person_ids & {str(v) for v in value}
        for name, value in fields.items()
    )


def forget_erased(sender: Any, erasure: Any, **kwargs: Any) -> None:
    erased = {label: {str(pk) for pk in ids} for label, ids in erasure.records.items()}
    for merge in Merge.objects.all().iterator():
        kept = [item for item in merge.snapshot if not _mentions(item, erased)]
        if len(kept) != len(merge.snapshot):
            merge.snapshot = kept
            merge.save(update_fields=["snapshot"])
