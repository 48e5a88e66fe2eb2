"""An archive export is written a piece at a time (the document through a temporary file, each
stored file copied in pieces) into the same bytes as the archive built whole in memory, to a
file, standard output or a browser; an archive is imported a member at a time from its file,
each member checked against the manifest as it is read."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.http import FileResponse
from django.urls import reverse

from guwah.evidence import log
from guwah.imports import documents
from guwah.imports.documents import read_archive
from guwah.imports.export import export, formats, records, stream
from guwah.imports.readers import ImportFileError
from guwah.registry import services
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db

# Larger than a piece of the copy, so that it is copied in several; random, so that it does
# not compress to nothing.
NOTICE = b"%PDF-1.4\n%synthetic\n" + os.urandom(3 * formats.PIECE + 17) + b"\n%%EOF\n"


@pytest.fixture
def registry(administrator, monkeypatch):
    # Chunks of two persons, so that five persons take three chunks.
    monkeypatch.setattr(records, "CHUNK", 2)
    monkeypatch.setattr(records.in_order_of_ids, "__defaults__", (2,))
    persons = [
        services.create_person(
            administrator,
            names=[{"text": f"{name} Synthetic", "script": "ug-Latn"}],
            visibility="internal",
            synthetic=True,
        )
        for name in ["Ablet", "Gulnar", "Memet", "Tursun", "Zohre"]
    ]
    services.add_evidence(
        administrator,
        persons[:2],
        kind="official_document",
        title="Synthetic notice",
        file=SimpleUploadedFile("notice.pdf", NOTICE),
        # Internal, as the persons: nothing restricted, so the page needs no approval.
        visibility="internal",
        synthetic=True,
    )
    log.sign_tree_head()
    return administrator


def _built_whole(archive: bytes) -> bytes:
    """The archive's entries written again as the archive was built before, each whole."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        for name in sorted(source.namelist()):
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            target.writestr(entry, source.read(name), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_the_archive_written_in_pieces_is_the_archive_built_whole(registry):
    archive = export(registry, "archive")

    assert archive == _built_whole(archive)
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.namelist()[-2:] == ["manifest.json", "tree_head.json"]
        assert opened.read(f"files/{hashlib.sha256(NOTICE).hexdigest()}") == NOTICE
        assert len(json.loads(opened.read("guwah.json"))["persons"]) == 5


def test_a_file_standard_output_and_the_export_page_give_the_same_archive(
    registry, client, tmp_path, capsysbinary
):
    path = tmp_path / "export.zip"
    call_command("export", "--format", "archive", "--as", registry.username, str(path))
    call_command("export", "--format", "archive", "--as", registry.username, "-")
    client.force_login(registry)

    response = client.get(reverse("imports:export"), {"format": "archive"})

    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"] == 'attachment; filename="guwah-archive.zip"'
    sent = b"".join(response.streaming_content)
    assert sent == path.read_bytes() == capsysbinary.readouterr().out
    assert sent == b"".join(stream(registry, "archive"))


def test_a_stored_file_changed_on_disk_stops_the_export(registry, tmp_path, monkeypatch):
    monkeypatch.setattr(
        formats, "open_blob", lambda blob: io.BytesIO(NOTICE.replace(b"synthetic", b"changed!!"))
    )

    with pytest.raises(CommandError, match="no longer matches its SHA-256"):
        call_command(
            "export", "--format", "archive", "--as", registry.username, str(tmp_path / "a.zip")
        )
    assert not (tmp_path / "a.zip").exists()


def test_an_archive_is_read_from_its_file_into_files_on_disk(registry, tmp_path):
    path = tmp_path / "export.zip"
    call_command("export", "--format", "archive", "--as", registry.username, str(path))
    into = tmp_path / "read"
    into.mkdir()

    with path.open("rb") as handle:
        document, files = read_archive(handle, into)

    digest = hashlib.sha256(NOTICE).hexdigest()
    assert len(document["persons"]) == 5
    assert set(files) == {digest}
    assert isinstance(files[digest], Path) and files[digest].read_bytes() == NOTICE
    assert files[digest].parent == into


def _rewritten(path: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            out.writestr(name, change(name, source.read(name)))
    return target


def test_a_changed_file_in_the_archive_is_refused_and_imports_nothing(registry, tmp_path):
    path = tmp_path / "export.zip"
    call_command("export", "--format", "archive", "--as", registry.username, str(path))
    changed = _rewritten(
        path,
        tmp_path / "changed.zip",
        lambda name, data: data[:-1] + b"?" if name.startswith("files/") else data,
    )
    count = Person.objects.count()

    with pytest.raises(CommandError, match="does not match its hash"):
        call_command("import", str(changed), "--as", registry.username)
    assert Person.objects.count() == count


def test_a_file_the_manifest_does_not_name_is_not_read(registry, tmp_path):
    path = tmp_path / "export.zip"
    call_command("export", "--format", "archive", "--as", registry.username, str(path))
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("files/" + "0" * 64, b"not in the manifest")
    into = tmp_path / "read"
    into.mkdir()

    _, files = read_archive(path, into)

    assert "0" * 64 not in files
    assert len(list(into.iterdir())) == 2  # the document and the one file the manifest names


def test_a_truncated_archive_is_a_clear_error(registry, tmp_path):
    path = tmp_path / "export.zip"
    call_command("export", "--format", "archive", "--as", registry.username, str(path))
    cut = tmp_path / "cut.zip"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    with pytest.raises(ImportFileError, match="cannot be read"):
        with documents.opened_archive(cut):
            pass
