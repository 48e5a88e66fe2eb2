"""A disappearance within the three months before submission is flagged for urgent action."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from guwah.un import services as un_services
from guwah.un.checks import is_urgent
from guwah.un.content import wgeid_form
from guwah.un.models import Mechanism

from .conftest import TODAY, record_person

pytestmark = pytest.mark.django_db


def test_a_disappearance_last_month_is_urgent(owner: Any, camp: Any) -> None:
    person = record_person(owner, camp, date="2026-11-20")

    assert is_urgent(person, TODAY)
    assert wgeid_form(person, TODAY).urgent


def test_a_disappearance_in_2017_is_not_urgent(ablikim: Any) -> None:
    assert not is_urgent(ablikim, TODAY)


def test_four_months_ago_is_outside_the_window(owner: Any, camp: Any) -> None:
    person = record_person(owner, camp, date="2026-07-30")

    assert not is_urgent(person, TODAY)
    assert is_urgent(person, dt.date(2026, 10, 1))


def test_the_drafted_submission_keeps_the_flag(owner: Any, camp: Any) -> None:
    person = record_person(owner, camp, date="2026-11")

    submission = un_services.draft_submission(owner, person, Mechanism.WGEID, TODAY)

    assert submission.urgent
