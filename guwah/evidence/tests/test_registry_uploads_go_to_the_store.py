"""An evidence upload from the registry's form lands in the content-addressed store: the
evidence app is the registry's file keeper."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from guwah.evidence.models import Blob, CustodyEvent, EvidenceFile
from guwah.registry import models

pytestmark = pytest.mark.django_db


def _one_page_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _post(client, person, upload):
    return client.post(
        reverse("registry:evidence_add", args=[person.pk]),
        {
            "kind": "photo",
            "title": "Notice of detention",
            "reliability": "B",
            "visibility": "restricted",
            "file": upload,
        },
    )


def test_an_uploaded_original_is_stored_once_by_its_hash_with_its_custody_started(
    client, colleague, password, person
):
    client.login(username="dilnur", password=password)
    content = _one_page_pdf()
    response = _post(client, person, SimpleUploadedFile("notice.pdf", content))
    assert response.status_code == 302, response.context["form"].errors
    evidence = models.Evidence.objects.get()
    digest = hashlib.sha256(content).hexdigest()
    assert evidence.sha256 == digest
    assert Blob.objects.filter(sha256=digest).count() == 1
    original = EvidenceFile.objects.get(evidence=evidence)
    assert original.role == EvidenceFile.Role.ORIGINAL
    assert original.original_name == "notice.pdf"
    assert CustodyEvent.objects.filter(
        evidence=evidence, action=CustodyEvent.Action.UPLOADED, actor=colleague
    ).exists()


def test_it_refuses_a_program_on_the_form_and_saves_nothing(client, colleague, password, person):
    client.login(username="dilnur", password=password)
    program = SimpleUploadedFile("photo.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 64)
    response = _post(client, person, program)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert "Notice of detention" in response.content.decode()
    assert models.Evidence.objects.count() == 0
    assert Blob.objects.count() == 0


def test_the_item_records_its_original_through_the_registry_with_the_uploader_in_its_history(
    client, colleague, password, person
):
    client.login(username="dilnur", password=password)
    content = _one_page_pdf()
    _post(client, person, SimpleUploadedFile("notice.pdf", content))

    evidence = models.Evidence.objects.get()
    latest = evidence.history.first()

    assert latest.sha256 == hashlib.sha256(content).hexdigest()
    assert latest.history_user == colleague
