"""An archive export carries each person's photo and each testimony's recording beside the
evidence files, named in the manifest by their SHA-256; restored into an empty registry they
come back byte for byte, and the registry exports the same archive again."""

from __future__ import annotations

import hashlib
import io
import json
import wave
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from guwah.imports.models import ImportedRecord
from guwah.registry import models as registry_models
from guwah.registry import services
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (6, 4), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def _recording() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x01" * 400)
    return out.getvalue()


@pytest.fixture
def registry(administrator):
    person = services.create_person(
        administrator,
        names=[{"text": "Ablikim Tursun", "script": "ug-Latn"}],
        photo=SimpleUploadedFile("face.jpg", _photo(), "image/jpeg"),
        synthetic=True,
    )
    services.add_testimony(
        administrator,
        [person],
        witness_name="Aynur",
        text="Synthetic testimony.",
        media=SimpleUploadedFile("aynur.wav", _recording(), "audio/wav"),
        synthetic=True,
    )
    return administrator


def _archive(tmp_path, actor, name: str) -> dict[str, bytes]:
    path = tmp_path / name
    call_command("export", "--format", "archive", "--as", actor.username, str(path))
    with zipfile.ZipFile(path) as archive:
        return {entry: archive.read(entry) for entry in archive.namelist()}


def _stored() -> tuple[bytes, bytes]:
    person = Person.objects.get()
    testimony = registry_models.Testimony.objects.get()
    photo, media = person.photo, testimony.media
    with photo.storage.open(photo.name, "rb") as one, media.storage.open(media.name, "rb") as two:
        return one.read(), two.read()


def _empty_the_registry() -> None:
    registry_models.Testimony.objects.all().delete()
    Person.objects.all().delete()
    assert not ImportedRecord.objects.exists()


def test_the_archive_holds_the_photo_and_the_recording_with_their_hashes(registry, tmp_path):
    photo, recording = _stored()

    contents = _archive(tmp_path, registry, "export.zip")

    manifest = json.loads(contents["manifest.json"])["sha256"]
    document = json.loads(contents["guwah.json"])
    photo_digest = document["persons"][0]["photo"]
    media_digest = document["sources"][0]["media"]
    assert contents[f"files/{photo_digest}"] == photo
    assert contents[f"files/{media_digest}"] == recording
    assert manifest[f"files/{photo_digest}"] == hashlib.sha256(photo).hexdigest() == photo_digest
    assert manifest[f"files/{media_digest}"] == hashlib.sha256(recording).hexdigest()


def test_a_restored_archive_brings_them_back_and_exports_the_same_archive(registry, tmp_path):
    before_files = _stored()
    first = _archive(tmp_path, registry, "first.zip")

    _empty_the_registry()
    call_command("import", str(tmp_path / "first.zip"), "--as", registry.username)

    assert _stored() == before_files
    again = _archive(tmp_path, registry, "again.zip")
    # The log's signed tree head grew with the restore; everything else is the same bytes.
    first.pop("tree_head.json"), again.pop("tree_head.json")
    first_manifest = json.loads(first.pop("manifest.json"))["sha256"]
    again_manifest = json.loads(again.pop("manifest.json"))["sha256"]
    first_manifest.pop("tree_head.json"), again_manifest.pop("tree_head.json")
    assert again == first
    assert again_manifest == first_manifest


def test_a_json_export_with_a_photo_is_refused_and_restores_nothing(registry, tmp_path):
    path = tmp_path / "export.json"
    call_command("export", "--format", "json", "--as", registry.username, str(path))
    _empty_the_registry()

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", str(path), "--as", registry.username)

    assert not Person.objects.exists()


def test_a_photo_whose_bytes_are_not_an_image_is_refused(registry, tmp_path):
    _archive(tmp_path, registry, "export.zip")
    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        contents = {entry: archive.read(entry) for entry in archive.namelist()}
    document = json.loads(contents["guwah.json"])
    page = b"<html><script>alert(1)</script></html>"
    digest = hashlib.sha256(page).hexdigest()
    document["persons"][0]["photo"] = digest
    contents["guwah.json"] = json.dumps(document).encode()
    contents[f"files/{digest}"] = page
    manifest = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
    manifest.pop("manifest.json")
    contents["manifest.json"] = json.dumps({"sha256": manifest}).encode()
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    _empty_the_registry()

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", str(forged), "--as", registry.username)

    assert not Person.objects.exists()
