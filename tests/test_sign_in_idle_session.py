"""A signed-in session that is not used runs out; one that is used stays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[timedelta], None]:
    """Move the server's clock forward by the given time."""
    start = timezone.now()
    offset = timedelta()

    def advance(by: timedelta) -> None:
        nonlocal offset
        offset += by

    monkeypatch.setattr(timezone, "now", lambda: start + offset)
    return advance


def signed_in(client: Client) -> bool:
    return client.get(reverse("registry:dashboard")).status_code == 200


def test_a_session_idle_longer_than_the_timeout_is_signed_out(
    client: Client, colleague: Any, password: str, settings: Any, clock: Any
) -> None:
    client.post(reverse("login"), {"username": colleague.username, "password": password})
    assert signed_in(client)

    clock(timedelta(minutes=settings.GUWAH_SESSION_IDLE_MINUTES, seconds=30))

    assert not signed_in(client)
    assert client.get(reverse("registry:dashboard"))["Location"].startswith(reverse("login"))


def test_a_session_in_use_outlasts_the_timeout(
    client: Client, colleague: Any, password: str, settings: Any, clock: Any
) -> None:
    client.post(reverse("login"), {"username": colleague.username, "password": password})
    idle = timedelta(minutes=settings.GUWAH_SESSION_IDLE_MINUTES)

    # A documenter working for three times the timeout, a page every two-thirds of it.
    for _ in range(5):
        clock(idle * 2 / 3)
        assert signed_in(client)


def test_the_timeout_is_thirty_minutes_by_default(settings: Any) -> None:
    assert settings.GUWAH_SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 30 * 60
