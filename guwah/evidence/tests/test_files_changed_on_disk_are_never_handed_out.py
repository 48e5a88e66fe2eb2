"""A stored file whose bytes no longer give its SHA-256 is neither downloaded nor exported: the
file is hashed again every time it leaves, and the refusal says what happened."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from guwah.evidence import log, store

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(evidence_item, colleague):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    blob = store.ingest_upload(
        evidence_item, ContentFile(buffer.getvalue(), "notice.png"), colleague
    )
    log.sign_tree_head()
    return blob


def flip_a_byte(blob, settings) -> None:
    path = Path(settings.MEDIA_ROOT) / store.blob_name(blob.sha256)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_an_untouched_file_downloads(client, colleague, password, evidence_item, uploaded):
    client.login(username=colleague.username, password=password)
    response = client.get(reverse("evidence:download", args=[evidence_item.pk, uploaded.sha256]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == store.open_blob(uploaded).read()


def test_a_changed_file_is_not_downloaded(
    client, colleague, password, evidence_item, uploaded, settings
):
    flip_a_byte(uploaded, settings)
    client.login(username=colleague.username, password=password)
    response = client.get(reverse("evidence:download", args=[evidence_item.pk, uploaded.sha256]))
    assert response.status_code == 409
    assert "no longer matches its SHA-256" in response.content.decode()
    assert "guwah log verify --files" in response.content.decode()


def test_a_changed_file_is_not_exported(person, colleague, reviewer, uploaded, settings, tmp_path):
    from guwah.registry.services import exports

    # The family agreed to share the record, so the documenter's package carries the file; it
    # is restricted, so each export spends a reviewer's approval.
    person.consent_share_un = True
    person.save()

    def approved() -> str:
        asked = exports.request_export(colleague, "package", str(person.pk), "For the UN file.")
        return str(exports.approve_export(reviewer, asked).pk)

    out = tmp_path / "package.zip"
    call_command(
        "package", "export", "--person", str(person.pk), "--as", colleague.username,
        "--approval", approved(), str(out),
    )  # fmt: skip
    with zipfile.ZipFile(out) as package:
        assert f"files/{uploaded.sha256}" in package.namelist()

    flip_a_byte(uploaded, settings)
    again = tmp_path / "again.zip"
    with pytest.raises(CommandError, match="no longer matches its SHA-256"):
        call_command(
            "package", "export", "--person", str(person.pk), "--as", colleague.username,
            "--approval", approved(), str(again),
        )  # fmt: skip
