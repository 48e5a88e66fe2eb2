"""Staff take restricted data out (an evidence package, the records export) only with a second
person's approval, which serves one download; a family takes out its own submissions freely."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import ExportRequest

pytestmark = pytest.mark.django_db

REASON = "The Working Group asked for the case file."


@pytest.fixture
def father(owner: Any) -> Any:
    return services.create_person(
        owner,
        names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}],
        synthetic=True,
        consent_share_un=True,
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _approve(asker: Any, approver: Any, kind: str, target: str, address: str) -> None:
    page = _client(asker).post(
        reverse("registry:export_request"),
        {"kind": kind, "target": target, "reason": REASON, "address": address},
    )
    assert page.status_code == 302
    asked = ExportRequest.objects.get(requested_by=asker, kind=kind, target=target)
    _client(approver).post(
        reverse("registry:export_decide", kwargs={"pk": asked.pk}), {"decision": "approve"}
    )
    assert ExportRequest.objects.get(pk=asked.pk).status == ExportRequest.Status.APPROVED


def test_a_package_of_a_restricted_case_needs_an_approval_and_serves_one_download(
    father: Any, colleague: Any, reviewer: Any
) -> None:
    client = _client(colleague)
    address = reverse("evidence:person_package", kwargs={"pk": father.pk})
    refused = client.get(address)
    assert refused.status_code == 403
    assert "This export needs an approval" in refused.content.decode()

    _approve(colleague, reviewer, "package", str(father.pk), address)
    assert address in _client(colleague).get(reverse("registry:export_list")).content.decode()
    downloaded = client.get(address)
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content)[:2] == b"PK"
    assert client.get(address).status_code == 403


def test_the_requester_cannot_approve_their_own_export(father: Any, reviewer: Any) -> None:
    client = _client(reviewer)
    client.post(
        reverse("registry:export_request"),
        {"kind": "package", "target": str(father.pk), "reason": REASON},
    )
    asked = ExportRequest.objects.get()
    client.post(reverse("registry:export_decide", kwargs={"pk": asked.pk}), {"decision": "approve"})
    assert ExportRequest.objects.get().status == ExportRequest.Status.REQUESTED
    address = reverse("evidence:person_package", kwargs={"pk": father.pk})
    assert client.get(address).status_code == 403


def test_the_records_export_with_restricted_records_needs_an_approval(
    father: Any, colleague: Any, administrator: Any
) -> None:
    client = _client(colleague)
    address = reverse("imports:export") + "?format=json"
    assert client.get(address).status_code == 403
    _approve(colleague, administrator, "records", "json", address)
    assert client.get(address).status_code == 200
    assert client.get(address).status_code == 403


def test_a_family_takes_out_its_own_submissions_without_an_approval(
    father: Any, owner: Any
) -> None:
    client = _client(owner)
    assert (
        client.get(reverse("evidence:person_package", kwargs={"pk": father.pk})).status_code == 200
    )
    assert client.get(reverse("imports:export") + "?format=json").status_code == 200
    assert not ExportRequest.objects.exists()
