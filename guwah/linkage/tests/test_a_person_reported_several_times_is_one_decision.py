"""Pairs that join one person's several records form a cluster, merged with one decision."""

from __future__ import annotations

import pytest
from django.urls import reverse

from guwah.linkage import services
from guwah.linkage.models import CandidatePair, Merge
from guwah.linkage.services.errors import LinkageError
from guwah.linkage.tests.conftest import person
from guwah.registry.models import Person


@pytest.fixture
def reported_three_times(colleague, places) -> list[Person]:
    return [
        person(colleague, [(text, script)], sex="m", birth_date="1968", hometown=places["kona"])
        for text, script in (
            ("مەمەت تۇرسۇن", "ug-Arab"),
            ("Maimaiti Tuerxun", "zh-Latn-pinyin"),
            ("买买提·吐尔逊", "zh-Hans"),
        )
    ]


def test_three_records_of_one_person_are_one_cluster(colleague, reported_three_times) -> None:
    services.run_dedupe()
    pair = CandidatePair.objects.order_by("-match_probability").first()
    persons, pairs = services.cluster_of(colleague, pair)
    assert [p.pk for p in persons] == sorted(p.pk for p in reported_three_times)
    assert len(pairs) == 3
    assert set(services.cluster_sizes(colleague).values()) == {3}


def test_one_decision_merges_the_cluster_and_each_merge_can_be_undone(
    colleague, reported_three_times
) -> None:
    services.run_dedupe()
    pair = CandidatePair.objects.first()
    merges = services.merge_cluster(colleague, pair, "One man, three spellings.")
    assert len(merges) == 2
    assert Person.objects.filter(pk__in=[p.pk for p in reported_three_times]).count() == 1
    services.undo_merge(colleague, Merge.objects.get(pk=merges[-1].pk))
    assert Person.objects.filter(pk__in=[p.pk for p in reported_three_times]).count() == 2


def test_a_cluster_decision_needs_a_reason_and_changes_nothing_without_one(
    colleague, reported_three_times
) -> None:
    services.run_dedupe()
    with pytest.raises(LinkageError):
        services.merge_cluster(colleague, CandidatePair.objects.first(), "")
    assert Person.objects.filter(pk__in=[p.pk for p in reported_three_times]).count() == 3


def test_the_queue_links_to_the_cluster_page_which_merges_on_post_only(
    client, colleague, password, reported_three_times
) -> None:
    services.run_dedupe()
    pair = CandidatePair.objects.first()
    client.login(username=colleague.username, password=password)
    queue = client.get(reverse("linkage:queue")).content.decode()
    assert reverse("linkage:cluster", args=[pair.pk]) in queue
    page = client.get(reverse("linkage:cluster", args=[pair.pk]))
    assert page.status_code == 200 and "买买提·吐尔逊" in page.content.decode()
    assert Person.objects.filter(pk__in=[p.pk for p in reported_three_times]).count() == 3
    response = client.post(
        reverse("linkage:cluster", args=[pair.pk]), {"reason": "Same man in three scripts."}
    )
    assert response.status_code == 302
    assert Person.objects.filter(pk__in=[p.pk for p in reported_three_times]).count() == 1
