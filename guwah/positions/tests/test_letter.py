"""Drafting a letter to a government from its record, and downloading it as a Word document."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from guwah.positions import services
from guwah.positions.models import Membership, Position

pytestmark = pytest.mark.django_db


def test_a_state_that_spoke_is_thanked_and_its_record_cited(
    client: Client, loaded: services.LoadReport
) -> None:
    text = client.get(reverse("positions:letter", args=["FRA"])).context["text"]

    assert text.startswith("To the Government of the French Republic,")
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


def test_a_council_member_is_reminded_how_it_voted(client: Client, grouped) -> None:
    text = client.get(reverse("positions:letter", args=["IDN"])).context["text"]

    assert (
        "As a member of the Human Rights Council in 2022, your government voted against "
        "A/HRC/51/L.6" in text
    )
    assert text.startswith("To the Government of the Republic of Indonesia,")


def test_an_abstaining_council_member_is_told_so(client: Client, grouped) -> None:
    text = client.get(reverse("positions:letter", args=["IND"])).context["text"]

    assert "in 2022, your government abstained on A/HRC/51/L.6" in text


def test_a_state_off_the_council_is_not_told_it_voted(client: Client, grouped) -> None:
    text = client.get(reverse("positions:letter", args=["EGY"])).context["text"]

    assert "Human Rights Council in 2022" not in text


def test_an_oic_member_is_told_how_many_members_have_spoken(client: Client, grouped) -> None:
    members = set(
        Membership.objects.filter(group_id="OIC", role="member").values_list("state_id", flat=True)
    )
    spoken = set(
        Position.objects.filter(
            state__in=members, stance__in=["critical", "yes", "recognition"]
        ).values_list("state_id", flat=True)
    )
    text = client.get(reverse("positions:letter", args=["EGY"])).context["text"]

    assert (
        f"one of the 57 members of the Organisation of Islamic Cooperation, of which "
        f"{len(spoken)} have spoken" in text
    )


def test_a_letter_without_groups_loaded_cites_none(client: Client, loaded) -> None:
    text = client.get(reverse("positions:letter", args=["EGY"])).context["text"]

    assert "members of the" not in text


def test_a_uyghur_paragraph_is_marked_right_to_left_in_the_document(
    client: Client, loaded: services.LoadReport
) -> None:
    text = "To the Government of France,\n\nمېنىڭ تاغام 2017-يىلىدىن بېرى يوقاپ كەتتى."

    response = client.post(reverse("positions:letter", args=["FRA"]), {"text": text})

    document = Document(io.BytesIO(response.content))
    english, uyghur = document.paragraphs
    assert uyghur._p.pPr is not None and uyghur._p.pPr.find(qn("w:bidi")) is not None
    assert english._p.pPr is None or english._p.pPr.find(qn("w:bidi")) is None
