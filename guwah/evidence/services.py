"""What the evidence pages show and record: the items of a person a user may see, custody."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guwah.evidence.models import CustodyEvent, EvidenceFile
from guwah.registry import access
from guwah.registry.models import Evidence, Person, Visibility


@dataclass
class EvidenceRow:
    item: Evidence
    files: list[EvidenceFile]
    custody: list[CustodyEvent]


def evidence_rows(person: Person, user: Any) -> list[EvidenceRow]:
    """The person's evidence the user may see, with its stored files and chain of custody."""
    if not access.can_view_person(user, person):
        return []
    items = [item for item in person.evidence.all() if access.can_view_evidence(user, item)]
    files: dict[int, list[EvidenceFile]] = {}
    for stored in EvidenceFile.objects.filter(evidence__in=items).select_related("blob"):
        files.setdefault(stored.evidence_id, []).append(stored)
    custody: dict[int, list[CustodyEvent]] = {}
    for event in CustodyEvent.objects.filter(evidence__in=items).select_related("actor"):
        custody.setdefault(event.evidence_id, []).append(event)
    return [EvidenceRow(item, files.get(item.pk, []), custody.get(item.pk, [])) for item in items]


def may_export(user: Any, person: Person) -> bool:
    return access.can_view_person(user, person) and (
        person.created_by_id == user.pk or person.consent_share_un
    )


def record_access(user: Any, items: list[Evidence], action: str, **detail: Any) -> None:
    """A restricted item seen or taken is a step in its chain of custody."""
    CustodyEvent.objects.bulk_create(
        CustodyEvent(evidence=item, action=action, actor=user, detail=detail)
        for item in items
        if item.visibility == Visibility.RESTRICTED
    )
