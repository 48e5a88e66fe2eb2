"""Every file under MEDIA_ROOT, fetched by everyone: nothing is served from /media/, and the one
guarded view gives each file only to those who may see its record, with headers that keep it
from running in the site's origin."""

from __future__ import annotations

import importlib
import io
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import clear_url_caches, resolve, reverse
from PIL import Image

import guwah.urls
from guwah.evidence.models import CustodyEvent
from guwah.registry import models as registry
from guwah.registry import services
from guwah.registry.models import Evidence

pytestmark = pytest.mark.django_db

SANDBOX = "sandbox; default-src 'none'"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 60)).save(out, "PNG")
    return out.getvalue()


def _wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x01" * 800)
    return out.getvalue()


@pytest.fixture
def stored(owner, colleague) -> dict[str, Any]:
    """A photo and a recording from Aynur's family, an evidence file from Dilnur."""
    person = services.create_person(
        owner,
        names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}],
        photo=SimpleUploadedFile("ekrem-tursun.png", _png()),
        synthetic=True,
    )
    testimony = services.add_testimony(
        owner,
        [person],
        witness_name="Aynur",
        text="Taken at night (synthetic).",
        media=SimpleUploadedFile("aynur-testimony.wav", _wav()),
    )
    evidence = services.add_evidence(
        colleague,
        [person],
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title="Detention notice (synthetic)",
        file=SimpleUploadedFile("notice.pdf", b"%PDF-1.4\nsynthetic notice\n%%EOF\n"),
    )
    return {
        person.photo.name: "photo",
        testimony.media.name: "recording",
        evidence.file.name: "evidence",
    }


def _every_stored_path() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _client(role: str, request: pytest.FixtureRequest) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


ROLES = ("anonymous", "outsider", "owner", "colleague", "administrator")
# What each role gets for each kind of file through the guarded view.
ALLOWED = {
    "anonymous": set(),
    "outsider": set(),
    "owner": {"photo", "recording"},
    "colleague": {"photo", "recording", "evidence"},
    "administrator": {"photo", "recording", "evidence"},
}


def test_every_stored_file_is_known_to_its_record(stored) -> None:
    assert _every_stored_path() == sorted(stored)


@pytest.fixture
def debug_urls(settings) -> Iterator[None]:
    """The URL configuration as a developer's machine loads it: Django serves static media
    files there whenever a project asks it to."""
    settings.DEBUG = True
    importlib.reload(guwah.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(guwah.urls)
    clear_url_caches()


@pytest.mark.parametrize("role", ROLES)
def test_no_stored_file_is_served_from_the_media_directory(
    role, stored, request, debug_urls
) -> None:
    client = _client(role, request)

    answers = {path: client.get(f"/media/{path}").status_code for path in _every_stored_path()}

    assert set(answers.values()) == {404}


@pytest.mark.parametrize("role", ROLES)
def test_the_guarded_view_serves_only_the_files_a_role_may_see(role, stored, request) -> None:
    client = _client(role, request)

    answers = {stored[path]: client.get(f"/files/{path}") for path in _every_stored_path()}

    served = {kind for kind, response in answers.items() if response.status_code == 200}
    assert served == ALLOWED[role]
    for kind, response in answers.items():
        if kind in served:
            continue
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
        else:
            assert response.status_code == 404


def test_a_file_s_address_is_the_guarded_view(stored) -> None:
    person, testimony = registry.Person.objects.get(), registry.Testimony.objects.get()
    item = Evidence.objects.get(title="Detention notice (synthetic)")

    for url in (person.photo.url, testimony.media.url, item.file.url):
        assert resolve(url).url_name == "stored_file"


def test_served_files_cannot_run_in_the_site_s_origin(stored, colleague) -> None:
    client = Client()
    client.force_login(colleague)

    for path, kind in stored.items():
        response = client.get(f"/files/{path}")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == SANDBOX
        assert "no-store" in response["Cache-Control"]
        disposition = response["Content-Disposition"]
        if kind == "photo":
            # Re-encoded by the server on upload: the one kind shown inline.
            assert disposition.startswith("inline")
            assert response["Content-Type"] == "image/jpeg"
        else:
            assert disposition.startswith("attachment")
    assert client.get(f"/files/{_path_of(stored, 'recording')}")["Content-Type"] == "audio/wav"
    assert client.get(f"/files/{_path_of(stored, 'evidence')}")["Content-Type"] == (
        "application/pdf"
    )


def _path_of(stored: dict[str, str], kind: str) -> str:
    return next(path for path, each in stored.items() if each == kind)


def test_the_bytes_served_are_the_bytes_stored(stored, owner) -> None:
    client = Client()
    client.force_login(owner)
    path = _path_of(stored, "recording")

    response = client.get(f"/files/{path}")

    served = b"".join(response.streaming_content)
    on_disk = (Path(settings.MEDIA_ROOT) / path).read_bytes()
    # A recording is encrypted on disk; the view sends the bytes that were received.
    assert served == registry.Testimony.objects.get().media.read()
    assert served.startswith(b"RIFF") and served not in on_disk


def test_taking_a_copy_of_restricted_evidence_is_a_step_in_its_custody(stored, colleague) -> None:
    item = Evidence.objects.get(title="Detention notice (synthetic)")
    client = Client()
    client.force_login(colleague)

    client.get(f"/files/{_path_of(stored, 'evidence')}")
    client.get(reverse("evidence:download", args=[item.pk, item.sha256]))

    taken = CustodyEvent.objects.filter(evidence=item, action=CustodyEvent.Action.DOWNLOADED)
    assert [(event.actor, event.detail["sha256"]) for event in taken] == [
        (colleague, item.sha256),
        (colleague, item.sha256),
    ]


def test_a_refused_fetch_leaves_no_custody_step(stored, outsider) -> None:
    client = Client()
    client.force_login(outsider)

    client.get(f"/files/{_path_of(stored, 'evidence')}")

    assert not CustodyEvent.objects.filter(action=CustodyEvent.Action.DOWNLOADED).exists()


def test_the_guarded_view_only_answers_get(stored, colleague) -> None:
    client = Client()
    client.force_login(colleague)

    response = client.post(f"/files/{_path_of(stored, 'photo')}")

    assert response.status_code == 405


def test_a_name_no_record_holds_is_not_found(stored, colleague) -> None:
    stray = Path(settings.MEDIA_ROOT) / "photos" / "left-behind.png"
    stray.write_bytes(_png())
    client = Client()
    client.force_login(colleague)

    assert client.get("/files/photos/left-behind.png").status_code == 404
    assert client.get("/files/../../etc/passwd").status_code == 404
