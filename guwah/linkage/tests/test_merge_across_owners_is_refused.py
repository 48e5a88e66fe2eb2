"""A proposed match between a family's record and a documenter's is explained, not merged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from guwah.linkage import services
from guwah.linkage.models import CandidatePair, Decision, Merge
from guwah.linkage.tests.conftest import all_registry_rows, person
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair_across_owners(owner, colleague) -> CandidatePair:
    """Aynur's father as she entered him, and as a documenter entered him from a source."""
    by_family = person(owner, [("ئەخمەت تۇرسۇن", "ug-Arab")], sex="m")
    by_documenter = person(
        colleague, [("Aihemaiti Tuerxun", "zh-Latn-pinyin")], sex="m", notes="Protected source."
    )
    return CandidatePair.objects.create(
        person=by_family,
        other_person=by_documenter,
        left_ref=f"person:{by_family.pk}",
        right_ref=f"person:{by_documenter.pk}",
        match_probability=0.98,
        match_weight=9.0,
    )


def test_accepting_it_is_refused_with_the_reason_and_nothing_changes(
    reviewer, pair_across_owners
) -> None:
    before = all_registry_rows()

    with pytest.raises(services.LinkageError, match="different accounts"):
        services.accept_pair(reviewer, pair_across_owners, "Same name and birth year.")

    assert all_registry_rows() == before
    pair_across_owners.refresh_from_db()
    assert pair_across_owners.status == CandidatePair.Status.PENDING
    assert not Merge.objects.exists() and not Decision.objects.exists()


def test_the_review_page_shows_why(client, reviewer, password, pair_across_owners) -> None:
    client.login(username=reviewer.username, password=password)

    response = client.post(
        reverse("linkage:pair_detail", args=[pair_across_owners.pk]),
        {"decision": "accept", "reason": "Same name and birth year."},
    )

    assert response.status_code == 200
    assert "different accounts" in response.content.decode()
    assert Person.objects.filter(pk=pair_across_owners.other_person_id).exists()


def test_the_pair_can_still_be_recorded_as_two_people(reviewer, pair_across_owners) -> None:
    services.reject_pair(reviewer, pair_across_owners, "Different fathers, per the family.")
    assert Decision.objects.get().outcome == Decision.Outcome.DISTINCT
