"""In a real browser: a documenter goes from a person's page to a downloaded WGEID form."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_documenter_downloads_the_wgeid_form_from_the_person_page(
    page: Any, ablikim: Any, colleague: Any, password: str, tmp_path: Any
) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", colleague.username)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url("**/registry/")

    page.goto(f"/registry/people/{ablikim.pk}/")
    page.click("text=Prepare a UN submission")
    page.wait_for_selector("#un-complete")
    with page.expect_download() as download_info:
        page.click("text=WGEID case form (DOCX)")
    saved = tmp_path / "wgeid.docx"
    download_info.value.save_as(saved)

    document = Document(io.BytesIO(saved.read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join(cells)
    assert "ئابلىكىم تۇرسۇن" in text
    assert "Public Security Bureau of Kashgar Prefecture" in text
