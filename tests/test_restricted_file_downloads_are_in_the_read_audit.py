"""Taking a copy of a restricted evidence file is a read of the record, in the read audit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import RecordRead

pytestmark = pytest.mark.django_db


def _person(owner: Any) -> Any:
    return services.create_person(
        owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}], synthetic=True
    )


def test_downloading_a_restricted_evidence_file_is_recorded(owner: Any, colleague: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from guwah.registry.models import Evidence

    father = _person(owner)
    item = services.add_evidence(
        colleague,
        [father],
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title="Notice (synthetic)",
        file=SimpleUploadedFile("notice.txt", b"synthetic notice", content_type="text/plain"),
    )
    client = Client()
    client.force_login(colleague)
    address = reverse("evidence:download", kwargs={"pk": item.pk, "sha256": item.sha256})
    assert client.get(address).status_code == 200
    read = RecordRead.objects.get()
    assert (read.reader, read.action, read.record_type, read.record_id, read.person_key) == (
        colleague,
        "downloaded",
        "evidence",
        str(item.pk),
        father.pk,
    )
