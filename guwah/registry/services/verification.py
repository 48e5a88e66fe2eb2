"""Moving a case or an evidence item up the verification ladder, and recording a government's
rebuttal of an entry with the organisation's answer (see :mod:`guwah.registry.verification`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import (
    Evidence,
    Person,
    Rebuttal,
    Testimony,
    Verification,
    describe_invalid_date,
)
from guwah.registry.services.checks import as_history_of, require
from guwah.registry.verification import CHECKLIST


def _may_view(actor: Any, record: Person | Evidence) -> bool:
    if isinstance(record, Person):
        return access.can_view_person(actor, record)
    return access.can_view_evidence(actor, record)


def _sources_beside(record: Person | Evidence) -> int:
    """How many sources support the record besides itself: for a case, its testimonies and
    evidence items; for an evidence item, the other items and testimonies about its persons."""
    if isinstance(record, Person):
        return (
            Testimony.objects.filter(persons=record).count()
            + Evidence.objects.filter(persons=record).count()
        )
    persons = record.persons.values("pk")
    return (
        Testimony.objects.filter(persons__in=persons).distinct().count()
        + Evidence.objects.filter(persons__in=persons).exclude(pk=record.pk).distinct().count()
    )


def corroborate(actor: Any, record: Person | Evidence) -> Person | Evidence:
    """Mark a reported case or evidence item as corroborated: it needs a second source (for a
    case, two sources in all; for an evidence item, one other source about the same person)."""
    require(
        access.can_verify(actor) and _may_view(actor, record),
        _("Only the organisation's documenters, reviewers and administrators corroborate."),
    )
    if record.verification != Verification.REPORTED:
        raise ValidationError({"verification": _("This record is already past the reported step.")})
    needed = 2 if isinstance(record, Person) else 1
    if _sources_beside(record) < needed:
        raise ValidationError(
            {
                "verification": _(
                    "A second, independent source is needed before this can be marked "
                    "corroborated; add it first."
                )
            }
        )
    with transaction.atomic():
        record.verification = Verification.CORROBORATED
        record.corroborated_by = actor
        as_history_of(record, actor, "corroborated")
        record.save()
    return record


def verify(actor: Any, record: Person | Evidence, ticked: Iterable[str]) -> Person | Evidence:
    """Mark a corroborated record verified, by a second documenter (neither whoever entered it
    nor whoever corroborated it) who has ticked every item of the written checklist."""
    require(
        access.can_verify(actor) and _may_view(actor, record),
        _("Only the organisation's documenters, reviewers and administrators verify a record."),
    )
    if record.verification != Verification.CORROBORATED:
        raise ValidationError({"verification": _("Only a corroborated record can be verified.")})
    if actor.pk in (record.created_by_id, record.corroborated_by_id):
        raise ValidationError(
            {
                "verification": _(
                    "A second documenter verifies: not whoever entered or corroborated it."
                )
            }
        )
    ticked = set(ticked)
    unknown = sorted(ticked - set(CHECKLIST))
    if unknown:
        raise ValidationError(
            {
                "verification_checklist": _("Not on the checklist: %(items)s.")
                % {"items": ", ".join(unknown)}
            }
        )
    missing = [str(text) for key, text in CHECKLIST.items() if key not in ticked]
    if missing:
        raise ValidationError({"verification_checklist": missing})
    with transaction.atomic():
        record.verification = Verification.VERIFIED
        record.verified_by = actor
        record.verified_at = timezone.now()
        record.verification_checklist = ",".join(sorted(ticked))
        as_history_of(record, actor, "verified")
        record.save()
    return record


def add_rebuttal(
    actor: Any,
    person: Person,
    *,
    claimant: str,
    claim: str,
    source: str,
    source_url: str = "",
    claimed_on: str = "",
    answer: str = "",
) -> Rebuttal:
    """Record a government's rebuttal of an entry ("living a normal life") with where it was
    said, and the organisation's answer when there is one already."""
    require(
        access.can_verify(actor) and access.can_view_person(actor, person),
        _("Only the organisation's documenters, reviewers and administrators record rebuttals."),
    )
    errors: dict[str, list[str]] = {}
    for field, value in (("claimant", claimant), ("claim", claim), ("source", source)):
        if not value.strip():
            errors.setdefault(field, []).append(_("This is needed."))
    if claimed_on.strip():
        try:
            claimed_on = PartialDate.parse(claimed_on).edtf()
        except InvalidPartialDate as error:
            errors.setdefault("claimed_on", []).append(describe_invalid_date(error))
    if errors:
        raise ValidationError(errors)
    rebuttal = Rebuttal(
        person=person,
        claimant=claimant.strip(),
        claim=claim.strip(),
        source=source.strip(),
        source_url=source_url.strip(),
        claimed_on=claimed_on.strip(),
        answer=answer.strip(),
        answered_at=timezone.now() if answer.strip() else None,
        synthetic=person.synthetic,
        created_by=actor,
    )
    rebuttal.full_clean()
    with transaction.atomic():
        as_history_of(rebuttal, actor)
        rebuttal.save()
    return rebuttal


def answer_rebuttal(actor: Any, rebuttal: Rebuttal, answer: str) -> Rebuttal:
    """Record (or correct) the organisation's answer to a rebuttal; the rebuttal itself stays."""
    require(
        access.can_verify(actor) and access.can_view_person(actor, rebuttal.person),
        _("Only the organisation's documenters, reviewers and administrators answer rebuttals."),
    )
    if not answer.strip():
        raise ValidationError({"answer": _("An answer needs some text.")})
    with transaction.atomic():
        rebuttal.answer = answer.strip()
        rebuttal.answered_at = timezone.now()
        as_history_of(rebuttal, actor)
        rebuttal.save()
    return rebuttal
