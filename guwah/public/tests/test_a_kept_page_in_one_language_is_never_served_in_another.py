"""Kept memorial pages are filed by language: a visitor reading in Uyghur never receives the
English page another visitor was served a moment before, nor the reverse."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["memorial:person", "memorial:person_list", "memorial:statistics"]
)
def test_each_language_gets_its_own_page(
    client: Client, memtimin: Any, settings: Any, url_name: str
) -> None:
    url = reverse(url_name, kwargs={"pk": memtimin.pk}) if url_name == "memorial:person" else None
    url = url or reverse(url_name)
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    uyghur = Client(HTTP_ACCEPT_LANGUAGE="ug")
    chinese = Client()
    chinese.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    for _ in range(2):  # the second round is served from the kept copies
        assert '<html lang="en" dir="ltr">' in english.get(url).content.decode()
        assert '<html lang="ug" dir="rtl">' in uyghur.get(url).content.decode()
        assert '<html lang="zh-hans" dir="ltr">' in chinese.get(url).content.decode()
