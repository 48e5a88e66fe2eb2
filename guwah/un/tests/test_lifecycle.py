"""A submission moves forward from draft to clarification; a government reply gets six months
for an answer, and the dashboard puts those replies first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from guwah.un import services as un_services
from guwah.un.models import Mechanism, Stage

from .conftest import TODAY, record_person

pytestmark = pytest.mark.django_db


def sent(owner: Any, person: Any) -> Any:
    submission = un_services.draft_submission(owner, person, Mechanism.WGEID, TODAY)
    return un_services.record_step(
        owner, submission, Stage.SENT, sent_on=dt.date(2026, 1, 10), channel="email"
    )


def test_a_case_goes_from_draft_to_a_un_case_number(ablikim: Any, owner: Any) -> None:
    submission = sent(owner, ablikim)
    submission = un_services.record_step(
        owner, submission, Stage.REGISTERED, un_reference="1234567"
    )

    assert submission.stage == Stage.REGISTERED
    assert submission.history.count() == 3


def test_a_case_missing_a_required_element_cannot_be_sent(ablikim: Any, owner: Any) -> None:
    un_services.save_case_file(owner, ablikim, forces_responsible="")
    submission = un_services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY)

    with pytest.raises(ValidationError, match="forces believed responsible"):
        un_services.record_step(
            owner, submission, Stage.SENT, sent_on=dt.date(2026, 1, 10), channel="email"
        )


def test_a_case_is_not_sent_before_the_reprisal_risk_is_assessed(ablikim: Any, owner: Any) -> None:
    un_services.save_case_file(owner, ablikim, reprisal_risk="")
    submission = un_services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY)

    with pytest.raises(ValidationError, match="reprisals"):
        un_services.record_step(
            owner, submission, Stage.SENT, sent_on=dt.date(2026, 1, 10), channel="email"
        )


def test_a_submission_never_moves_back(ablikim: Any, owner: Any) -> None:
    submission = un_services.record_step(
        owner, sent(owner, ablikim), Stage.ACKNOWLEDGED, acknowledged_on=dt.date(2026, 2, 1)
    )

    with pytest.raises(ValidationError, match="only moves forward"):
        un_services.record_step(
            owner, submission, Stage.SENT, sent_on=dt.date(2026, 1, 10), channel="email"
        )


def test_a_government_reply_must_be_answered_within_six_months(ablikim: Any, owner: Any) -> None:
    submission = un_services.record_step(
        owner,
        sent(owner, ablikim),
        Stage.GOVERNMENT_REPLIED,
        reply_received_on=dt.date(2026, 8, 31),
        reply_text="The person is receiving vocational training.",
    )
    assert submission.reply_deadline == dt.date(2027, 2, 28)

    answered = un_services.record_step(
        owner, submission, Stage.SOURCE_COMMENTED, comments_sent_on=dt.date(2026, 10, 1)
    )
    assert answered.reply_deadline is None


def test_a_reply_without_its_text_is_refused(ablikim: Any, owner: Any) -> None:
    with pytest.raises(ValidationError, match="what the government replied"):
        un_services.record_step(
            owner, sent(owner, ablikim), Stage.GOVERNMENT_REPLIED, reply_received_on=TODAY
        )


def test_another_family_cannot_record_a_step(ablikim: Any, owner: Any, outsider: Any) -> None:
    submission = un_services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY)
    with pytest.raises(Exception, match="may not change"):
        un_services.record_step(outsider, submission, Stage.SENT, sent_on=TODAY, channel="post")


def test_the_dashboard_puts_replies_awaiting_an_answer_first(
    owner: Any, camp: Any, client: Any
) -> None:
    quiet = record_person(owner, camp)
    answered_late = record_person(owner, camp)
    sent(owner, quiet)
    un_services.record_step(
        owner,
        sent(owner, answered_late),
        Stage.GOVERNMENT_REPLIED,
        reply_received_on=dt.date(2026, 9, 1),
        reply_text="Vocational training.",
    )
    client.force_login(owner)

    page = client.get(reverse("un:dashboard")).content.decode()

    assert page.index(f"/un/people/{answered_late.pk}/") < page.index(f"/un/people/{quiet.pk}/")
    assert "2027-03-01" in page


def test_the_dashboard_shows_no_other_familys_submissions(
    ablikim: Any, owner: Any, outsider: Any, client: Any
) -> None:
    sent(owner, ablikim)
    client.force_login(outsider)

    page = client.get(reverse("un:dashboard")).content.decode()

    assert f"/un/people/{ablikim.pk}/" not in page
