"""One upload-size check: the registry's form, its service and the evidence store refuse an
oversized file with the same words, at the same limit."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from guwah.evidence import store
from guwah.evidence.models import Blob
from guwah.registry import forms, services
from guwah.registry.models import Evidence

pytestmark = pytest.mark.django_db

LIMIT = 1_048_576
OVERSIZED = b"n" * (LIMIT + LIMIT // 2)
REFUSAL = "The file is 1.5 MB; the largest accepted is 1.0 MB."


@pytest.fixture(autouse=True)
def _small_limit(settings) -> None:
    settings.GUWAH_MAX_UPLOAD_BYTES = LIMIT


def _oversized() -> SimpleUploadedFile:
    return SimpleUploadedFile("notice.txt", OVERSIZED, "text/plain")


def test_the_form_the_service_and_the_store_refuse_in_the_same_words(colleague, person) -> None:
    with pytest.raises(ValidationError) as by_form:
        forms.FileSizeLimit()(_oversized())
    with pytest.raises(ValidationError) as by_service:
        services.add_evidence(
            colleague, [person], file=_oversized(), kind="photo", title="Notice (synthetic)"
        )
    with pytest.raises(store.UploadRefused) as by_store:
        store.store_file(ContentFile(OVERSIZED, name="notice.txt"))

    assert by_form.value.messages == [REFUSAL]
    assert by_service.value.message_dict["file"] == [REFUSAL]
    assert by_store.value.messages == [REFUSAL]
    assert not Evidence.objects.exists()
    assert not Blob.objects.exists()


def test_a_file_of_exactly_the_limit_is_accepted_everywhere(colleague) -> None:
    forms.FileSizeLimit()(SimpleUploadedFile("notice.txt", b"n" * LIMIT))

    blob = store.store_file(ContentFile(b"n" * LIMIT, name="notice.txt")).blob

    assert blob.size == LIMIT


def test_a_stream_of_unknown_size_is_stopped_once_past_the_limit(settings) -> None:
    settings.GUWAH_MAX_UPLOAD_BYTES = store.CHUNK_SIZE
    stream = io.BytesIO(b"plain text\n" * store.CHUNK_SIZE)

    with pytest.raises(store.UploadRefused) as refused:
        store.store_file(stream)

    assert refused.value.messages == ["The file is larger than 1.0 MB, the largest accepted."]
