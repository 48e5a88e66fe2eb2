"""A photo is stored as its pixels only: the position, the camera and every other field of its
EXIF are gone, and it still stands the right way up."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guwah.registry import services

pytestmark = pytest.mark.django_db


def _person_with_photo(owner, photo: bytes):
    return services.create_person(
        owner,
        names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}],
        photo=SimpleUploadedFile("IMG_0001.JPG", photo, "image/jpeg"),
    )


def test_the_uploaded_photo_does_carry_a_position(gps_photo) -> None:
    with Image.open(io.BytesIO(gps_photo)) as original:
        assert original.getexif().get_ifd(0x8825)[1] == "N"


def test_a_photo_with_a_gps_position_is_stored_without_it(owner, gps_photo) -> None:
    person = _person_with_photo(owner, gps_photo)

    stored = Path(person.photo.path).read_bytes()
    with Image.open(io.BytesIO(stored)) as kept:
        assert dict(kept.getexif()) == {}
        assert "exif" not in kept.info
        assert "xmp" not in kept.info
        assert "comment" not in kept.info
    assert b"SyntheticCam" not in stored
    assert b"Exif" not in stored


def test_the_photo_is_turned_upright_before_its_orientation_is_dropped(owner, gps_photo) -> None:
    person = _person_with_photo(owner, gps_photo)

    with Image.open(person.photo.path) as kept:
        # 24 × 16 pixels, marked "turned 90°": stored as 16 × 24.
        assert kept.size == (16, 24)


def test_a_transparent_image_stays_transparent(owner) -> None:
    out = io.BytesIO()
    image = Image.new("RGBA", (6, 6), (0, 0, 0, 0))
    image.info["comment"] = "synthetic comment"
    image.save(out, "PNG")

    person = _person_with_photo(owner, out.getvalue())

    with Image.open(person.photo.path) as kept:
        assert kept.format == "PNG"
        assert kept.mode == "RGBA"
        assert kept.getpixel((0, 0))[3] == 0
