"""A face identifies a person even without a name: the memorial sends a photo only for an entry
published at the full level whose family agreed to the photo's publication."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from guwah.registry import services

pytestmark = pytest.mark.django_db


def _photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, format="PNG")
    return SimpleUploadedFile("synthetic.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def with_photo(memtimin: Any, owner: Any) -> Any:
    services.update_person(owner, memtimin, photo=_photo())
    memtimin.refresh_from_db()
    assert memtimin.photo
    return memtimin


def test_without_the_photos_own_consent_no_photo_is_sent(client: Client, with_photo: Any) -> None:
    url = reverse("memorial:photo", kwargs={"pk": with_photo.pk})
    assert client.get(url).status_code == 404
    page = client.get(reverse("memorial:person", kwargs={"pk": with_photo.pk})).content.decode()
    assert url not in page


def test_with_its_consent_the_photo_is_shown_at_the_full_level_only(
    client: Client, with_photo: Any, owner: Any, reviewer: Any
) -> None:
    services.set_publication_level(reviewer, with_photo, photo=True)
    url = reverse("memorial:photo", kwargs={"pk": with_photo.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/png", "image/jpeg")
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client.get(reverse("memorial:person", kwargs={"pk": with_photo.pk})).content.decode()
    assert url in page

    services.set_publication_level(owner, with_photo, level="partial")
    assert client.get(url).status_code == 404
    page = client.get(reverse("memorial:person", kwargs={"pk": with_photo.pk})).content.decode()
    assert url not in page
