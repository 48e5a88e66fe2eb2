"""The by-hand checks in docs/evidence.md work, as written, on a package Guwah exports."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from guwah.evidence import store
from guwah.evidence.export import export_person_package

pytestmark = pytest.mark.django_db

GUIDE = Path(settings.PROJECT_DIR) / "docs" / "evidence.md"


@pytest.fixture
def unpacked(tmp_path, person, evidence_item, colleague) -> Path:
    store.ingest_upload(
        evidence_item, ContentFile(b"Notice (synthetic)\n", name="n.txt"), colleague
    )
    person.consent_share_un = True
    person.save()
    export_person_package(person, colleague, tmp_path / "package.zip")
    target = tmp_path / "package"
    with zipfile.ZipFile(tmp_path / "package.zip") as archive:
        archive.extractall(target)
    return target


def python_blocks() -> list[str]:
    """The checks of the steps a package's recipient follows (later sections check other
    things, such as tree heads against published ones)."""
    text = GUIDE.read_text().split("\n## What a package deliberately cannot reveal")[0]
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    inline = re.findall(r"^    python3 -c '\n(.*?)\n    '$", text, re.S | re.M)
    return blocks + [re.sub(r"^    ", "", block, flags=re.M) for block in inline]


def test_the_guides_python_checks_pass_on_an_exported_package(unpacked: Path) -> None:
    blocks = python_blocks()
    assert len(blocks) == 2
    for block in blocks:
        done = subprocess.run(
            [sys.executable, "-c", block], cwd=unpacked, capture_output=True, text=True, check=True
        )
        lines = done.stdout.strip().splitlines()
        assert lines and all(line.endswith("OK") for line in lines), done.stdout


def test_the_guides_proof_check_notices_a_changed_entry(unpacked: Path) -> None:
    proofs = unpacked / "log" / "proofs.json"
    proofs.write_text(proofs.read_text().replace('"action": "create"', '"action": "update"', 1))
    done = subprocess.run(
        [sys.executable, "-c", python_blocks()[0]], cwd=unpacked, capture_output=True, text=True
    )
    assert "DOES NOT MATCH" in done.stdout


def test_the_guides_openssl_signature_check_passes(unpacked: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    done = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "log/public_key.pem", "-rawin",
         "-in", "log/tree_head.json", "-sigfile", "log/tree_head.sig"],
        cwd=unpacked, capture_output=True, text=True,
    )  # fmt: skip
    assert "Signature Verified Successfully" in done.stdout


def test_the_guides_record_check_notices_a_changed_field(unpacked: Path, person) -> None:
    record = unpacked / "records" / "registry.person" / f"{person.pk}.json"
    record.write_text(record.read_text().replace('"birth_date":"1978"', '"birth_date":"1979"'))
    done = subprocess.run(
        [sys.executable, "-c", python_blocks()[1]], cwd=unpacked, capture_output=True, text=True
    )
    assert f"{record.relative_to(unpacked)} DOES NOT MATCH" in done.stdout
