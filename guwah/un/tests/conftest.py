"""Aynur's brother Ablikim, taken in May 2017, recorded with what the Working Groups ask.

All of it is synthetic. ``ablikim`` holds every required element and the family's consents;
tests take one element away to see it listed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from guwah.registry import services
from guwah.registry.models import Facility, Place
from guwah.un import services as un_services

TODAY = dt.date(2026, 12, 2)

FULL_CASE = {
    "forces_responsible": "Public Security Bureau of Kashgar Prefecture",
    "steps_taken": "Letter to the Kashgar Public Security Bureau, 2018-02, unanswered",
    "nationality": "Chinese",
    "submitter_name": "Aynur Tursun",
    "submitter_relationship": "sister",
    "submitter_contact": "aynur@example.org",
    "family_knows_transmission": True,
    "reprisal_risk": "Parents inside; assessed with the family, who chose to send.",
}


@pytest.fixture
def kashgar() -> Place:
    return Place.objects.create(
        code="653100",
        level=Place.Level.PREFECTURE,
        name_en="Kashgar",
        name_ug_arab="قەشقەر",
        name_zh="喀什地区",
    )


@pytest.fixture
def camp(kashgar: Place) -> Facility:
    return Facility.objects.create(
        kind=Facility.Kind.CAMP,
        name_en="Kashgar City No. 2 Camp (synthetic)",
        name_zh="喀什市第二教培中心",
        place=kashgar,
    )


def record_person(owner: Any, camp: Facility, *, date: str = "2017-05", **case: Any) -> Any:
    person = services.create_person(
        owner,
        names=[
            {"text": "Ablikim Tursun", "script": "ug-Latn"},
            {"text": "ئابلىكىم تۇرسۇن", "script": "ug-Arab", "kind": "alias"},
            {"text": "阿布力克木·吐尔逊", "script": "zh-Hans", "kind": "official_zh"},
        ],
        sex="m",
        birth_date="1984",
        occupation="Teacher",
        consent_share_un=True,
        synthetic=True,
    )
    services.add_event(owner, person, kind="camp", date=date, facility=camp)
    un_services.save_case_file(owner, person, **{**FULL_CASE, **case})
    return person


@pytest.fixture
def ablikim(owner: Any, camp: Facility) -> Any:
    return record_person(owner, camp)
