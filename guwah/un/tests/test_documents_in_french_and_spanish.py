"""The Working Groups read English, French or Spanish: the document's labels follow the
language chosen for the submission, and a French DOCX reads back in French."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from guwah.un import services
from guwah.un.documents import DOCX, submission_document
from guwah.un.models import Mechanism, Submission

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_a_french_wgeid_document_reads_back_with_french_labels_and_the_records_values(
    ablikim: Any, owner: Any
) -> None:
    text = _text_of(submission_document(owner, ablikim, Mechanism.WGEID, DOCX, TODAY, "fr"))

    for label in (
        "Groupe de travail sur les disparitions forcées ou involontaires",
        "Identité de la personne",
        "Nom complet",
        "Date de la disparition",
        "Forces de l'État présumées responsables",
        "Mesures prises par la famille ou par d'autres personnes pour localiser la personne",
        "Identité de la personne ou de l'organisation soumettant le rapport",
        "Détention dans un camp",
        "Masculin",
    ):
        assert label in text
    assert "mai 2017" in text
    for value in ("Ablikim Tursun", "阿布力克木·吐尔逊", "Public Security Bureau of Kashgar"):
        assert value in text
    assert "Full name" not in text and "Identity of the person" not in text


def test_a_spanish_document_has_spanish_labels(ablikim: Any, owner: Any) -> None:
    text = _text_of(submission_document(owner, ablikim, Mechanism.WGEID, DOCX, TODAY, "es"))

    assert "Nombre completo" in text
    assert "Fuerzas del Estado presuntamente responsables" in text
    assert "Grupo de Trabajo sobre Desapariciones Forzadas o Involuntarias" in text
    assert "Identidad de la persona u organización que envía la información" in text
    assert "mayo 2017" in text


def test_the_language_chosen_for_the_submission_is_the_documents_language(
    ablikim: Any, owner: Any
) -> None:
    services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY, language="es")

    text = _text_of(submission_document(owner, ablikim, Mechanism.WGEID, DOCX, TODAY))

    assert "Nombre completo" in text


def test_a_language_the_working_groups_do_not_read_is_refused_and_nothing_is_drafted(
    ablikim: Any, owner: Any
) -> None:
    with pytest.raises(ValidationError, match="English, French or Spanish"):
        services.draft_submission(owner, ablikim, Mechanism.WGEID, TODAY, language="de")

    assert not Submission.objects.filter(person=ablikim).exists()


def test_the_console_writes_a_french_document_and_a_french_batch(
    ablikim: Any, owner: Any, tmp_path: Any
) -> None:
    import zipfile

    from django.core.management import call_command

    from guwah.registry import services as registry
    from guwah.registry.models import FamilyTie

    single = tmp_path / "case.docx"
    call_command(
        "un", "wgeid", "--person", ablikim.pk, "--as", "aynur", "--language", "fr", str(single),
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    assert "Nom complet" in _text_of(single.read_bytes())

    witness = registry.create_person(
        owner, names=[{"text": "Zohre Tursun", "script": "ug-Latn"}], synthetic=True
    )
    registry.add_family_tie(owner, witness, ablikim, FamilyTie.Relation.CHILD)
    batch = tmp_path / "family.zip"
    call_command(
        "un", "batch", "--relatives-of", witness.pk, "--as", "aynur", "--language", "es",
        str(batch), stdout=io.StringIO(),
    )  # fmt: skip
    with zipfile.ZipFile(batch) as archive:
        summary = _text_of(archive.read("summary.docx"))
        case = _text_of(archive.read(f"wgeid-person-{ablikim.pk}.docx"))
    assert "Casos de este envío" in summary
    assert "Nombre completo" in case
