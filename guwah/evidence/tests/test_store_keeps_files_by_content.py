"""The blob store: one streaming pass, one copy per content, refusals that keep nothing."""

from __future__ import annotations

import io
import os
import tracemalloc
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guwah.evidence import store
from guwah.evidence.models import Blob, CustodyEvent, EvidenceFile, LogEntry

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "blobs"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), "navy")
    exif = Image.Exif()
    exif[0x010F] = "SyntheticCam"  # Make
    exif[0x0132] = "2018:03:04 10:11:12"  # DateTime
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def pdf_with_pages(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": "Notice of re-education (synthetic)"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_same_file_uploaded_twice_is_stored_once(settings) -> None:
    data = jpeg_with_exif()
    first = store.store_file(ContentFile(data, name="a.jpg"))
    second = store.store_file(ContentFile(data, name="copy-of-a.jpg"))
    assert first.created and not second.created
    assert first.blob.pk == second.blob.pk
    assert Blob.objects.count() == 1
    [path] = stored_files(settings)
    # On disk the file is encrypted; read through the store it is the bytes received.
    assert data not in path.read_bytes()
    with store.open_blob(first.blob) as handle:
        assert handle.read() == data
    assert path.relative_to(Path(settings.MEDIA_ROOT)).as_posix() == store.blob_name(
        first.blob.sha256
    )


def test_it_reads_the_type_from_the_content_and_the_metadata_from_the_file() -> None:
    image = store.store_file(ContentFile(jpeg_with_exif(), name="notice.pdf")).blob
    assert image.mime == "image/jpeg"
    assert image.file_metadata["width"] == 40
    assert image.file_metadata["exif"]["Make"] == "SyntheticCam"
    pdf = store.store_file(ContentFile(pdf_with_pages(3), name="photo.jpg")).blob
    assert pdf.mime == "application/pdf"
    assert pdf.file_metadata["pages"] == 3
    assert pdf.file_metadata["info"]["Title"] == "Notice of re-education (synthetic)"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "executable"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "executable"),
        (b"#!/bin/sh\nrm -rf /\n", "executable"),
        (b"<!DOCTYPE html><script>alert(1)</script>", "script"),
        (b"PK\x03\x04\x14\x00\x00\x00payload.exe", "archive"),
        (b"\x00\x01\x02\x03garbage", "not recognised"),
    ],
)
def test_it_refuses_a_file_type_and_keeps_nothing(settings, content: bytes, reason: str) -> None:
    with pytest.raises(store.UploadRefused, match=reason):
        store.store_file(ContentFile(content, name="evidence.pdf"))
    assert stored_files(settings) == []
    assert not Blob.objects.exists()


def test_it_refuses_an_oversized_upload_midway_and_keeps_nothing(settings) -> None:
    settings.GUWAH_MAX_UPLOAD_BYTES = 3 * store.CHUNK_SIZE
    stream = io.BytesIO(b"plain text\n" * (store.CHUNK_SIZE // 2))  # no size to trust up front
    with pytest.raises(store.UploadRefused, match="larger than"):
        store.store_file(stream)
    assert stored_files(settings) == []


def test_it_refuses_a_truncated_upload_and_keeps_nothing(settings) -> None:
    data = pdf_with_pages(2)
    declared = SimpleUploadedFile("notice.pdf", data[: len(data) // 2])
    declared.size = len(data)  # the size the client announced
    with pytest.raises(store.UploadRefused, match="incomplete"):
        store.store_file(declared)
    with pytest.raises(store.UploadRefused, match="incomplete"):
        store.store_file(ContentFile(jpeg_with_exif()[:-200], name="cut.jpg"))
    assert stored_files(settings) == []
    assert not Blob.objects.exists()


def test_it_refuses_a_file_whose_hash_is_not_the_one_given(settings) -> None:
    with pytest.raises(store.UploadRefused, match="SHA-256"):
        store.store_file(ContentFile(b"a witness statement\n"), expected_sha256="0" * 64)
    assert stored_files(settings) == []


def test_a_large_upload_streams_through_a_small_amount_of_memory(tmp_path: Path) -> None:
    size = 48 * 1024 * 1024
    path = tmp_path / "recording.mp4"
    with path.open("wb") as handle:
        handle.write(b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00")
        handle.write((size - 16).to_bytes(4, "big") + b"mdat")
        handle.seek(size - 1)
        handle.write(b"\x01")
    tracemalloc.start()
    try:
        with path.open("rb") as source:
            blob = store.store_file(source, max_bytes=size * 2).blob
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert blob.size == os.path.getsize(path)
    assert peak < 8 * 1024 * 1024, f"peak Python allocation {peak / 2**20:.1f} MiB"


def test_ingesting_an_upload_links_logs_and_starts_the_chain_of_custody(
    evidence_item, colleague
) -> None:
    data = pdf_with_pages(1)
    blob = store.ingest_upload(evidence_item, SimpleUploadedFile("notice.pdf", data), colleague)
    evidence_item.refresh_from_db()
    assert evidence_item.sha256 == blob.sha256
    assert evidence_item.file.name == store.blob_name(blob.sha256)
    original = EvidenceFile.objects.get(evidence=evidence_item)
    assert (original.role, original.original_name) == ("original", "notice.pdf")
    custody = CustodyEvent.objects.get(evidence=evidence_item)
    assert (custody.action, custody.actor) == ("uploaded", colleague)
    upload = LogEntry.objects.get(action="upload")
    assert (upload.record_id, upload.actor_id) == (blob.sha256, colleague.pk)
    with pytest.raises(store.UploadRefused, match="already has its original"):
        store.ingest_upload(evidence_item, SimpleUploadedFile("again.pdf", data), colleague)


def test_a_large_upload_django_spooled_to_disk_is_moved_into_place_not_copied(settings) -> None:
    from django.core.files.uploadedfile import TemporaryUploadedFile

    data = b"A long statement (synthetic).\n" * 100_000
    upload = TemporaryUploadedFile("statement.txt", "text/plain", len(data), None)
    upload.write(data)
    upload.flush()
    spooled = upload.temporary_file_path()
    blob = store.store_file(upload).blob
    upload.close()
    assert not os.path.exists(spooled)
    [path] = stored_files(settings)
    with store.open_blob(blob) as handle:
        assert handle.read() == data
    assert blob.sha256 == path.name and blob.size == len(data)


def test_re_grading_an_item_is_a_custody_event(evidence_item, reviewer) -> None:
    from guwah.evidence import log

    with log.acting_as(reviewer):
        evidence_item.reliability = "B"
        evidence_item.save()
        evidence_item.title = "Detention notice, translated (synthetic)"
        evidence_item.save()
    [event] = CustodyEvent.objects.filter(evidence=evidence_item, action="regraded")
    assert (event.actor, event.detail) == (reviewer, {"from": "F", "to": "B"})


def test_it_reads_the_duration_of_a_video_from_its_header() -> None:
    import struct

    mvhd = b"mvhd" + bytes(4) + struct.pack(">IIII", 0, 0, 1000, 93_500) + bytes(80)
    moov = b"moov" + struct.pack(">I", len(mvhd) + 4) + mvhd
    data = (
        b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00"
        + struct.pack(">I", len(moov) + 4)
        + moov
        + struct.pack(">I", 1008)
        + b"mdat"
        + bytes(1000)
    )
    blob = store.store_file(ContentFile(data, name="clip.mp4")).blob
    assert blob.mime == "video/mp4"
    assert blob.file_metadata == {"duration_seconds": 93.5}
