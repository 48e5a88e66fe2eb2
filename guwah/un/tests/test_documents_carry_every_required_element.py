"""The WGEID and WGAD documents, read back as text, hold every required element's value, with
the person's names in Latin, Uyghur Arabic and Chinese script."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from guwah.un import services as un_services
from guwah.un.documents import DOCX, PDF, submission_document
from guwah.un.models import DetentionCategory, Mechanism

from .conftest import FULL_CASE, TODAY

pytestmark = pytest.mark.django_db

EXPECTED = [
    "Ablikim Tursun",
    "ئابلىكىم تۇرسۇن",
    "阿布力克木·吐尔逊",
    "May 2017",
    "Kashgar City No. 2 Camp (synthetic)",
    "喀什地区",
    FULL_CASE["forces_responsible"],
    FULL_CASE["steps_taken"],
    FULL_CASE["submitter_name"],
    FULL_CASE["submitter_contact"],
]


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def embedded_fonts(content: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for part in descendants:
                descriptor = part.get_object().get("/FontDescriptor")
                if descriptor is not None and any(
                    key in descriptor.get_object()
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    fonts.add(str(font["/BaseFont"]).split("+")[-1])
    return fonts


def test_the_wgeid_docx_holds_every_required_element(ablikim: Any, owner: Any) -> None:
    text = docx_text(submission_document(owner, ablikim, Mechanism.WGEID, DOCX, TODAY))

    assert [value for value in EXPECTED if value not in text] == []
    assert "DRAFT" not in text


def test_the_docx_sets_uyghur_right_to_left(ablikim: Any, owner: Any) -> None:
    content = submission_document(owner, ablikim, Mechanism.WGEID, DOCX, TODAY)
    document = Document(io.BytesIO(content))
    uyghur = [
        paragraph
        for table in document.tables
        for row in table.rows
        for paragraph in row.cells[1].paragraphs
        if paragraph.text == "ئابلىكىم تۇرسۇن"
    ]

    assert uyghur
    assert (
        uyghur[0]._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi")
        is not None
    )


def test_the_wgeid_pdf_holds_every_required_element_in_embedded_fonts(
    ablikim: Any, owner: Any, tmp_path: Path
) -> None:
    content = submission_document(owner, ablikim, Mechanism.WGEID, PDF, TODAY)
    text = pdf_text(content)

    assert [value for value in EXPECTED if value not in text] == []
    fonts = embedded_fonts(content)
    assert any("Arabic" in font for font in fonts), fonts
    assert any("CJK" in font for font in fonts), fonts


def test_the_pdf_turns_into_page_images(
    ablikim: Any, owner: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = tmp_path / "wgeid.pdf"
    pdf.write_bytes(submission_document(owner, ablikim, Mechanism.WGEID, PDF, TODAY))

    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", pdf, tmp_path / "page"], check=True
    )

    [image] = tmp_path.glob("page*.png")
    assert image.stat().st_size > 10_000
    # Kept to be looked at: a test reading text cannot see a name drawn as empty boxes.
    shutil.copy(image, artifacts_dir / "un-wgeid-first-page.png")


def test_a_draft_says_what_is_missing_on_its_first_page(ablikim: Any, owner: Any) -> None:
    un_services.save_case_file(owner, ablikim, forces_responsible="")

    text = docx_text(submission_document(owner, ablikim, Mechanism.WGEID, DOCX, TODAY))

    assert "DRAFT" in text
    assert "The State forces believed responsible are missing." in text


def test_the_wgad_communication_comes_from_the_same_record(ablikim: Any, owner: Any) -> None:
    un_services.save_case_file(
        owner,
        ablikim,
        consent_public_naming=True,
        detention_categories=[DetentionCategory.DISCRIMINATION],
        arbitrariness="Held for being Uyghur and praying.",
    )

    text = pdf_text(submission_document(owner, ablikim, Mechanism.WGAD, PDF, TODAY))

    assert "Working Group on Arbitrary Detention" in text
    assert "Ablikim Tursun" in text
    assert "V — discrimination" in text
    assert "Held for being Uyghur and praying." in text
    assert FULL_CASE["forces_responsible"] in text
