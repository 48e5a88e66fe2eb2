"""Her testimony in her words: written, or her voice recorded in the browser (Opus in WebM),
kept as the testimony's recording, playable only by those allowed; she adds to it later."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from guwah.evidence import store
from guwah.family.tests.helpers import add
from guwah.registry import models as registry_models
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db

# The first bytes of what Chromium's MediaRecorder writes for audio/webm;codecs=opus.
VOICE = (
    b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
    b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02\x18\x53\x80\x67\x01\xff\xff\xff"
    b"\x16\x54\xae\x6b\xbf\xae\xbd\xd7\x81\x01\x83\x81\x02\x86\x86A_OPUS\x63\xa2\x93OpusHead"
    + bytes(400)
)


@pytest.fixture
def sent(aynur_client):
    add(aynur_client, name="Memet", sex="m")
    aynur_client.post("/family/send/")
    return Person.objects.get(names__text="Memet")


def test_a_written_testimony_is_kept_about_her_relatives(aynur_client, sent, owner):
    response = aynur_client.post("/family/testimony/", {"text": "They took him in 2017."})
    assert response.status_code == 302
    told = registry_models.Testimony.objects.get()
    assert told.created_by == owner and told.text == "They took him in 2017."
    assert list(told.persons.all()) == [sent]
    assert "They took him in 2017." in aynur_client.get("/family/testimony/").content.decode()


def test_a_voice_recording_is_kept_and_only_those_allowed_hear_it(
    aynur_client, sent, outsider, colleague
):
    voice = SimpleUploadedFile("voice.webm", VOICE, content_type="audio/webm")
    response = aynur_client.post(
        "/family/testimony/", {"text": "", "recording": voice}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 200, response.content
    told = registry_models.Testimony.objects.get()
    assert told.media.name == store.blob_name(hashlib.sha256(VOICE).hexdigest())
    heard = aynur_client.get(told.media.url)
    assert heard.status_code == 200
    assert heard["Content-Type"].startswith("audio/webm")
    assert b"".join(heard.streaming_content if heard.streaming else [heard.content]) == VOICE
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(told.media.url).status_code == 404
    documenter = Client()
    documenter.force_login(colleague)
    assert documenter.get(told.media.url).status_code == 200
    assert 'src="' + told.media.url in aynur_client.get("/family/testimony/").content.decode()


def test_she_adds_to_her_testimony_later_and_the_first_part_stays(aynur_client, sent):
    aynur_client.post("/family/testimony/", {"text": "First part."})
    aynur_client.post("/family/testimony/", {"text": "What I heard later."})
    assert [t.text for t in registry_models.Testimony.objects.order_by("created_at")] == [
        "First part.",
        "What I heard later.",
    ]
    page = aynur_client.get("/family/testimony/").content.decode()
    assert page.index("First part.") < page.index("What I heard later.")


def test_an_empty_testimony_is_refused_and_a_program_is_not_a_recording(aynur_client, sent):
    response = aynur_client.post("/family/testimony/", {"text": "  "})
    assert response.status_code == 400
    program = SimpleUploadedFile("voice.webm", b"MZ\x90\x00" + bytes(100))
    response = aynur_client.post(
        "/family/testimony/", {"text": "My words stay.", "recording": program}
    )
    assert response.status_code == 400
    assert "My words stay." in response.content.decode()
    assert not registry_models.Testimony.objects.exists()


def test_before_her_family_is_sent_she_is_told_to_send_it_first(aynur_client):
    response = aynur_client.post("/family/testimony/", {"text": "Words."})
    assert response.status_code == 400
    assert "Send your family first" in response.content.decode()
