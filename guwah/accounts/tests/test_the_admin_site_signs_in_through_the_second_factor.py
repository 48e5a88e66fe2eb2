"""The admin site's own sign-in page cannot be used to skip the second factor."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_sign_in_page_sends_to_the_projects_sign_in(
    client: Client, administrator: Any, password: str
) -> None:
    shown = client.get(reverse("admin:login"))
    assert shown.status_code == 302
    assert shown["Location"].startswith(reverse("login"))

    posted = client.post(
        reverse("admin:login"), {"username": administrator.username, "password": password}
    )
    assert posted.status_code == 302
    assert "_auth_user_id" not in client.session
