"""The statistics count kept summaries of the published persons (status, prefecture, step on
the ladder, first detention and first event years) instead of deriving them per person on
every cold page. The summaries follow every change made through the services at once; after a
bulk load that skipped them the figures are still right (counted the slow way) until
``guwah memorial refresh`` rewrites them; and the two ways give the same figures."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.core.management import call_command

from guwah.public import summaries
from guwah.public.models import PublicSummary
from guwah.public.reading import statistics
from guwah.registry import services

pytestmark = pytest.mark.django_db


def _figures() -> Any:
    statistics.forget_statistics()
    found = statistics.public_statistics()
    return dataclasses.asdict(found)


def test_a_published_persons_summary_follows_her_events(
    memtimin: Any, gulbahar: Any, owner: Any
) -> None:
    kept = PublicSummary.objects.get(person_id=gulbahar.pk)
    assert (kept.status, kept.detention_from, kept.detention_to) == ("released", 2018, 2018)
    assert summaries.complete()
    services.add_event(owner, memtimin, kind="prison", date="2019")
    assert PublicSummary.objects.get(person_id=memtimin.pk).status == "sentenced"


def test_withdrawn_consent_leaves_the_counts_in_the_same_request_cycle(
    memtimin: Any, gulbahar: Any, owner: Any
) -> None:
    assert _figures()["total"] == 2
    services.set_consent(owner, memtimin, publish=False)
    assert _figures()["total"] == 1
    assert [facet["count"] for facet in _figures()["by_status"]] == [1]


def test_after_a_bulk_load_the_figures_stay_right_until_the_refresh_keeps_them(
    memtimin: Any, gulbahar: Any, partial: Any, anonymous: Any, unpublished: Any
) -> None:
    kept = _figures()
    # A bulk writer that skipped the summaries: the slow way counts the same.
    PublicSummary.objects.all().delete()
    assert not summaries.complete()
    assert _figures() == kept
    call_command("memorial", "refresh")
    assert summaries.complete()
    assert PublicSummary.objects.count() == 4
    assert _figures() == kept


def test_a_stale_summary_never_counts_an_unpublished_person(
    memtimin: Any, gulbahar: Any, unpublished: Any
) -> None:
    # Summaries left behind for records that are not published count for nothing.
    PublicSummary.objects.bulk_create(
        PublicSummary(person_id=person.pk, status="detained", verification="reported")
        for person in unpublished
    )
    assert _figures()["total"] == 2


def test_a_deleted_person_leaves_no_summary_behind(
    memtimin: Any, gulbahar: Any, administrator: Any
) -> None:
    services.delete_person(administrator, gulbahar)
    assert not PublicSummary.objects.filter(person_id=gulbahar.pk).exists()
    assert _figures()["total"] == 1
