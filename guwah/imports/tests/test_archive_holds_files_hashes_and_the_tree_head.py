"""An archive carries the JSON, each evidence file, a manifest of their hashes and the log's
latest signed tree head; an archive whose contents do not match its manifest is refused."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from guwah.evidence import log
from guwah.imports.export import export
from guwah.registry import services
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db

NOTICE = b"%PDF-1.4\n%a detention notice\n%%EOF\n"


@pytest.fixture
def archive(colleague) -> bytes:
    person = services.create_person(colleague, names=[{"text": "Ekrem Memet", "script": "ug-Latn"}])
    services.add_evidence(
        colleague,
        [person],
        kind="official_document",
        title="Notice",
        file=SimpleUploadedFile("notice.pdf", NOTICE),
    )
    # Heads are signed after each commit; a test's transaction never commits, so sign here.
    log.sign_tree_head()
    return export(colleague, "archive")


def test_the_archive_holds_the_files_their_hashes_and_the_signed_tree_head(archive):
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        contents = {name: opened.read(name) for name in opened.namelist()}
    manifest = json.loads(contents["manifest.json"])["sha256"]
    digest = hashlib.sha256(NOTICE).hexdigest()

    assert contents[f"files/{digest}"] == NOTICE
    assert set(manifest) == {"guwah.json", "tree_head.json", f"files/{digest}"}
    for name, expected in manifest.items():
        assert hashlib.sha256(contents[name]).hexdigest() == expected
    head = json.loads(contents["tree_head.json"])
    assert head["signature"] and head["size"] >= 2


def test_an_archive_changed_after_export_is_refused(archive, colleague, tmp_path):
    changed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(changed, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(
                name, data.replace(b"Ekrem", b"Ekrom") if name == "guwah.json" else data
            )
    path = tmp_path / "changed.zip"
    path.write_bytes(changed.getvalue())
    count = Person.objects.count()

    with pytest.raises(CommandError, match="does not match its hash"):
        call_command("import", str(path), "--as", colleague.username)
    assert Person.objects.count() == count


def test_export_to_standard_output(colleague, capsysbinary, archive):
    call_command("export", "--format", "json", "--as", colleague.username, "-")

    assert json.loads(capsysbinary.readouterr().out)["persons"][0]["names"][0]["text"] == (
        "Ekrem Memet"
    )
