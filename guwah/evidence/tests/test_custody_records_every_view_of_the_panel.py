"""Showing a restricted evidence item is viewing it: the person page records the step in its
chain of custody as the panel's own address does, and only for restricted items."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guwah.evidence import store
from guwah.evidence.models import CustodyEvent
from guwah.registry import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(evidence_item, colleague):
    return store.ingest_upload(
        evidence_item, SimpleUploadedFile("notice.txt", b"Notice (synthetic)\n"), colleague
    )


def _views(item) -> list[tuple[str, int | None]]:
    return list(
        CustodyEvent.objects.filter(evidence=item, action=CustodyEvent.Action.VIEWED).values_list(
            "action", "actor_id"
        )
    )


def test_the_person_page_records_who_viewed_a_restricted_item(
    client, person, evidence_item, uploaded, colleague
) -> None:
    client.force_login(colleague)

    response = client.get(reverse("registry:person_detail", args=[person.pk]))

    assert response.status_code == 200
    assert _views(evidence_item) == [("viewed", colleague.pk)]


def test_the_panel_on_its_own_address_records_the_view_the_same_way(
    client, person, evidence_item, uploaded, colleague
) -> None:
    client.force_login(colleague)

    response = client.get(reverse("evidence:person_panel", args=[person.pk]))

    assert response.status_code == 200
    assert _views(evidence_item) == [("viewed", colleague.pk)]


def test_a_family_member_who_may_not_see_the_item_leaves_no_view(
    client, person, evidence_item, uploaded, owner
) -> None:
    client.force_login(owner)

    client.get(reverse("registry:person_detail", args=[person.pk]))

    assert _views(evidence_item) == []


def test_an_internal_item_shown_on_the_page_is_not_a_custody_step(
    client, person, evidence_item, uploaded, colleague
) -> None:
    services.update_evidence(colleague, evidence_item, visibility="internal")
    client.force_login(colleague)

    client.get(reverse("registry:person_detail", args=[person.pk]))

    assert _views(evidence_item) == []
