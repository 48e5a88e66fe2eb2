"""A voice recorded with a testimony is kept like any evidence file: stored under the SHA-256
of its bytes, logged, with a chain of custody that shows the upload and every play; hashed
again before each play, and refused when it changed on disk."""

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from guwah.evidence import store
from guwah.evidence.models import CustodyEvent, EvidenceFile, LogEntry
from guwah.family.tests.helpers import add
from guwah.family.tests.test_testimony_in_her_words_and_voice import VOICE
from guwah.registry import models as registry
from guwah.registry.models import Evidence, Person

pytestmark = pytest.mark.django_db


def _played(response: Any) -> bytes:
    return b"".join(response.streaming_content if response.streaming else [response.content])


@pytest.fixture
def recorded(aynur_client: Client) -> registry.Testimony:
    add(aynur_client, name="Memet", sex="m")
    aynur_client.post("/family/send/")
    voice = SimpleUploadedFile("voice.webm", VOICE, content_type="audio/webm")
    response = aynur_client.post(
        "/family/testimony/", {"text": "", "recording": voice}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 200, response.content
    return registry.Testimony.objects.get()


def _item(told: registry.Testimony) -> Evidence:
    return Evidence.objects.get(file=told.media.name)


def test_a_recorded_testimony_has_a_hash_that_matches_its_bytes(recorded, owner):
    item = _item(recorded)
    digest = hashlib.sha256(VOICE).hexdigest()
    assert item.sha256 == digest
    assert recorded.media.name == store.blob_name(digest)
    original = EvidenceFile.objects.get(evidence=item, role=EvidenceFile.Role.ORIGINAL)
    assert original.blob.size == len(VOICE) and original.blob.mime == "audio/webm"
    assert store.open_verified_blob(original.blob).read() == VOICE
    assert (
        list(item.persons.all())
        == list(recorded.persons.all())
        == [Person.objects.get(names__text="Memet")]
    )
    assert item.created_by == owner and item.visibility == recorded.visibility
    assert LogEntry.objects.filter(action=LogEntry.Action.UPLOAD, record_id=digest).exists()


def test_custody_shows_the_upload_and_each_play_by_staff(recorded, owner, colleague):
    documenter = Client()
    documenter.force_login(colleague)
    for _ in range(2):
        played = documenter.get(recorded.media.url)
        assert played.status_code == 200 and _played(played) == VOICE
    steps = list(CustodyEvent.objects.filter(evidence=_item(recorded)).order_by("at", "id"))
    assert [(step.action, step.actor) for step in steps] == [
        (CustodyEvent.Action.UPLOADED, owner),
        (CustodyEvent.Action.DOWNLOADED, colleague),
        (CustodyEvent.Action.DOWNLOADED, colleague),
    ]
    assert steps[1].detail["sha256"] == hashlib.sha256(VOICE).hexdigest()


def test_a_recording_changed_on_disk_is_refused_and_log_verify_reports_it(
    recorded, aynur_client, settings, capsys
):
    call_command("log", "verify", "--files")
    assert "1 stored files verified" in capsys.readouterr().out
    on_disk = Path(settings.MEDIA_ROOT) / recorded.media.name
    data = bytearray(on_disk.read_bytes())
    data[len(data) // 2] ^= 0x01
    on_disk.write_bytes(bytes(data))
    refused = aynur_client.get(recorded.media.url)
    assert refused.status_code == 409
    assert "no longer matches its SHA-256" in refused.content.decode()
    with pytest.raises(CommandError):
        call_command("log", "verify", "--files")
    assert f"stored file {on_disk.name}: " in capsys.readouterr().err


def test_only_those_allowed_play_the_recording(recorded, aynur_client, outsider, client):
    assert aynur_client.get(recorded.media.url).status_code == 200
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(recorded.media.url).status_code == 404
    anonymous = client.get(recorded.media.url)
    assert anonymous.status_code in (302, 403, 404)
    assert VOICE[:64] not in _played(anonymous)
    assert not CustodyEvent.objects.filter(evidence=_item(recorded), actor=outsider).exists()


def test_a_recording_that_is_not_audio_keeps_nothing(aynur_client, recorded):
    before = (
        Evidence.objects.count(),
        EvidenceFile.objects.count(),
        registry.Testimony.objects.count(),
    )
    program = SimpleUploadedFile("voice.webm", b"MZ\x90\x00" + bytes(100))
    response = aynur_client.post("/family/testimony/", {"text": "Words.", "recording": program})
    assert response.status_code == 400
    after = (
        Evidence.objects.count(),
        EvidenceFile.objects.count(),
        registry.Testimony.objects.count(),
    )
    assert after == before
