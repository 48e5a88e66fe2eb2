"""From a person's page, through the UN case page, to a downloaded WGEID document."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from guwah.un.models import Stage, Submission

pytestmark = pytest.mark.django_db


def test_the_person_page_leads_to_a_downloaded_wgeid_form(
    ablikim: Any, colleague: Any, client: Any
) -> None:
    client.force_login(colleague)
    person_page = client.get(reverse("registry:person_detail", kwargs={"pk": ablikim.pk}))
    case_url = reverse("un:person", kwargs={"pk": ablikim.pk})
    assert case_url in person_page.content.decode()

    case_page = client.get(case_url).content.decode()
    [link] = re.findall(r'href="([^"]*/wgeid/\?format=docx)"', case_page)
    download = client.get(link)

    assert download.status_code == 200
    assert (
        download["Content-Disposition"] == f'attachment; filename="wgeid-person-{ablikim.pk}.docx"'
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
    assert "Working Group on Enforced or Involuntary Disappearances" in text


def test_saving_the_case_file_from_the_page(ablikim: Any, owner: Any, client: Any) -> None:
    client.force_login(owner)
    url = reverse("un:person", kwargs={"pk": ablikim.pk})

    response = client.post(
        url,
        {
            "forces_responsible": "State Security Police of Kashgar",
            "steps_taken": "Asked at the police station.",
            "submitter_name": "Aynur Tursun",
            "submitter_contact": "aynur@example.org",
            "submitter_confidential": "on",
        },
    )

    assert response.status_code == 302
    ablikim.un_case.refresh_from_db()
    assert ablikim.un_case.forces_responsible == "State Security Police of Kashgar"


def test_drafting_a_submission_is_a_post_from_the_page(
    ablikim: Any, owner: Any, client: Any
) -> None:
    client.force_login(owner)

    client.post(
        reverse("un:step", kwargs={"pk": ablikim.pk}), {"mechanism": "wgeid", "stage": "drafted"}
    )

    assert Submission.objects.get(person=ablikim).stage == Stage.DRAFTED
