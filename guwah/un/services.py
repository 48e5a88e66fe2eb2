"""Every change to a UN case file or submission, actor first, as the registry's services do.

Each function asks the access policy, validates the whole change and writes in one transaction,
naming the actor in the history. A submission moves only forward through its stages, and is
not sent before its required elements are present, the family has agreed to share the record
with UN mechanisms and knows the case goes to the government, and the risk of reprisals against
relatives inside has been assessed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guwah.registry import access
from guwah.registry.models import Person, Testimony
from guwah.registry.services.checks import as_history_of, only_fields, require
from guwah.un import checks
from guwah.un.models import (
    STAGE_ORDER,
    CaseFile,
    Language,
    Mechanism,
    Stage,
    Submission,
    TestimonyTranslation,
)

# What a case file holds beyond the registry's record, in the order its form asks for it.
CASE_FILE_ENTRY_FIELDS = (
    "forces_responsible",
    "steps_taken",
    "no_steps_reason",
    "nationality",
    "submitter_name",
    "submitter_relationship",
    "submitter_contact",
    "submitter_confidential",
    "family_knows_transmission",
    "reprisal_risk",
    "consent_public_naming",
    "detention_categories",
    "arbitrariness",
    "family_country",
)
CASE_FILE_FIELDS = frozenset(CASE_FILE_ENTRY_FIELDS)

# What each stage records, and must be given when a submission reaches it.
STAGE_DETAILS: dict[str, tuple[str, ...]] = {
    Stage.DRAFTED: (),
    Stage.SENT: ("sent_on", "channel"),
    Stage.ACKNOWLEDGED: ("acknowledged_on",),
    Stage.REGISTERED: ("un_reference",),
    Stage.GOVERNMENT_REPLIED: ("reply_received_on", "reply_text"),
    Stage.SOURCE_COMMENTED: ("comments_sent_on",),
    Stage.CLARIFIED: ("closed_on",),
    Stage.OUTSTANDING: (),
}
OPTIONAL_DETAILS = frozenset({"reply_translation"})


def save_case_file(actor: Any, person: Person, **fields: Any) -> CaseFile:
    """Record what the Working Groups ask that the registry's record does not hold."""
    require(access.can_edit_person(actor, person), _("You may not change this record."))
    only_fields("save_case_file", fields, CASE_FILE_FIELDS)
    with transaction.atomic():
        case, _created = CaseFile.objects.select_for_update().get_or_create(person=person)
        for key, value in fields.items():
            setattr(case, key, value)
        case.full_clean()
        as_history_of(case, actor)
        case.save()
    return case


def _language(language: str) -> Language:
    if language not in Language.values:
        raise ValidationError(
            _("The Working Groups read English, French or Spanish, not “%(language)s”.")
            % {"language": language},
            code="language",
        )
    return Language(language)


def draft_submission(
    actor: Any, person: Person, mechanism: str, today: dt.date, language: str = Language.ENGLISH
) -> Submission:
    """Open the person's submission to a Working Group, or return the one already open."""
    require(access.can_edit_person(actor, person), _("You may not change this record."))
    chosen = _language(language)
    refusal = checks.export_refusal(actor, person, mechanism)
    if refusal is not None:
        raise ValidationError(refusal, code="refused")
    with transaction.atomic():
        existing = Submission.objects.filter(person=person, mechanism=mechanism).first()
        if existing is not None:
            return existing
        submission = Submission(
            person=person,
            mechanism=Mechanism(mechanism),
            stage=Stage.DRAFTED,
            urgent=mechanism == Mechanism.WGEID and checks.is_urgent(person, today),
            language=chosen,
            created_by=actor,
        )
        submission.connected = (
            mechanism == Mechanism.WGEID
            and not submission.urgent
            and bool(checks.connected_urgent_cases(person, today))
        )
        as_history_of(submission, actor)
        submission.save()
    return submission


def _ready_to_send(submission: Submission) -> list[str]:
    person = submission.person
    problems = [missing.message for missing in checks.missing_wgeid_elements(person)]
    problems += checks.consent_warnings(person, submission.mechanism)
    return problems


def record_step(actor: Any, submission: Submission, stage: str, **details: Any) -> Submission:
    """Move the submission forward to ``stage``, with what that stage records."""
    require(access.can_edit_person(actor, submission.person), _("You may not change this record."))
    stage = Stage(stage)
    only_fields("record_step", details, {*STAGE_DETAILS[stage], *OPTIONAL_DETAILS})
    if STAGE_ORDER.index(stage) <= STAGE_ORDER.index(Stage(submission.stage)):
        raise ValidationError(
            _("This submission is already %(stage)s; it only moves forward.")
            % {"stage": Stage(submission.stage).label},
            code="backwards",
        )
    absent = [name for name in STAGE_DETAILS[stage] if not details.get(name)]
    if absent:
        labels = [
            str(getattr(Submission._meta.get_field(name), "verbose_name", name)) for name in absent
        ]
        raise ValidationError(
            _("Recording “%(stage)s” needs: %(fields)s.")
            % {"stage": stage.label, "fields": ", ".join(labels)},
            code="incomplete_step",
        )
    if stage == Stage.SENT:
        problems = _ready_to_send(submission)
        if problems:
            raise ValidationError(problems, code="not_ready")
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        for key, value in details.items():
            setattr(locked, key, value)
        locked.stage = stage
        locked.full_clean()
        as_history_of(locked, actor)
        locked.save()
    return locked


def testimony_fingerprint(testimony: Testimony) -> str:
    """The SHA-256 of the testimony's text as it stands: what a translation was made from."""
    return hashlib.sha256(testimony.text.encode("utf-8")).hexdigest()


def attach_translation(
    actor: Any,
    submission: Submission,
    testimony: Testimony,
    *,
    text: str,
    language: str = Language.ENGLISH,
    translator: str = "",
) -> TestimonyTranslation:
    """Attach a testimony's translation to the submission; the original stays in the registry,
    named by its id and the hash of its text."""
    person = submission.person
    require(access.can_edit_person(actor, person), _("You may not change this record."))
    require(access.can_view_testimony(actor, testimony), _("You may not see this testimony."))
    if not testimony.persons.filter(pk=person.pk).exists():
        raise ValidationError(
            _("This testimony is not about %(person)s.") % {"person": person}, code="not_about"
        )
    if not text.strip():
        raise ValidationError(_("The translation is empty."), code="empty")
    chosen = _language(language)
    with transaction.atomic():
        attached, _created = TestimonyTranslation.objects.select_for_update().get_or_create(
            submission=submission,
            testimony=testimony,
            language=chosen,
            defaults={"text": text, "original_sha256": testimony_fingerprint(testimony)},
        )
        attached.text = text
        attached.translator = translator
        attached.original_sha256 = testimony_fingerprint(testimony)
        attached.created_by = actor
        attached.full_clean()
        as_history_of(attached, actor)
        attached.save()
    return attached
