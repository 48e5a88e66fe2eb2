"""What a stored file says of itself (a photo's camera and GPS position, a PDF's author) is
kept encrypted in the database: a copy of the database without the master key does not
locate the witness who took the photo, while the application still reads it."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from guwah.evidence import store
from guwah.evidence.models import Blob
from guwah.registry import encryption

pytestmark = pytest.mark.django_db


def raw_metadata(sha256: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT metadata FROM evidence_blob WHERE sha256 = %s", [sha256])
        (value,) = cursor.fetchone()
    return str(value)


def test_the_camera_and_position_are_not_in_the_database_row(gps_photo) -> None:
    blob = store.store_file(ContentFile(gps_photo, name="IMG_0412.jpg")).blob
    raw = raw_metadata(blob.sha256)
    for secret in ("SyntheticCam", "Model S-1", "GPS", "exif"):
        assert secret not in raw, secret
    fresh = Blob.objects.get(pk=blob.pk)
    assert fresh.file_metadata["exif"]["Make"] == "SyntheticCam"
    assert "GPSLatitude" in fresh.file_metadata["exif"]


def test_the_metadata_still_opens_after_the_data_keys_are_rotated(gps_photo) -> None:
    blob = store.store_file(ContentFile(gps_photo, name="IMG_0412.jpg")).blob
    ring = encryption.keyring()
    old = set(ring.data_keys)
    ring.start_rotation()
    ring.retire(old)
    encryption.forget_keyring()
    assert Blob.objects.get(pk=blob.pk).file_metadata["exif"]["Make"] == "SyntheticCam"


def test_metadata_stored_before_sealing_is_read_as_it_is(gps_photo) -> None:
    blob = store.store_file(ContentFile(gps_photo, name="IMG_0412.jpg")).blob
    Blob.objects.filter(pk=blob.pk).update(metadata={"width": 40})
    assert Blob.objects.get(pk=blob.pk).file_metadata == {"width": 40}


def test_metadata_stored_in_the_clear_before_is_sealed_by_the_next_rotation(
    gps_photo, administrator
) -> None:
    from guwah.safekeeping.rotation import rotate

    blob = store.store_file(ContentFile(gps_photo, name="IMG_0412.jpg")).blob
    clear = Blob.objects.get(pk=blob.pk).file_metadata
    Blob.objects.filter(pk=blob.pk).update(metadata=clear)
    assert "SyntheticCam" in raw_metadata(blob.sha256)
    done = rotate(administrator)
    assert done.file_metadata_sealed == 1
    assert "SyntheticCam" not in raw_metadata(blob.sha256)
    assert Blob.objects.get(pk=blob.pk).file_metadata == clear
