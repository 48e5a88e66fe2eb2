"""A reviewer in a case's team lets another documenter in from the case's access page; a
reviewer outside it cannot even find the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from guwah.registry import access, services
from guwah.registry.models import CaseAccess
from guwah.registry.roles import Role
from guwah.registry.services import compartments

pytestmark = pytest.mark.django_db


def _staff(django_user_model: Any, name: str, role: Role) -> Any:
    user = django_user_model.objects.create_user(name)
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


def test_a_reviewer_in_the_team_lets_a_documenter_in_and_out(
    owner: Any, colleague: Any, reviewer: Any, administrator: Any, django_user_model: Any
) -> None:
    other = _staff(django_user_model, "yusup", Role.DOCUMENTER)
    father = services.create_person(
        owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}], synthetic=True
    )
    team = compartments.create_team(administrator, "Kashgar cases", [colleague, reviewer])
    compartments.create_team(administrator, "Hotan cases", [other])
    compartments.assign_case(reviewer, father, team)
    assert not access.can_view_person(other, father)

    client = Client()
    client.force_login(reviewer)
    page = reverse("registry:case_access", kwargs={"pk": father.pk})
    assert client.get(page).status_code == 200
    client.post(page, {"action": "grant", "user": other.pk, "reason": "Interviews the witness"})
    grant = CaseAccess.objects.get(person=father, user=other)
    assert grant.granted_by == reviewer
    assert access.can_view_person(django_user_model.objects.get(pk=other.pk), father)

    client.post(page, {"action": "revoke", "grant": grant.pk})
    assert not access.can_view_person(django_user_model.objects.get(pk=other.pk), father)


def test_a_grant_without_a_reason_is_refused_and_changes_nothing(
    owner: Any, reviewer: Any, colleague: Any
) -> None:
    father = services.create_person(
        owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}], synthetic=True
    )
    client = Client()
    client.force_login(reviewer)
    page = reverse("registry:case_access", kwargs={"pk": father.pk})
    response = client.post(
        page, {"action": "grant", "user": colleague.pk, "reason": "  "}, follow=True
    )
    assert "Say why this person needs the case." in response.content.decode()
    assert not CaseAccess.objects.exists()


def test_a_reviewer_outside_the_team_cannot_find_the_case_access_page(
    owner: Any, colleague: Any, reviewer: Any, administrator: Any
) -> None:
    father = services.create_person(
        owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}], synthetic=True
    )
    team = compartments.create_team(administrator, "Kashgar cases", [colleague])
    compartments.create_team(administrator, "Review", [reviewer])
    # Assigned while the intake was still open to the administrator's view.
    compartments.assign_case(administrator, father, team)
    client = Client()
    client.force_login(reviewer)
    page = reverse("registry:case_access", kwargs={"pk": father.pk})
    assert client.get(page).status_code == 404
    client.post(page, {"action": "grant", "user": reviewer.pk, "reason": "Let myself in"})
    assert not CaseAccess.objects.exists()
