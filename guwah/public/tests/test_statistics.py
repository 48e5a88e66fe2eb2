"""The memorial's statistics count the published persons only, and say how many they rest on."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_statistics_count_published_persons_by_status_and_prefecture(
    client: Client, memtimin: Any, gulbahar: Any, unpublished: list[Any], hotan: Any
) -> None:
    data = client.get(reverse("memorial:api_statistics")).json()
    assert data["total"] == 2
    assert {row["label"]: row["count"] for row in data["by_status"]} == {
        "Detained": 1,
        "Released": 1,
    }
    assert {row["label"]: row["count"] for row in data["by_prefecture"]} == {
        "Kashgar": 1,
        "Hotan": 1,
    }
    assert data["without_prefecture"] == 0


def test_the_statistics_page_shows_each_table_and_the_records_it_rests_on(
    client: Client, memtimin: Any, gulbahar: Any, unpublished: list[Any], hotan: Any
) -> None:
    body = client.get(reverse("memorial:statistics")).content.decode()
    assert "These figures rest on 2 published records." in body
    assert f'href="/memorial/?prefecture={hotan.pk}">Hotan</a></td><td>1</td>' in body
    assert 'href="/memorial/?status=released">Released</a></td><td>1</td>' in body
