"""Administrators make teams and choose their members on the teams page; a name missing or
taken is refused with a clear message and nothing is saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.registry.models import Team

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_makes_a_team_and_changes_its_members(
    administrator: Any, colleague: Any, reviewer: Any, owner: Any
) -> None:
    client = _client(administrator)
    page = client.get(reverse("registry:team_list")).content.decode()
    assert "dilnur" in page and "aynur" not in page  # only staff can be chosen
    client.post(reverse("registry:team_list"), {"name": "Kashgar cases", "members": [colleague.pk]})
    team = Team.objects.get(name="Kashgar cases")
    assert list(team.members.all()) == [colleague]
    client.post(
        reverse("registry:team_list"),
        {"team": team.pk, "members": [colleague.pk, reviewer.pk, owner.pk]},
    )
    assert set(team.members.all()) == {colleague, reviewer}


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "A team needs a name."), ("Kashgar cases", "exists already")],
)
def test_a_missing_or_taken_name_is_refused_and_nothing_is_saved(
    administrator: Any, colleague: Any, name: str, message: str
) -> None:
    client = _client(administrator)
    client.post(reverse("registry:team_list"), {"name": "Kashgar cases"})
    response = client.post(
        reverse("registry:team_list"), {"name": name, "members": [colleague.pk]}, follow=True
    )
    assert message in response.content.decode()
    assert Team.objects.count() == 1
    assert not Team.objects.get().members.exists()


def test_a_reviewer_may_not_keep_the_teams(reviewer: Any) -> None:
    client = _client(reviewer)
    assert client.post(reverse("registry:team_list"), {"name": "Mine"}).status_code == 403
    assert not Team.objects.exists()
