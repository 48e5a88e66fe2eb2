"""What the evidence pages show and record: the items of a person a user may see, custody."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from guwah.evidence.models import CustodyEvent, EvidenceFile
from guwah.registry import access
from guwah.registry.models import Evidence, Person, Visibility
from guwah.registry.panels import Panel

PANEL_TEMPLATE = "evidence/person_panel.html"


@dataclass
class EvidenceRow:
    item: Evidence
    files: list[EvidenceFile]
    custody: list[CustodyEvent]


def visible_evidence(person: Person, user: Any) -> list[Evidence]:
    """The person's evidence items the user may see."""
    if not access.can_view_person(user, person):
        return []
    return [item for item in person.evidence.all() if access.can_view_evidence(user, item)]


def evidence_rows(person: Person, user: Any) -> list[EvidenceRow]:
    """The person's evidence the user may see, with its stored files and chain of custody."""
    return _rows(visible_evidence(person, user))


def _rows(items: list[Evidence]) -> list[EvidenceRow]:
    files: dict[int, list[EvidenceFile]] = {}
    for stored in EvidenceFile.objects.filter(evidence__in=items).select_related("blob"):
        files.setdefault(stored.evidence_id, []).append(stored)
    custody: dict[int, list[CustodyEvent]] = {}
    for event in CustodyEvent.objects.filter(evidence__in=items).select_related("actor"):
        custody.setdefault(event.evidence_id, []).append(event)
    return [EvidenceRow(item, files.get(item.pk, []), custody.get(item.pk, [])) for item in items]


def record_access(user: Any, items: list[Evidence], action: str, **detail: Any) -> None:
    """A restricted item seen or taken is a step in its chain of custody."""
    CustodyEvent.objects.bulk_create(
        CustodyEvent(evidence=item, action=action, actor=user, detail=detail)
        for item in items
        if item.visibility == Visibility.RESTRICTED
    )


def person_panel(request: HttpRequest, person: Person) -> Panel | None:
    """The person's evidence and its custody, wherever it is shown: showing a restricted item is
    viewing it, so each such item gets its VIEWED step here, on the person page as on the
    panel's own address."""
    if not access.can_view_person(request.user, person):
        return None
    items = visible_evidence(person, request.user)
    record_access(request.user, items, CustodyEvent.Action.VIEWED, person=person.pk)
    rows = _rows(items)
    return Panel(
        PANEL_TEMPLATE,
        {
            "person": person,
            "rows": rows,
            "exportable": access.can_download_package(request.user, person),
            "can_redact": access.can_add_evidence(request.user),
        },
    )
