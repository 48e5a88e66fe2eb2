"""A reviewer who sees two relatives marks them so: a family tie, and never proposed again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from guwah.linkage import services
from guwah.linkage.models import CandidatePair, Decision
from guwah.linkage.services.errors import LinkageError
from guwah.registry.models import FamilyTie, Person


@pytest.fixture
def proposed(reported_twice) -> CandidatePair:
    services.run_dedupe()
    memet = {reported_twice["memet_arabic"].pk, reported_twice["memet_pinyin"].pk}
    return next(
        pair
        for pair in CandidatePair.objects.all()
        if {pair.person_id, pair.other_person_id} == memet
    )


def test_marking_related_records_the_tie_on_both_records(colleague, proposed) -> None:
    services.mark_related(colleague, proposed, FamilyTie.Relation.SIBLING, "Twin brothers.")
    proposed.refresh_from_db()
    assert proposed.status == CandidatePair.Status.RELATED
    tie = FamilyTie.objects.get(person_id=proposed.person_id, relative_id=proposed.other_person_id)
    assert tie.relation == FamilyTie.Relation.SIBLING and "Twin brothers." in tie.note
    assert FamilyTie.objects.filter(
        person_id=proposed.other_person_id, relative_id=proposed.person_id
    ).exists()
    assert Decision.objects.get(left_ref=proposed.left_ref).outcome == Decision.Outcome.RELATED
    # Both records stay: nothing is merged.
    assert Person.objects.filter(pk__in=[proposed.person_id, proposed.other_person_id]).count() == 2


def test_a_pair_marked_related_is_never_proposed_again(colleague, proposed) -> None:
    services.mark_related(colleague, proposed, FamilyTie.Relation.SIBLING, "Brothers.")
    run = services.run_dedupe()
    assert run.proposed == 0
    assert CandidatePair.objects.filter(status=CandidatePair.Status.PENDING).count() == 0


@pytest.mark.parametrize(("relation", "reason"), [("cousin", "Cousins."), ("sibling", "  ")])
def test_a_bad_relation_or_no_reason_is_refused_and_changes_nothing(
    colleague, proposed, relation, reason
) -> None:
    with pytest.raises(LinkageError):
        services.mark_related(colleague, proposed, relation, reason)
    proposed.refresh_from_db()
    assert proposed.status == CandidatePair.Status.PENDING
    assert not FamilyTie.objects.filter(person_id=proposed.person_id).exists()


def test_the_review_page_offers_related_and_shows_known_relatives(
    client, colleague, password, proposed, reported_twice
) -> None:
    client.login(username=colleague.username, password=password)
    url = reverse("linkage:pair_detail", args=[proposed.pk])
    page = client.get(url).content.decode()
    assert "Related, not the same" in page and "Known relatives" in page
    response = client.post(
        url, {"decision": "related", "relation": "sibling", "reason": "Brothers, same father."}
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == CandidatePair.Status.RELATED
    other = client.get(reverse("linkage:pair_detail", args=[proposed.pk])).content.decode()
    assert "Sibling" in other
