"""A photo's GPS position and camera stay in the original; a package shares a copy without them."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image, ImageOps

from guwah.evidence import log, store
from guwah.evidence.export import KEEP, export_person_package
from guwah.evidence.models import EvidenceFile
from guwah.evidence.package import verify_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(person, evidence_item, colleague, gps_photo):
    person.consent_share_un = True
    person.save()
    return store.ingest_upload(
        evidence_item, ContentFile(gps_photo, name="IMG_0412.jpg"), colleague
    )


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def published_key() -> str:
    return log.key_id(log.signing_key().public_key())


def test_the_export_shares_a_copy_without_gps_and_flags_the_original(
    photo, person, colleague, tmp_path
) -> None:
    out = tmp_path / "package.zip"
    manifest = export_person_package(person, colleague, out)
    contents = members(out)

    [withheld] = manifest["withheld_files"]
    assert withheld["sha256"] == photo.sha256
    assert {"exif:GPSLatitude", "exif:GPSLongitude", "exif:Make", "exif:Model"} <= set(
        withheld["locating_metadata"]
    )
    assert f"files/{photo.sha256}" not in contents
    [shared] = [f for f in manifest["evidence_files"] if f["derived_from"] == photo.sha256]
    assert shared["path"] == withheld["shared_copy"]
    with Image.open(io.BytesIO(contents[shared["path"]])) as copy:
        assert not copy.getexif()
        assert not copy.getexif().get_ifd(0x8825)
        assert "exif" not in copy.info and "xmp" not in copy.info
        copy_pixels = copy.convert("RGB").tobytes()
    with store.open_blob(photo) as original, Image.open(original) as image:
        # Same picture, the right way up: the orientation was applied before it was dropped.
        assert ImageOps.exif_transpose(image).convert("RGB").tobytes() == copy_pixels
    assert b"SyntheticCam" not in b"".join(contents.values())


def test_the_original_keeps_its_metadata_and_still_matches_its_hash(
    photo, person, colleague, tmp_path
) -> None:
    out = tmp_path / "package.zip"
    export_person_package(person, colleague, out)

    with store.open_blob(photo) as original:
        assert hashlib.sha256(original.read()).hexdigest() == photo.sha256
    photo.refresh_from_db()
    assert "GPSLatitude" in photo.file_metadata["exif"]
    # The package proves the original's upload, and the copy's, in the signed log.
    report = verify_package(out, expected_key_id=published_key())
    assert report.ok, report.problems
    proven = {
        item["entry"]["record_id"]
        for item in json.loads(members(out)["log/proofs.json"])
        if item["entry"]["action"] == "upload"
    }
    copy = EvidenceFile.objects.get(role=EvidenceFile.Role.REDACTED)
    assert {photo.sha256, copy.blob_id} <= proven


def test_the_copy_is_a_logged_working_copy_made_once(photo, person, colleague, tmp_path) -> None:
    export_person_package(person, colleague, tmp_path / "first.zip")
    export_person_package(person, colleague, tmp_path / "second.zip")

    [copy] = EvidenceFile.objects.filter(role=EvidenceFile.Role.REDACTED)
    assert copy.derived_from_id == photo.sha256
    assert copy.blob.mime == "image/png"
    assert not copy.blob.file_metadata.get("exif")
    custody = [event.action for event in copy.evidence.custody_events.all()]
    assert custody.count("redacted") == 1


def test_keeping_the_metadata_is_a_choice_the_manifest_flags(
    photo, person, colleague, tmp_path
) -> None:
    out = tmp_path / "package.zip"
    manifest = export_person_package(person, colleague, out, locating_metadata=KEEP)

    assert manifest["withheld_files"] == []
    [original] = [f for f in manifest["evidence_files"] if f["path"] == f"files/{photo.sha256}"]
    assert "exif:GPSLatitude" in original["locating_metadata"]
    assert f"files/{photo.sha256}" in members(out)
    assert not EvidenceFile.objects.filter(role=EvidenceFile.Role.REDACTED).exists()


def approved(person, colleague, reviewer) -> str:
    """An approval of the package, as the restricted data in it needs for a staff member."""
    from guwah.registry.services import exports

    asked = exports.request_export(colleague, "package", str(person.pk), "For the UN case file.")
    return str(exports.approve_export(reviewer, asked).pk)


def test_the_export_command_names_what_it_flagged(
    photo, person, colleague, reviewer, tmp_path, capsys
) -> None:
    out = tmp_path / "cli.zip"
    call_command(
        "package", "export", "--person", str(person.pk), "--as", "dilnur",
        "--approval", approved(person, colleague, reviewer), str(out),
    )  # fmt: skip
    err = capsys.readouterr().err
    assert f"FLAGGED {photo.sha256}" in err and "exif:GPSLatitude" in err

    kept = tmp_path / "kept.zip"
    call_command(
        "package", "export", "--person", str(person.pk), "--as", "dilnur",
        "--approval", approved(person, colleague, reviewer), "--keep-locating-metadata", str(kept),
    )  # fmt: skip
    assert f"WARNING files/{photo.sha256}" in capsys.readouterr().err
