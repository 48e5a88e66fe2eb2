"""A person's page, once rendered, is kept for visitors and served without reading the registry;
any change that could alter it (consent withdrawn, a narrower publication level) takes the kept
copy away on the very next request."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.registry import services

pytestmark = pytest.mark.django_db


def _without_token(content: bytes) -> bytes:
    return re.sub(rb"[A-Za-z0-9]{64}", b"", content)


def test_a_kept_page_is_served_without_a_query(
    client: Client, memtimin: Any, django_assert_num_queries: Any
) -> None:
    url = reverse("memorial:person", kwargs={"pk": memtimin.pk})
    first = client.get(url)
    with django_assert_num_queries(0):
        kept = client.get(url)
    assert kept.status_code == 200
    # The same page but for the form token, which is each visitor's own.
    assert _without_token(kept.content) == _without_token(first.content)
    assert kept.content != first.content
    assert "Memtimin Hoshur" in kept.content.decode()


def test_withdrawing_consent_takes_the_kept_page_away_on_the_next_request(
    client: Client, memtimin: Any, owner: Any
) -> None:
    url = reverse("memorial:person", kwargs={"pk": memtimin.pk})
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # now served from the kept copy

    services.set_consent(owner, memtimin, publish=False)

    response = client.get(url)
    assert response.status_code == 404
    assert "Hoshur" not in response.content.decode()


def test_a_narrower_publication_level_replaces_the_kept_page_at_once(
    client: Client, memtimin: Any, owner: Any
) -> None:
    url = reverse("memorial:person", kwargs={"pk": memtimin.pk})
    assert "Memtimin Hoshur" in client.get(url).content.decode()
    assert "Memtimin Hoshur" in client.get(url).content.decode()

    services.set_publication_level(owner, memtimin, level="anonymous")

    body = client.get(url).content.decode()
    assert "Hoshur" not in body and "ھوشۇر" not in body
    assert f"Entry {memtimin.pk}" in body


def test_a_page_kept_before_the_cache_of_counts_was_emptied_is_not_served_after_a_change(
    client: Client, memtimin: Any, owner: Any
) -> None:
    """Emptying the shared cache (a restart of the cache, a clear) drops the generation too: a
    page kept in a worker's memory is then filed under a generation that is gone."""
    from django.core.cache import caches

    url = reverse("memorial:person", kwargs={"pk": memtimin.pk})
    assert client.get(url).status_code == 200
    caches["memorial"].clear()
    services.set_consent(owner, memtimin, publish=False)
    assert client.get(url).status_code == 404
