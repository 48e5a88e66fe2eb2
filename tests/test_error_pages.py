"""A refused, missing or broken page says what happened in the reader's language and offers a way
back, as a deployed site (DEBUG off) shows it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from guwah.registry import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _deployed(settings: Any) -> None:
    settings.DEBUG = False


def test_a_page_the_account_may_not_open_is_refused_with_a_way_back(
    client: Client, django_user_model: Any
) -> None:
    client.force_login(django_user_model.objects.create_user("visitor-without-role"))
    page = client.get(reverse("registry:dashboard"))
    assert page.status_code == 403
    text = page.content.decode()
    assert "You may not open this page" in text
    assert f'class="way-back" href="{reverse("home")}"' in text
    # The page is the site's own, with its header and styles, not the server's bare answer.
    assert "guwah/app.css" in text


def test_a_missing_page_says_so_with_a_way_back(client: Client) -> None:
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    text = page.content.decode()
    assert "This page does not exist" in text
    assert f'class="way-back" href="{reverse("home")}"' in text
    assert "guwah/app.css" in text


def test_another_familys_record_is_missing_in_the_same_words(
    client: Client, owner: Any, outsider: Any
) -> None:
    aynurs_mother = services.create_person(
        owner, names=[{"text": "ئايشەم نىياز", "script": "ug-Arab"}], sex="f"
    )
    client.force_login(outsider)
    page = client.get(reverse("registry:person_detail", args=[aynurs_mother.pk]))
    assert page.status_code == 404
    assert "This page does not exist" in page.content.decode()


def test_a_missing_page_is_in_the_readers_language_and_direction(client: Client) -> None:
    page = client.get("/no-such-page/", headers={"accept-language": "ug"})
    assert page.status_code == 404
    text = page.content.decode()
    assert '<html lang="ug" dir="rtl">' in text


def test_a_broken_page_renders_on_its_own_with_a_way_back() -> None:
    # Django renders the 500 page without a request context: no user, no context processors.
    with translation.override("ug"):
        page = server_error(RequestFactory().get("/"))
    assert page.status_code == 500
    text = page.content.decode()
    assert '<html lang="ug" dir="rtl">' in text
    assert 'class="way-back" href="/"' in text
    assert "/static/" not in text


def test_a_broken_page_says_what_to_do() -> None:
    with translation.override("en"):
        text = server_error(RequestFactory().get("/")).content.decode()
    assert "Something went wrong" in text
    assert "try again in a few minutes" in text
