"""``guwah log verify --files`` re-hashes every stored file against the SHA-256 it is named by."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image

from guwah.evidence import log, store

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(evidence_item, colleague, settings) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    blob = store.ingest_upload(
        evidence_item, ContentFile(buffer.getvalue(), "notice.png"), colleague
    )
    log.sign_tree_head()
    return Path(settings.MEDIA_ROOT) / store.blob_name(blob.sha256)


def test_untouched_files_verify(stored, capsys) -> None:
    call_command("log", "verify", "--records", "--files")
    assert ", 1 stored files verified" in capsys.readouterr().out


def test_a_flipped_byte_in_a_stored_file_is_reported(stored, capsys) -> None:
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0x01
    stored.write_bytes(bytes(data))

    call_command("log", "verify", "--records")  # Without --files the bytes are not read.
    with pytest.raises(CommandError):
        call_command("log", "verify", "--files")

    # The file is encrypted on disk: a changed byte makes it fail to open, which is reported.
    assert f"stored file {stored.name}: " in (err := capsys.readouterr().err)
    assert "was altered" in err


def test_a_missing_stored_file_is_reported(stored, capsys) -> None:
    stored.unlink()
    with pytest.raises(CommandError):
        call_command("log", "verify", "--files")
    assert f"stored file {stored.name}: missing from the store" in capsys.readouterr().err
