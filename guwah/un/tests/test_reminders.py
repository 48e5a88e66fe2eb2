"""``guwah un reminders`` lists what must be done by when, and fails when something is late:
government replies awaiting an answer (six months) and urgent cases not yet sent. The
dashboard lists them in the same order."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from guwah.un import services
from guwah.un.models import Mechanism, Stage

from .conftest import record_person

pytestmark = pytest.mark.django_db


def _reply_received(owner: Any, person: Any, on: dt.date) -> Any:
    today = timezone.localdate()
    submission = services.draft_submission(owner, person, Mechanism.WGEID, today)
    submission = services.record_step(
        owner, submission, Stage.SENT, sent_on=on - dt.timedelta(days=60), channel="email"
    )
    return services.record_step(
        owner, submission, Stage.GOVERNMENT_REPLIED, reply_received_on=on, reply_text="Denied."
    )


def _remind(*args: str) -> str:
    out = io.StringIO()
    call_command("un", "reminders", *args, stdout=out)
    return out.getvalue()


def test_an_unanswered_reply_past_six_months_is_overdue_and_the_command_fails(
    owner: Any, camp: Any
) -> None:
    person = record_person(owner, camp)
    today = timezone.localdate()
    _reply_received(owner, person, today - dt.timedelta(days=200))

    with pytest.raises(CommandError, match="1 deadline") as failure:
        _remind()

    assert failure.value.returncode == 1


def test_a_reply_due_within_the_window_is_listed_and_the_command_succeeds(
    owner: Any, camp: Any
) -> None:
    person = record_person(owner, camp)
    today = timezone.localdate()
    submission = _reply_received(owner, person, today - dt.timedelta(days=170))

    listed = _remind("--days", "30")

    assert f"DUE {submission.reply_deadline.isoformat()} WGEID person {person.pk}" in listed
    assert "none overdue" in listed
    assert f"person {person.pk}" not in _remind("--days", "1")


def test_an_urgent_case_not_sent_is_listed_with_the_end_of_its_urgent_window(
    owner: Any, camp: Any
) -> None:
    today = timezone.localdate()
    recent = (today - dt.timedelta(days=10)).isoformat()
    person = record_person(owner, camp, date=recent)
    services.draft_submission(owner, person, Mechanism.WGEID, today)

    listed = _remind("--days", "120")

    assert f"WGEID person {person.pk}" in listed
    assert "send the urgent case" in listed


def test_a_negative_window_is_refused() -> None:
    with pytest.raises(CommandError, match="--days"):
        _remind("--days", "-1")


def test_the_dashboard_lists_deadlines_in_the_commands_order(
    owner: Any, camp: Any, client: Any
) -> None:
    today = timezone.localdate()
    later = _reply_received(owner, record_person(owner, camp), today - dt.timedelta(days=30))
    sooner = _reply_received(owner, record_person(owner, camp), today - dt.timedelta(days=150))
    quiet = services.draft_submission(owner, record_person(owner, camp), Mechanism.WGEID, today)

    client.force_login(owner)
    page = client.get(reverse("un:dashboard")).content.decode()
    listed = _remind("--days", "400")

    order = [sooner, later, quiet]
    links = [reverse("un:person", kwargs={"pk": s.person.pk}) for s in order]
    assert [page.index(f'href="{link}"') for link in links] == sorted(
        page.index(f'href="{link}"') for link in links
    )
    assert listed.index(f"person {sooner.person.pk} ") < listed.index(f"person {later.person.pk} ")
    assert f"person {quiet.person.pk} " not in listed
