"""Only visitors who are not signed in are served kept pages, and the language form on a kept
page carries each visitor's own form token (the form still works for her)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def _form_token(body: str) -> str:
    found = TOKEN.search(body)
    assert found is not None
    return found.group(1)


def test_each_visitor_gets_a_form_token_matching_her_own_cookie(memtimin: Any) -> None:
    url = reverse("memorial:person", kwargs={"pk": memtimin.pk})
    for _ in range(3):  # the first visitor's page is rendered, the others' are kept copies
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get(url)
        secret = response.cookies["csrftoken"].value
        token = _form_token(response.content.decode())
        assert _unmask_cipher_token(token) == secret
        switched = visitor.post(
            reverse("set_language"), {"language": "tr", "next": url, "csrfmiddlewaretoken": token}
        )
        assert switched.status_code == 302


def test_a_signed_in_user_never_receives_a_kept_page(
    client: Client, memtimin: Any, colleague: Any
) -> None:
    url = reverse("memorial:person", kwargs={"pk": memtimin.pk})
    Client().get(url)
    Client().get(url)  # kept now
    client.force_login(colleague)
    body = client.get(url).content.decode()
    assert colleague.get_username() in body
    assert "Sign out" in body
    assert "no-store" in client.get(url)["Cache-Control"]


def test_a_search_is_never_served_from_a_kept_page(client: Client, memtimin: Any) -> None:
    listing = reverse("memorial:person_list")
    client.get(listing)
    client.get(listing)
    assert "Hoshur" not in client.get(listing, {"q": "nobody at all"}).content.decode()
