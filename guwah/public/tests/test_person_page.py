"""A memorial entry has a stable, citable address, prints as a clean record and tells search
engines and social sites nothing about witnesses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_entry_lives_at_its_number_under_memorial(client: Client, memtimin: Any) -> None:
    url = reverse("memorial:person", kwargs={"pk": memtimin.pk})
    assert url == f"/memorial/{memtimin.pk}/"
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Entry {memtimin.pk}" in body
    assert "مەمتىمىن ھوشۇر" in body
    assert "Memtimin Hoshur" in body and "Мәмтимин Һошур" in body  # the other Uyghur scripts
    assert f'<link rel="canonical" href="http://testserver/memorial/{memtimin.pk}/">' in body
    assert "He was taken from the mosque at night." in body
    assert "Report on the imams of Kashgar" in body


def test_an_unpublished_record_is_not_found_on_the_memorial(
    client: Client, unpublished: list[Any], colleague: Any
) -> None:
    client.force_login(colleague)  # even staff who may see it in the registry
    for person in unpublished:
        assert client.get(reverse("memorial:person", kwargs={"pk": person.pk})).status_code == 404


def test_the_meta_tags_carry_no_witness_and_no_testimony(client: Client, memtimin: Any) -> None:
    body = client.get(reverse("memorial:person", kwargs={"pk": memtimin.pk})).content.decode()
    head = body.split("</head>")[0]
    metas = " ".join(re.findall(r"<meta [^>]*>", head))
    assert "og:title" in metas and "description" in metas
    for secret in ("Ayshem", "mosque", "Report on the imams"):
        assert secret not in head


def test_the_page_prints_without_navigation(client: Client, memtimin: Any) -> None:
    body = client.get(reverse("memorial:person", kwargs={"pk": memtimin.pk})).content.decode()
    assert re.search(r'<link rel="stylesheet" href="[^"]*public/print\.css" media="print">', body)
    found = finders.find("public/print.css")
    assert found is not None
    rules = Path(str(found)).read_text()
    hidden = rules.split("{", 1)[0]
    assert ".site-header" in hidden and "nav" in hidden
    assert "display: none" in rules.split("}", 1)[0]


def test_the_home_page_leads_visitors_to_the_memorial_and_staff_to_their_dashboard(
    client: Client, colleague: Any
) -> None:
    assert client.get("/")["Location"] == reverse("memorial:person_list")
    client.force_login(colleague)
    assert client.get("/")["Location"] == reverse("registry:dashboard")


def test_an_entry_read_in_uyghur_runs_right_to_left_with_its_dates_in_uyghur(
    client: Client, memtimin: Any, settings: Any
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ug"
    body = client.get(reverse("memorial:person", kwargs={"pk": memtimin.pk})).content.decode()
    assert '<html lang="ug" dir="rtl">' in body
    assert "2017-يىلى ماي" in body
