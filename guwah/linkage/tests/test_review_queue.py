"""Only the organisation's documenters and reviewers see and decide proposed matches."""

from __future__ import annotations

import pytest
from django.urls import reverse

from guwah.linkage import services
from guwah.linkage.models import CandidatePair, Decision, Merge
from guwah.registry.models import Person


@pytest.fixture
def proposed(reported_twice) -> CandidatePair:
    services.run_dedupe()
    memet = {reported_twice["memet_arabic"].pk, reported_twice["memet_pinyin"].pk}
    return next(
        pair
        for pair in CandidatePair.objects.all()
        if {pair.person_id, pair.other_person_id} == memet
    )


@pytest.mark.parametrize("user", ["owner", "outsider"])
def test_family_members_are_refused_the_queue_and_the_pairs(
    client, password, proposed, user, request
) -> None:
    account = request.getfixturevalue(user)
    client.login(username=account.username, password=password)
    assert client.get(reverse("linkage:queue")).status_code == 403
    assert client.get(reverse("linkage:pair_detail", args=[proposed.pk])).status_code == 403
    response = client.post(
        reverse("linkage:pair_detail", args=[proposed.pk]),
        {"decision": "accept", "reason": "My uncle."},
    )
    assert response.status_code == 403
    assert Person.objects.filter(pk=proposed.other_person_id).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, proposed) -> None:
    response = client.get(reverse("linkage:queue"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_documenter_sees_the_pair_side_by_side_with_the_evidence(
    client, colleague, password, proposed
) -> None:
    client.login(username=colleague.username, password=password)
    queue = client.get(reverse("linkage:queue"), {"minimum": "0.5"})
    assert queue.status_code == 200
    assert reverse("linkage:pair_detail", args=[proposed.pk]) in queue.content.decode()
    page = client.get(reverse("linkage:pair_detail", args=[proposed.pk])).content.decode()
    assert "مەمەت تۇرسۇن" in page and "Maimaiti Tuerxun" in page
    assert 'class="bar for"' in page
    assert "Given name" in page and "Birth year" in page


def test_the_probability_filter_hides_weaker_pairs(client, colleague, password, proposed) -> None:
    client.login(username=colleague.username, password=password)
    above = client.get(
        reverse("linkage:queue"),
        {"minimum": f"{proposed.match_probability + 1e-9:.12f}", "maximum": "1"},
    )
    assert reverse("linkage:pair_detail", args=[proposed.pk]) not in above.content.decode()


def test_a_reviewer_merges_and_undoes_from_the_queue(client, reviewer, password, proposed) -> None:
    client.login(username=reviewer.username, password=password)
    response = client.post(
        reverse("linkage:pair_detail", args=[proposed.pk]),
        {"decision": "accept", "reason": "Same birth year and county; pinyin of the same name."},
    )
    assert response.status_code == 302
    merged_away = proposed.other_person_id
    assert not Person.objects.filter(pk=merged_away).exists()
    merge = Merge.objects.get()
    assert merge.actor == reviewer
    assert client.get(reverse("linkage:merge_list")).status_code == 200
    client.post(reverse("linkage:undo", args=[merge.pk]), {"confirm": "on"})
    assert Person.objects.filter(pk=merged_away).exists()


def test_a_rejected_pair_is_never_proposed_again(client, colleague, password, proposed) -> None:
    client.login(username=colleague.username, password=password)
    client.post(
        reverse("linkage:pair_detail", args=[proposed.pk]),
        {"decision": "reject", "reason": "Different mothers, per the family."},
    )
    assert Decision.objects.get().outcome == Decision.Outcome.DISTINCT
    run = services.run_dedupe()
    assert run.already_decided >= 1
    assert (
        CandidatePair.objects.filter(
            left_ref=proposed.left_ref, right_ref=proposed.right_ref
        ).count()
        == 1
    )
    proposed.refresh_from_db()
    assert proposed.status == CandidatePair.Status.REJECTED


def test_a_decision_needs_a_reason(client, colleague, password, proposed) -> None:
    client.login(username=colleague.username, password=password)
    response = client.post(
        reverse("linkage:pair_detail", args=[proposed.pk]), {"decision": "accept", "reason": ""}
    )
    assert response.status_code == 200
    proposed.refresh_from_db()
    assert proposed.status == CandidatePair.Status.PENDING
