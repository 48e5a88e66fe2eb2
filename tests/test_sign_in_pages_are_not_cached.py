"""No browser or proxy keeps a copy of a page that is not public."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_registry_page_is_never_stored(client: Client, colleague: Any) -> None:
    client.force_login(colleague)
    page = client.get(reverse("registry:person_list"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "private" in page["Cache-Control"]


def test_the_sign_in_redirect_of_a_registry_page_is_never_stored(client: Client) -> None:
    answer = client.get(reverse("registry:person_list"))
    assert answer.status_code == 302
    assert "no-store" in answer["Cache-Control"]


def test_a_public_positions_page_stays_cacheable_for_visitors(client: Client) -> None:
    page = client.get(reverse("positions:map"))
    assert page.status_code == 200
    assert "no-store" not in page.get("Cache-Control", "")


def test_a_public_page_seen_by_a_signed_in_user_is_never_stored(
    client: Client, colleague: Any
) -> None:
    client.force_login(colleague)
    page = client.get(reverse("positions:map"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
