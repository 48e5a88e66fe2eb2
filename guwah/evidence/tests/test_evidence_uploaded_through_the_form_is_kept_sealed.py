"""Evidence uploaded on the registry's form is kept by the store under its digest, sealed on
disk, and read back as it was received."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guwah.evidence import store
from guwah.evidence.models import Blob
from guwah.registry import models

pytestmark = pytest.mark.django_db


def test_evidence_is_uploaded_with_its_digest(client, colleague, password, person):
    client.login(username="dilnur", password=password)
    upload = SimpleUploadedFile("verdict.txt", b"verdict", "text/plain")
    response = client.post(
        reverse("registry:evidence_add", args=[person.pk]),
        {
            "kind": "official_document",
            "title": "Verdict",
            "reliability": "A",
            "visibility": "restricted",
            "file": upload,
        },
    )
    assert response.status_code == 302
    evidence = models.Evidence.objects.get()
    assert evidence.sha256 == hashlib.sha256(b"verdict").hexdigest()
    # Stored encrypted on disk; the store reads it back as it was received.
    with store.open_blob(Blob.objects.get(pk=evidence.sha256)) as handle:
        assert handle.read() == b"verdict"
    assert b"verdict" not in evidence.file.read()
    assert list(evidence.persons.all()) == [person]
