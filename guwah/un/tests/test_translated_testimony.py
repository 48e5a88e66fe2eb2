"""A testimony given in Uyghur or Chinese goes to the Working Group in translation: stored with
the submission, the original kept in the record and named by id and hash, and carried in the
document's annex only when the testimony may be shared with UN mechanisms."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from guwah.registry import services as registry
from guwah.un import models, services
from guwah.un.documents import DOCX, submission_document
from guwah.un.models import Mechanism

from .conftest import TODAY

pytestmark = pytest.mark.django_db

ORIGINAL = "ئاكام 2017-يىلى مايدا ئېلىپ كېتىلدى."  # synthetic


def _testimony(owner: Any, person: Any, *, shared: bool) -> Any:
    return registry.add_testimony(
        owner,
        [person],
        witness_name="Aynur Tursun",
        language="ug",
        text=ORIGINAL,
        consent_share_un=shared,
    )


def _document_text(owner: Any, person: Any) -> str:
    content = submission_document(owner, person, Mechanism.WGEID, DOCX, TODAY)
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_translation_is_stored_with_the_submission_and_names_its_original_by_hash(
    ablikim: Any, owner: Any
) -> None:
    testimony = _testimony(owner, ablikim, shared=True)
    submission = services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY)

    attached = services.attach_translation(
        owner, submission, testimony, text="My brother was taken in May 2017.", translator="Dilnur"
    )

    assert attached.original_sha256 == hashlib.sha256(ORIGINAL.encode()).hexdigest()
    testimony.refresh_from_db()
    assert testimony.text == ORIGINAL
    text = _document_text(owner, ablikim)
    assert "My brother was taken in May 2017." in text
    assert attached.original_sha256 in text
    assert "Translated from Uyghur by Dilnur" in text


def test_a_testimony_that_may_not_be_shared_stays_out_of_the_annex(
    ablikim: Any, owner: Any
) -> None:
    testimony = _testimony(owner, ablikim, shared=False)
    submission = services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY)
    services.attach_translation(owner, submission, testimony, text="Taken in May (synthetic).")

    text = _document_text(owner, ablikim)

    assert "Taken in May (synthetic)." not in text
    assert "Testimony in translation" not in text


def test_an_empty_translation_is_refused_and_nothing_is_stored(ablikim: Any, owner: Any) -> None:
    testimony = _testimony(owner, ablikim, shared=True)
    submission = services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY)

    with pytest.raises(ValidationError, match="empty"):
        services.attach_translation(owner, submission, testimony, text="   ")

    assert not models.TestimonyTranslation.objects.exists()


def test_a_testimony_about_someone_else_cannot_be_attached(
    ablikim: Any, owner: Any, camp: Any
) -> None:
    other = registry.create_person(
        owner, names=[{"text": "Memet Tursun", "script": "ug-Latn"}], synthetic=True
    )
    testimony = _testimony(owner, other, shared=True)
    submission = services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY)

    with pytest.raises(ValidationError, match="not about"):
        services.attach_translation(owner, submission, testimony, text="Taken.")

    assert not models.TestimonyTranslation.objects.exists()


def test_the_case_page_attaches_a_translation(ablikim: Any, owner: Any, client: Any) -> None:
    testimony = _testimony(owner, ablikim, shared=True)
    services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY)
    client.force_login(owner)

    response = client.post(
        reverse("un:translation", kwargs={"pk": ablikim.pk}),
        {
            "mechanism": "wgeid",
            "testimony": testimony.pk,
            "language": "fr",
            "translator": "",
            "text": "Mon frère a été emmené en mai 2017.",
        },
    )

    assert response.status_code == 302
    assert models.TestimonyTranslation.objects.get().language == "fr"
    assert client.get(reverse("un:translation", kwargs={"pk": ablikim.pk})).status_code == 405
