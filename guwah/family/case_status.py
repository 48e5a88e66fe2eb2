"""Where each relative's case stands, in the plain words a family reads.

Four stages, read from the record as it is (nothing is stored for them): received (only the
family has touched it), being verified (the organisation's people have worked on it, shared it
inside the organisation or found a second source), verified (a second documenter checked it:
the top of the registry's verification ladder), published (on the memorial). Beside the stage,
whether the record is kept private because the family said no to publishing, and every step the
apps above the registry report (a UN submission, a government's reply awaiting her answer).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guwah.registry import status as registry_status
from guwah.registry.case_steps import CaseStep, case_steps_for
from guwah.registry.models import Person, Visibility

RECEIVED = "received"
BEING_VERIFIED = "being_verified"
VERIFIED = "verified"
PUBLISHED = "published"


@dataclass
class CaseStatus:
    stage: str
    stage_words: str
    private_by_choice: bool
    what_is_known: str
    steps: list[CaseStep] = field(default_factory=list)

    @property
    def answer_needed_by(self) -> datetime.date | None:
        """The earliest day by which the family must answer something, if any."""
        days = [step.answer_by for step in self.steps if step.answer_by is not None]
        return min(days) if days else None


def _stage_words() -> dict[str, str]:
    return {
        RECEIVED: _("Received: the organisation has your report."),
        BEING_VERIFIED: _("Being verified: the organisation is checking what you told."),
        VERIFIED: _("Verified by the organisation."),
        PUBLISHED: _("Published on the memorial, as you agreed."),
    }


def _worked_on_by_others(reader: Any, persons: Sequence[Person]) -> set[int]:
    """The persons whose record someone other than the family member has changed."""
    owners = {person.pk: person.created_by_id for person in persons}
    rows = (
        Person.history.filter(id__in=list(owners), history_user__isnull=False)
        .values_list("id", "history_user_id")
        .distinct()
    )
    return {pk for pk, user_id in rows if user_id != owners.get(pk)}


def _known(person: Person) -> str:
    derived = registry_status.derive_status(person)
    label = str(registry_status.STATUS_LABELS.get(derived.status, ""))
    since = derived.since
    if since is None:
        return label
    return _("%(status)s, %(date)s") % {
        "status": label,
        "date": since.in_words(get_language() or "en"),
    }


def case_statuses(reader: Any, persons: Sequence[Person]) -> dict[int, CaseStatus]:
    """Each person's case in plain words, by person id (prefetch ``events`` first)."""
    words = _stage_words()
    worked_on = _worked_on_by_others(reader, persons)
    steps = case_steps_for(reader, persons)
    statuses: dict[int, CaseStatus] = {}
    for person in persons:
        # The verification ladder (reported, corroborated, verified) where the record has it.
        level = getattr(person, "verification", "")
        if person.visibility == Visibility.PUBLIC:
            stage = PUBLISHED
        elif level == "verified":
            stage = VERIFIED
        elif (
            level == "corroborated"
            or person.visibility == Visibility.INTERNAL
            or person.pk in worked_on
        ):
            stage = BEING_VERIFIED
        else:
            stage = RECEIVED
        statuses[person.pk] = CaseStatus(
            stage=stage,
            stage_words=words[stage],
            private_by_choice=not person.consent_publish,
            what_is_known=_known(person),
            steps=steps.get(person.pk, []),
        )
    return statuses
