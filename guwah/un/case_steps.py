"""Where each relative's UN submission stands, told to the family in her language.

Registered with the registry's ``case_steps`` hook when the app starts; the family's pages ask
the hook and never learn that the UN path told them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guwah.registry import access
from guwah.registry.case_steps import CaseStep
from guwah.registry.models import Person
from guwah.un.models import Mechanism, Stage, Submission

_GROUP = {
    Mechanism.WGEID: gettext_lazy("the UN Working Group on Enforced or Involuntary Disappearances"),
    Mechanism.WGAD: gettext_lazy("the UN Working Group on Arbitrary Detention"),
}


def steps_of(submission: Submission) -> list[CaseStep]:
    """The steps one submission has taken, in plain words."""
    group = _GROUP[Mechanism(submission.mechanism)]
    steps = [
        CaseStep(
            _("A submission to %(group)s was drafted") % {"group": group},
            on=submission.created_at.date(),
        )
    ]
    if submission.sent_on:
        steps.append(CaseStep(_("Sent to %(group)s") % {"group": group}, on=submission.sent_on))
    if submission.acknowledged_on:
        steps.append(
            CaseStep(_("The Working Group acknowledged it"), on=submission.acknowledged_on)
        )
    if submission.un_reference:
        steps.append(
            # No day is recorded for the number; it comes with (or after) the acknowledgement,
            # which keeps the family's list in order.
            CaseStep(
                _("The Working Group gave a case number"),
                on=submission.acknowledged_on or submission.sent_on,
                detail=submission.un_reference,
            )
        )
    if submission.reply_received_on:
        deadline = submission.reply_deadline
        steps.append(
            CaseStep(
                _("The government replied; your answer is needed")
                if deadline
                else _("The government replied"),
                on=submission.reply_received_on,
                detail=submission.reply_translation,
                answer_by=deadline,
            )
        )
    if submission.comments_sent_on:
        steps.append(
            CaseStep(_("Your answer to the government was sent"), on=submission.comments_sent_on)
        )
    if submission.stage == Stage.CLARIFIED:
        steps.append(
            CaseStep(_("The Working Group considers the case clarified"), on=submission.closed_on)
        )
    elif submission.stage == Stage.OUTSTANDING:
        steps.append(
            CaseStep(
                _("The case remains outstanding before the Working Group"),
                on=submission.updated_at.date(),
            )
        )
    return steps


def un_case_steps(reader: Any, persons: Sequence[Person]) -> dict[int, list[CaseStep]]:
    """For each person the reader may see, where their UN submissions stand."""
    visible = [person.pk for person in persons if access.can_view_person(reader, person)]
    told: dict[int, list[CaseStep]] = {}
    for submission in Submission.objects.filter(person_id__in=visible).order_by("created_at"):
        told.setdefault(submission.person_id, []).extend(steps_of(submission))
    return told
