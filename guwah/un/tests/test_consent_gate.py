"""No submission leaves without the family's consent to share with UN mechanisms, and the
refusal says why."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from guwah.registry import services
from guwah.un import services as un_services
from guwah.un.documents import DOCX, SubmissionRefused, submission_document
from guwah.un.models import Mechanism

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def without_consent(ablikim: Any, owner: Any) -> Any:
    services.set_consent(owner, ablikim, share_un=False)
    ablikim.refresh_from_db()
    return ablikim


def test_a_record_without_un_consent_is_refused_saying_why(
    without_consent: Any, owner: Any
) -> None:
    with pytest.raises(SubmissionRefused, match="has not agreed to share this record with UN"):
        submission_document(owner, without_consent, Mechanism.WGEID, DOCX, TODAY)


def test_the_web_refusal_names_the_missing_consent(
    without_consent: Any, colleague: Any, client: Any
) -> None:
    client.force_login(colleague)

    response = client.get(reverse("un:wgeid", kwargs={"pk": without_consent.pk}))

    assert response.status_code == 403
    assert "has not agreed to share this record with UN" in response.content.decode()


def test_the_command_refuses_too(without_consent: Any, owner: Any, tmp_path: Any) -> None:
    out = tmp_path / "case.docx"
    with pytest.raises(CommandError, match="UN mechanisms"):
        call_command("un", "wgeid", "--person", without_consent.pk, "--as", "aynur", str(out))
    assert not out.exists()


def test_with_consent_the_document_is_produced(ablikim: Any, owner: Any) -> None:
    assert submission_document(owner, ablikim, Mechanism.WGEID, DOCX, TODAY)


def test_the_wgad_needs_consent_to_name_the_person_in_public(ablikim: Any, owner: Any) -> None:
    with pytest.raises(SubmissionRefused, match="publishes its opinions"):
        submission_document(owner, ablikim, Mechanism.WGAD, DOCX, TODAY)

    un_services.save_case_file(owner, ablikim, consent_public_naming=True)
    assert submission_document(owner, ablikim, Mechanism.WGAD, DOCX, TODAY)


def test_another_family_cannot_produce_the_document(ablikim: Any, outsider: Any) -> None:
    with pytest.raises(SubmissionRefused):
        submission_document(outsider, ablikim, Mechanism.WGEID, DOCX, TODAY)
