"""Every facet, the list and the name search are taken from the kept summaries while they are
complete, and from the registry the slow way while they are not: the two ways give the same
answers, for every facet under every filter, and a withdrawal of consent takes a person out of
both in the same request cycle."""

from __future__ import annotations

from typing import Any

import pytest

from guwah.public import reading, summaries
from guwah.public.models import PublicSummary, PublicSummaryValue
from guwah.public.reading.statistics import forget_statistics
from guwah.registry import services
from guwah.registry.models import Facility

pytestmark = pytest.mark.django_db


@pytest.fixture
def everyone(
    memtimin: Any, gulbahar: Any, partial: Any, anonymous: Any, owner: Any, colleague: Any
) -> dict:
    prison = Facility.objects.create(
        kind=Facility.Kind.PRISON, name_en="Synthetic Prison No. 3", synthetic=True
    )
    services.add_event(owner, memtimin, kind="sentence", date="2018-01", sentence_months=120)
    services.add_event(owner, memtimin, kind="prison", date="2018-02", facility=prison)
    services.add_event(owner, anonymous, kind="prison", date="2019", facility=prison)
    services.add_event(colleague, gulbahar, kind="sentence", date="2019", sentence_months=30)
    return {"memtimin": memtimin, "gulbahar": gulbahar, "partial": partial, "prison": prison}


def _searches(everyone: dict) -> list[reading.Criteria]:
    prefecture = int(next(f.value for f in reading.facet("prefecture") if f.label == "Kashgar"))
    return [
        reading.Criteria(),
        reading.Criteria(query="Memtimin Hoshur"),
        reading.Criteria(query="Gulbahar"),
        reading.Criteria(prefecture=prefecture),
        reading.Criteria(status="detained"),
        reading.Criteria(sex="f"),
        reading.Criteria(year=2017),
        reading.Criteria(age="40"),
        reading.Criteria(facility=everyone["prison"].pk),
        reading.Criteria(sentence="10-19"),
        reading.Criteria(grade="B"),
        reading.Criteria(verification="reported", sex="m", year=2018),
    ]


def _answers(searches: list[reading.Criteria]) -> list[Any]:
    forget_statistics()
    found: list[Any] = []
    for criteria in searches:
        found.append([p.entry for p in reading.public_persons(criteria).persons])
        found.extend(reading.facet(name, criteria) for name in reading.FACETS)
    found.append(reading.public_statistics())
    return found


def test_the_summaries_and_the_registry_give_the_same_answers(everyone: dict) -> None:
    searches = _searches(everyone)
    assert summaries.complete()
    kept = _answers(searches)
    assert PublicSummaryValue.objects.filter(facet="facility").count() == 2
    PublicSummary.objects.all().delete()  # as after a bulk load that skipped the refresh
    assert not summaries.complete()
    assert _answers(searches) == kept
    # And not merely both empty: the searches found people and the facets counted them.
    assert kept[0] and kept[1 + len(reading.FACETS)] == [everyone["memtimin"].pk]


def test_withdrawn_consent_leaves_the_search_and_its_facets_at_once(
    everyone: dict, owner: Any
) -> None:
    assert everyone["memtimin"].pk in [
        p.entry for p in reading.public_persons(query="Memtimin").persons
    ]
    services.set_consent(owner, everyone["memtimin"], publish=False)
    assert summaries.complete()
    assert reading.public_persons(query="Memtimin").persons == []
    assert reading.facet("status", reading.Criteria(query="Memtimin")) == []
    assert not PublicSummary.objects.filter(person_id=everyone["memtimin"].pk).exists()
