"""Guessing a password is throttled, logged, and visible to administrators."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _throttling_on(settings: Any) -> None:
    # The test settings switch it off for the test client's login(); these tests are about it.
    settings.AXES_ENABLED = True


def sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_30_wrong_passwords_are_throttled_and_logged(
    client: Client, colleague: Any, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="axes"):
        answers = [sign_in(client, colleague.username, f"guess {n}").status_code for n in range(30)]

    limit = settings.AXES_FAILURE_LIMIT
    assert limit < 30
    # Before the limit the sign-in form comes back; from it on, only the refusal page.
    assert set(answers[: limit - 1]) == {200}
    assert set(answers[limit:]) == {429}
    assert AccessAttempt.objects.get(username=colleague.username).failures_since_start >= limit
    assert AccessFailureLog.objects.filter(username=colleague.username).count() >= limit
    assert any("locking out" in message.lower() for message in caplog.messages)


def test_the_right_password_after_lockout_is_refused_until_the_cool_off(
    client: Client, colleague: Any, password: str, settings: Any
) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, colleague.username, f"guess {n}")

    refused = sign_in(client, colleague.username, password)
    assert refused.status_code == 429
    assert "Sign-in paused" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    # The cool-off passes: the last failure now lies further back than it.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    signed_in = sign_in(client, colleague.username, password)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_another_account_is_not_locked_by_guesses_at_a_colleague(
    client: Client, colleague: Any, reviewer: Any, password: str, settings: Any
) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        sign_in(client, colleague.username, f"guess {n}")
    assert sign_in(client, reviewer.username, password).status_code == 302


def test_an_administrator_sees_the_failed_sign_ins_in_the_admin(
    client: Client, colleague: Any, administrator: Any
) -> None:
    sign_in(client, colleague.username, "a guess")
    client.force_login(administrator)
    for page in ("admin:axes_accessfailurelog_changelist", "admin:axes_accessattempt_changelist"):
        answer = client.get(reverse(page))
        assert answer.status_code == 200
        assert colleague.username in answer.content.decode()


def test_a_documenter_does_not_see_the_failed_sign_ins(
    client: Client, colleague: Any, reviewer: Any
) -> None:
    sign_in(client, reviewer.username, "a guess")
    colleague.is_staff = True  # even with the admin opened to them
    colleague.save(update_fields=["is_staff"])
    client.force_login(colleague)
    answer = client.get(reverse("admin:axes_accessfailurelog_changelist"))
    assert answer.status_code == 403
