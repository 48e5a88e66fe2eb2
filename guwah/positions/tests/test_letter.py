"""Drafting a letter to a government from its record, and downloading it as a Word document."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from guwah.positions import services

pytestmark = pytest.mark.django_db


def test_a_state_that_spoke_is_thanked_and_its_record_cited(
    client: Client, loaded: services.LoadReport
) -> None:
    text = client.get(reverse("positions:letter", args=["FRA"])).context["text"]

    assert text.startswith("To the Government of France,")
    assert "Thank you for speaking" in text
    assert "A/HRC/51/L.6" in text


def test_a_silent_state_is_asked_to_end_its_silence(
    client: Client, loaded: services.LoadReport
) -> None:
    text = client.get(reverse("positions:letter", args=["BRN"])).context["text"]

    assert "end this silence" in text
    assert "Thank you for speaking" not in text


def test_the_edited_letter_downloads_as_a_word_document(
    client: Client, loaded: services.LoadReport
) -> None:
    edited = "To the Government of France,\n\nMy uncle Ablikim has been missing since 2017."

    response = client.post(reverse("positions:letter", args=["FRA"]), {"text": edited})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="letter-fra.docx"'
    document = Document(io.BytesIO(response.content))
    assert [p.text for p in document.paragraphs] == [
        "To the Government of France,",
        "My uncle Ablikim has been missing since 2017.",
    ]


def test_an_empty_letter_is_not_downloaded_but_the_draft_offered_again(
    client: Client, loaded: services.LoadReport
) -> None:
    response = client.post(reverse("positions:letter", args=["FRA"]), {"text": "  "})

    assert response["Content-Type"].startswith("text/html")
    assert "The letter is empty" in response.content.decode()
