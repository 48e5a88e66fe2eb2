"""One synthetic case whose protected strings are distinctive enough to grep raw files for."""

from __future__ import annotations

import io
import sqlite3
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from guwah.registry import services
from guwah.registry.models import Evidence, IdentityDocument

# Synthetic strings, each found nowhere else: what must not appear in a copy of the files.
SECRETS = {
    "witness": "Zulpiyequx Witnessname",
    "testimony": "Taken from the bazaar at dawn qxzvw (synthetic)",
    "notes": "Note of the documenter kqwzx (synthetic)",
    "number": "653101197801017qzx",
    "recording": b"RECORDINGqjxzvSECRET",
    "evidence": b"EVIDENCEqjxzvNOTICE",
}
# The person's name is the record and stays in the clear: it proves the search reads the files.
CONTROL_NAME = "Ekremqzx Tursunqzx"


def wav_with(marker: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(marker * 200)
    return out.getvalue()


@dataclass
class Case:
    person: Any
    testimony: Any
    evidence: Any
    document: Any


def make_case(owner: Any, colleague: Any) -> Case:
    person = services.create_person(
        owner,
        names=[{"text": CONTROL_NAME, "script": "ug-Latn"}],
        notes=SECRETS["notes"],
        synthetic=True,
    )
    document = services.add_identity_document(
        owner, person, kind=IdentityDocument.Kind.PRC_RESIDENT_ID, number=SECRETS["number"]
    )
    testimony = services.add_testimony(
        owner,
        [person],
        witness_name=SECRETS["witness"],
        text=SECRETS["testimony"],
        media=SimpleUploadedFile("testimony.wav", wav_with(SECRETS["recording"])),
    )
    evidence = services.add_evidence(
        colleague,
        [person],
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title="Detention notice (synthetic)",
        file=SimpleUploadedFile(
            "notice.pdf", b"%PDF-1.4\n" + SECRETS["evidence"] * 20 + b"\n%%EOF\n"
        ),
    )
    return Case(person, testimony, evidence, document)


@pytest.fixture
def case(owner, colleague) -> Case:
    return make_case(owner, colleague)


def database_copy(target: Path) -> bytes:
    """The database's bytes as a copy of its file would hold them (SQLite's backup API)."""
    if connection.vendor != "sqlite":
        pytest.skip("reads the raw bytes of an SQLite database")
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return target.read_bytes()


def data_directory_bytes() -> dict[str, bytes]:
    """Every file the installation wrote: uploads, keys and tree heads (the test's tmp dir)."""
    roots = {
        Path(settings.MEDIA_ROOT),
        Path(settings.GUWAH_LOG_KEY_PATH).parent,
        Path(settings.GUWAH_LOG_HEADS_DIR),
        Path(settings.GUWAH_KEYRING_PATH).parent,
    }
    found = {}
    for root in roots:
        if root.is_dir():
            for path in root.rglob("*"):
                if path.is_file():
                    found[str(path)] = path.read_bytes()
    return found


def as_bytes(value: str | bytes) -> list[bytes]:
    """A string as it could be stored: UTF-8, and UTF-16 (as a PDF or Windows file might)."""
    if isinstance(value, bytes):
        return [value]
    return [value.encode("utf-8"), value.encode("utf-16-le")]
