"""The family's page asks the registry's hook where each relative's case stands; the UN path
answers in the reader's language: drafted, sent, case number, a government reply awaiting her
answer and by when."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from guwah.registry.case_steps import case_steps_for
from guwah.un import services
from guwah.un.models import Mechanism, Stage, months_after

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(ablikim: Any, owner: Any) -> Any:
    submission = services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY)
    submission = services.record_step(
        owner, submission, Stage.SENT, sent_on=dt.date(2026, 3, 2), channel="email"
    )
    submission = services.record_step(
        owner, submission, Stage.ACKNOWLEDGED, acknowledged_on=dt.date(2026, 3, 20)
    )
    submission = services.record_step(owner, submission, Stage.REGISTERED, un_reference="10001234")
    return services.record_step(
        owner,
        submission,
        Stage.GOVERNMENT_REPLIED,
        reply_received_on=dt.date(2026, 9, 1),
        reply_text="The person is receiving vocational training.",
        reply_translation="Hökümet u kespiy terbiye éliwatidu dédi.",
    )


def test_the_family_reads_each_step_and_the_day_her_answer_is_due(
    replied: Any, ablikim: Any, owner: Any
) -> None:
    steps = case_steps_for(owner, [ablikim])[ablikim.pk]

    labels = [str(step.label) for step in steps]
    assert any(label.startswith("A submission to the UN Working Group on") for label in labels)
    assert "Sent to the UN Working Group on Enforced or Involuntary Disappearances" in labels
    assert any(step.detail == "10001234" for step in steps)
    [awaiting] = [step for step in steps if step.answer_by]
    assert awaiting.answer_by == months_after(dt.date(2026, 9, 1), 6)
    assert awaiting.detail == "Hökümet u kespiy terbiye éliwatidu dédi."
    sent = [step for step in steps if step.on == dt.date(2026, 3, 2)]
    assert sent, "the sending date is told"


def test_the_steps_are_told_in_the_readers_language(replied: Any, ablikim: Any, owner: Any) -> None:
    with translation.override("en"):
        english = {str(step.label) for step in case_steps_for(owner, [ablikim])[ablikim.pk]}
    with translation.override("tr"):
        turkish = {str(step.label) for step in case_steps_for(owner, [ablikim])[ablikim.pk]}
    # Labels are gettext strings: whatever the catalogue holds for Turkish, they are asked for
    # in the reader's language, never frozen at start-up in the server's.
    assert len(turkish) == len(english)


def test_another_family_is_told_nothing(replied: Any, ablikim: Any, outsider: Any) -> None:
    assert case_steps_for(outsider, [ablikim]) == {ablikim.pk: []}
