"""A redacted copy hides what its boxes cover, as served and as packaged, and carries no
metadata; the original stays untouched and still verifies against its hash."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from guwah.evidence import log, redaction, store
from guwah.evidence.export import export_person_package
from guwah.evidence.models import EvidenceFile
from guwah.evidence.package import verify_package
from guwah.registry import services
from guwah.registry.models import Evidence

pytestmark = pytest.mark.django_db

SECRET = "Gulbahar Synthetic-Witness"


@pytest.fixture
def father(owner: Any) -> Any:
    return services.create_person(
        owner,
        names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}],
        synthetic=True,
        consent_share_un=True,
    )


def _item(colleague: Any, father: Any, name: str, data: bytes, mime: str) -> Evidence:
    return services.add_evidence(
        colleague,
        [father],
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title="Notice (synthetic)",
        consent_share_un=True,
        file=SimpleUploadedFile(name, data, content_type=mime),
    )


def _pdf() -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 100), f"Witness: {SECRET}", fontsize=12)
    page.insert_text((72, 200), "Detained in 2017 (synthetic).", fontsize=12)
    document.set_metadata({"author": SECRET, "creator": "SyntheticCam Office"})
    return bytes(document.tobytes())


def _traces(data: bytes) -> list[str]:
    """Where the secret appears in a PDF: its raw bytes, and every stream decompressed, as text
    or as the hexadecimal glyph codes PDF text is often written in."""
    forms = (SECRET.encode(), SECRET.encode().hex().encode())
    found = ["raw bytes"] if any(form in data for form in forms) else []
    with pymupdf.open(stream=data, filetype="pdf") as document:
        for xref in range(1, document.xref_length()):
            if document.xref_is_stream(xref):
                stream = document.xref_stream(xref) or b""
                if any(form in stream.lower() or form in stream for form in forms):
                    found.append(f"stream {xref}")
            if SECRET in document.xref_object(xref):
                found.append(f"object {xref}")
    return found


def _served(client: Client, item: Evidence, copy: EvidenceFile) -> bytes:
    response = client.get(reverse("evidence:download", args=[item.pk, copy.blob_id]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _original_verifies(item: Evidence) -> None:
    original = EvidenceFile.objects.get(evidence=item, role=EvidenceFile.Role.ORIGINAL)
    with store.open_verified_blob(original.blob) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == original.blob_id == item.sha256


def test_a_redacted_pdf_as_served_holds_no_trace_of_the_covered_text(
    colleague: Any, father: Any
) -> None:
    item = _item(colleague, father, "notice.pdf", _pdf(), "application/pdf")
    client = Client()
    client.force_login(colleague)
    response = client.post(
        reverse("evidence:redact", args=[item.pk]), {"boxes": "1: 60, 80, 400, 110"}
    )
    assert response.status_code == 302
    copy = EvidenceFile.objects.get(evidence=item, role=EvidenceFile.Role.REDACTED)
    assert copy.boxes == [[1, 60.0, 80.0, 400.0, 110.0]]
    served = _served(client, item, copy)

    with pymupdf.open(stream=served, filetype="pdf") as document:
        text = "".join(page.get_text() for page in document)
        assert SECRET not in text and "Witness" not in text
        assert "Detained in 2017" in text
        assert SECRET not in str(document.metadata)
        assert not document.get_xml_metadata()
    assert _traces(_pdf()), "the search finds the secret in the original"
    assert _traces(served) == []
    assert b"SyntheticCam" not in served
    _original_verifies(item)


def test_a_redacted_photo_as_served_has_the_box_burned_in_and_no_metadata(
    colleague: Any, father: Any, gps_photo: bytes
) -> None:
    item = _item(colleague, father, "photo.jpg", gps_photo, "image/jpeg")
    copy = redaction.make_redacted_copy(colleague, item, redaction.parse_boxes("0, 0, 10, 12"))
    client = Client()
    client.force_login(colleague)
    served = _served(client, item, copy)

    with Image.open(io.BytesIO(served)) as image:
        assert image.format == "PNG"
        # The photo is stored turned (EXIF orientation 6); boxes are drawn on it upright.
        assert image.size == (16, 24)
        assert not image.getexif()
        assert not {k: v for k, v in image.info.items() if k not in ("dpi",)}
        pixels = image.convert("RGB")
        assert all(pixels.getpixel((x, y)) == (0, 0, 0) for x in range(10) for y in range(12))
        assert pixels.getpixel((15, 23)) != (0, 0, 0)
    for trace in (b"SyntheticCam", b"Model S-1", b"Exif", b"GPS"):
        assert trace not in served
    _original_verifies(item)


def test_a_package_of_a_restricted_item_carries_the_redacted_copy_not_the_original(
    colleague: Any, father: Any, tmp_path: Path
) -> None:
    item = _item(colleague, father, "notice.pdf", _pdf(), "application/pdf")
    copy = redaction.make_redacted_copy(
        colleague, item, redaction.parse_boxes("1: 60, 80, 400, 110")
    )
    out = tmp_path / "package.zip"
    manifest = export_person_package(father, colleague, out)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        assert f"files/{copy.blob_id}" in names
        assert f"files/{item.sha256}" not in names
        for name in names:
            data = archive.read(name)
            assert SECRET.encode() not in data
            if data.startswith(b"%PDF"):
                assert _traces(data) == [], name
    withheld = {entry["sha256"]: entry for entry in manifest["withheld_files"]}
    assert withheld[item.sha256]["redacted"] is True
    assert withheld[item.sha256]["shared_copy"] == f"files/{copy.blob_id}"
    key = log.key_id(log.signing_key().public_key())
    report = verify_package(out, expected_key_id=key)
    assert report.ok, report.problems
    _original_verifies(item)


@pytest.mark.parametrize(
    "boxes",
    ["", "one, two, three, four", "10, 10, 5, 5", "2: 0, 0, 10, 10", "0, 0, 10"],
)
def test_boxes_that_cannot_be_read_are_refused_and_nothing_is_stored(
    colleague: Any, father: Any, boxes: str
) -> None:
    item = _item(colleague, father, "notice.pdf", _pdf(), "application/pdf")
    client = Client()
    client.force_login(colleague)
    response = client.post(reverse("evidence:redact", args=[item.pk]), {"boxes": boxes})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not EvidenceFile.objects.filter(evidence=item, role=EvidenceFile.Role.REDACTED)
    _original_verifies(item)


def test_a_family_member_may_not_redact(owner: Any, colleague: Any, father: Any) -> None:
    item = _item(colleague, father, "notice.pdf", _pdf(), "application/pdf")
    client = Client()
    client.force_login(owner)
    response = client.post(reverse("evidence:redact", args=[item.pk]), {"boxes": "0,0,9,9"})
    assert response.status_code == 403
    assert not EvidenceFile.objects.filter(evidence=item, role=EvidenceFile.Role.REDACTED)
