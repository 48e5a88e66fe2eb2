"""A testimony's recording or scan, given by a documenter or added later, is kept by the store
like any evidence file: named by its SHA-256, with its custody; the testimony reads it back."""

from __future__ import annotations

import hashlib
import io
import wave

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from guwah.evidence import store
from guwah.evidence.models import CustodyEvent
from guwah.registry import services
from guwah.registry.models import Evidence

pytestmark = pytest.mark.django_db


def _wav(frames: bytes = b"\x00\x01" * 400) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(frames)
    return out.getvalue()


@pytest.fixture
def person(colleague):
    return services.create_person(
        colleague, names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}], synthetic=True
    )


def test_a_documenters_recording_is_kept_as_evidence_and_reads_back(colleague, person):
    voice = _wav()
    testimony = services.add_testimony(
        colleague,
        [person],
        witness_name="Aynur",
        media=SimpleUploadedFile("aynur.wav", voice, "audio/wav"),
    )
    digest = hashlib.sha256(voice).hexdigest()
    assert testimony.media.name == store.blob_name(digest)
    assert testimony.media.read() == voice
    item = Evidence.objects.get(file=testimony.media.name)
    assert item.sha256 == digest and list(item.persons.all()) == [person]
    assert list(item.custody_events.values_list("action", flat=True)) == [
        CustodyEvent.Action.UPLOADED
    ]


def test_a_recording_added_later_is_a_new_item_and_the_first_stays(colleague, person):
    first, later = _wav(), _wav(b"\x02\x03" * 400)
    testimony = services.add_testimony(
        colleague,
        [person],
        witness_name="Aynur",
        media=SimpleUploadedFile("first.wav", first, "audio/wav"),
    )
    kept_first = testimony.media.name
    services.update_testimony(
        colleague, testimony, media=SimpleUploadedFile("later.wav", later, "audio/wav")
    )
    testimony.refresh_from_db()
    assert testimony.media.name == store.blob_name(hashlib.sha256(later).hexdigest())
    assert Evidence.objects.filter(file=kept_first).exists()
    assert Evidence.objects.filter(file=testimony.media.name).count() == 1


def test_a_refused_recording_leaves_no_item_and_no_testimony(colleague, person):
    with pytest.raises(ValidationError) as refused:
        services.add_testimony(
            colleague,
            [person],
            witness_name="Aynur",
            media=SimpleUploadedFile("aynur.wav", b"just some words\n", "audio/wav"),
        )
    assert "media" in refused.value.message_dict
    assert not Evidence.objects.exists()
    assert not person.testimonies.exists()


def test_a_file_the_store_refuses_leaves_no_item_and_no_testimony(colleague, person):
    # Screened as a PDF, refused by the store as cut short: the item made for it goes too.
    with pytest.raises(ValidationError) as refused:
        services.add_testimony(
            colleague,
            [person],
            witness_name="Aynur",
            media=SimpleUploadedFile("scan.pdf", b"%PDF-1.4\nstatement, cut short\n"),
        )
    assert "incomplete" in " ".join(refused.value.message_dict["media"])
    assert not Evidence.objects.exists()
    assert not person.testimonies.exists()
