"""Photos and recordings are checked by their bytes, never their names: a web page sent as a
photo or a recording is refused with a clear message, and nothing of it is kept."""

from __future__ import annotations

import io
import struct
import wave
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from guwah.registry import models as registry
from guwah.registry import services

pytestmark = pytest.mark.django_db

PAGE = b"<!doctype html><html><body><script>fetch('/registry/people/')</script></body></html>"


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _gif_with_a_page_behind_it() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, "GIF")
    return out.getvalue() + PAGE


def test_a_web_page_sent_as_a_photo_is_refused_and_nothing_is_kept(owner) -> None:
    with pytest.raises(ValidationError) as refused:
        services.create_person(
            owner,
            names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}],
            photo=SimpleUploadedFile("photo.jpg", PAGE, "image/jpeg"),
        )

    assert refused.value.message_dict["photo"] == [
        "A photo must be an image (JPEG, PNG, GIF, TIFF, BMP or WebP); this file is a web page "
        "or markup that could run script. Nothing was kept."
    ]
    assert not registry.Person.objects.exists()
    assert _stored_files() == []


def test_a_web_page_sent_as_a_recording_is_refused_and_nothing_is_kept(owner) -> None:
    person = services.create_person(owner, names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}])

    with pytest.raises(ValidationError) as refused:
        services.add_testimony(
            owner,
            [person],
            witness_name="Aynur",
            media=SimpleUploadedFile("recording.mp3", PAGE, "audio/mpeg"),
        )

    assert refused.value.message_dict["media"] == [
        "A recording must be an audio file, or a scan as an image or a PDF; this file is a web "
        "page or markup that could run script. Nothing was kept."
    ]
    assert not registry.Testimony.objects.exists()
    assert _stored_files() == []


def test_the_person_form_shows_the_refusal_on_the_photo_field(owner) -> None:
    client = Client()
    client.force_login(owner)

    response = client.post(
        reverse("registry:person_create"),
        {
            "sex": "",
            "birth_date": "1978",
            "visibility": "restricted",
            "photo": SimpleUploadedFile("photo.html", PAGE, "text/html"),
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "0",
            "names-0-text": "Ekrem Tursun",
            "names-0-script": "ug-Latn",
            "names-0-kind": "primary",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    assert not registry.Person.objects.exists()
    assert _stored_files() == []


def test_a_plain_text_file_is_not_a_recording(owner) -> None:
    person = services.create_person(owner, names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}])

    with pytest.raises(ValidationError) as refused:
        services.add_testimony(
            owner,
            [person],
            witness_name="Aynur",
            media=SimpleUploadedFile("recording.ogg", b"just some words\n", "audio/ogg"),
        )

    assert "this file is of type text/plain" in refused.value.message_dict["media"][0]


def test_an_audio_recording_is_kept_as_it_was_received(owner) -> None:
    person = services.create_person(owner, names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}])
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x01" * 400)

    testimony = services.add_testimony(
        owner,
        [person],
        witness_name="Aynur",
        media=SimpleUploadedFile("aynur.wav", out.getvalue(), "audio/wav"),
    )

    assert testimony.media.read() == out.getvalue()


def test_an_image_with_a_page_behind_it_is_stored_as_pixels_only(owner) -> None:
    person = services.create_person(
        owner,
        names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}],
        photo=SimpleUploadedFile("photo.gif", _gif_with_a_page_behind_it(), "image/gif"),
    )

    stored = Path(person.photo.path).read_bytes()
    assert b"<script" not in stored
    assert stored.startswith(b"\xff\xd8\xff")  # a new JPEG, not the original GIF


def test_stored_names_are_random_and_tell_nothing(owner) -> None:
    person = services.create_person(
        owner,
        names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}],
        photo=SimpleUploadedFile("ekrem-tursun.gif", _gif_with_a_page_behind_it(), "image/gif"),
    )
    other = services.create_person(
        owner,
        names=[{"text": "Gulnar Tursun", "script": "ug-Latn"}],
        photo=SimpleUploadedFile("ekrem-tursun.gif", _gif_with_a_page_behind_it(), "image/gif"),
    )

    assert "ekrem" not in person.photo.name
    assert person.photo.name != other.photo.name
    assert person.photo.name.startswith("photos/")


def test_keeping_the_stored_photo_on_edit_does_not_read_it_again(owner) -> None:
    person = services.create_person(
        owner,
        names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}],
        photo=SimpleUploadedFile("photo.gif", _gif_with_a_page_behind_it(), "image/gif"),
    )
    name = person.photo.name

    services.update_person(owner, person, photo=person.photo, occupation="Teacher")

    person.refresh_from_db()
    assert person.photo.name == name
    assert person.occupation == "Teacher"


def _png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares a huge image; its pixels would fill the server's memory."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [8_000, 20_000])
def test_a_photo_declaring_too_many_pixels_is_refused_before_it_is_decoded(owner, side) -> None:
    with pytest.raises(ValidationError) as refused:
        services.create_person(
            owner,
            names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}],
            photo=SimpleUploadedFile("photo.png", _png_declaring(side, side), "image/png"),
        )

    assert refused.value.message_dict["photo"] == [
        "The image has more than 50 million pixels, the most accepted. Nothing was kept."
    ]
    assert _stored_files() == []
