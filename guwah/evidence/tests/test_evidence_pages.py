"""The evidence panel, downloads, the package link and the log page, permission by permission."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guwah.evidence import log, store
from guwah.evidence.models import CustodyEvent
from guwah.evidence.package import verify_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(evidence_item, colleague):
    return store.ingest_upload(
        evidence_item, SimpleUploadedFile("notice.txt", b"Notice (synthetic)\n"), colleague
    )


def _person_page(client, user, person) -> str:
    client.force_login(user)
    response = client.get(reverse("registry:person_detail", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_person_page_shows_staff_the_hashes_and_custody(
    client, person, evidence_item, uploaded, colleague
) -> None:
    page = _person_page(client, colleague, person)

    assert uploaded.sha256 in page
    assert "Uploaded" in page
    # The family has not agreed to share the record outside Guwah: no package link for staff.
    assert reverse("evidence:person_package", args=[person.pk]) not in page


def test_the_family_sees_no_evidence_filed_by_the_organisation_but_may_download_a_package(
    client, person, evidence_item, uploaded, owner
) -> None:
    page = _person_page(client, owner, person)

    assert uploaded.sha256 not in page
    assert reverse("evidence:person_package", args=[person.pk]) in page


def test_viewing_and_downloading_a_restricted_item_are_custody_events(
    client, person, evidence_item, uploaded, colleague
) -> None:
    client.force_login(colleague)
    assert client.get(reverse("evidence:person_panel", args=[person.pk])).status_code == 200
    response = client.get(reverse("evidence:download", args=[evidence_item.pk, uploaded.sha256]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Notice (synthetic)\n"
    actions = list(
        CustodyEvent.objects.filter(evidence=evidence_item).values_list("action", flat=True)
    )
    assert actions == ["uploaded", "viewed", "downloaded"]


def test_an_outsider_can_neither_see_the_panel_nor_download_nor_export(
    client, person, evidence_item, uploaded, outsider
) -> None:
    client.force_login(outsider)
    assert client.get(reverse("evidence:person_panel", args=[person.pk])).status_code == 404
    download = reverse("evidence:download", args=[evidence_item.pk, uploaded.sha256])
    assert client.get(download).status_code == 404
    assert client.get(reverse("evidence:person_package", args=[person.pk])).status_code == 404
    assert not CustodyEvent.objects.exclude(action="uploaded").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, person) -> None:
    response = client.get(reverse("evidence:person_package", args=[person.pk]))
    assert response.status_code == 302


def test_the_family_downloads_a_package_that_verifies(client, person, owner, tmp_path) -> None:
    client.force_login(owner)
    response = client.get(reverse("evidence:person_package", args=[person.pk]))
    assert response.status_code == 200
    path = tmp_path / "downloaded.zip"
    path.write_bytes(b"".join(response.streaming_content))
    assert zipfile.is_zipfile(io.BytesIO(path.read_bytes()))
    public_key = log.signing_key().public_key()
    assert verify_package(path, expected_key_id=log.key_id(public_key)).ok


def test_staff_may_not_export_without_the_familys_consent(client, person, colleague) -> None:
    client.force_login(colleague)
    assert client.get(reverse("evidence:person_package", args=[person.pk])).status_code == 403


def test_the_log_page_shows_the_latest_signed_head_to_administrators_only(
    client, person, administrator, reviewer
) -> None:
    head = log.sign_tree_head()
    client.force_login(reviewer)
    assert client.get(reverse("evidence:log_status")).status_code == 403
    client.force_login(administrator)
    response = client.get(reverse("evidence:log_status"))
    assert response.status_code == 200
    assert head.root_hash in response.content.decode()
