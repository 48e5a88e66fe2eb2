"""A restricted case is read by its team, the documenters let into it and whoever entered it;
other staff, administrators included, are told it does not exist."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import reverse

from guwah.registry import access, services
from guwah.registry.models import Evidence, Visibility
from guwah.registry.roles import Role
from guwah.registry.services import compartments

pytestmark = pytest.mark.django_db


@pytest.fixture
def documenter_elsewhere(django_user_model: Any) -> Any:
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("yusup")
    user.groups.add(Group.objects.get_or_create(name=Role.DOCUMENTER.value)[0])
    return user


@pytest.fixture
def case(owner: Any, colleague: Any, administrator: Any, documenter_elsewhere: Any) -> Any:
    """Aynur's father, assigned to Dilnur's team; Yusup is in another team."""
    father = services.create_person(
        owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}], synthetic=True
    )
    testimony = services.add_testimony(owner, [father], witness_name="Aynur", text="Taken.")
    item = services.add_evidence(
        colleague,
        [father],
        kind=Evidence.Kind.OTHER,
        title="Notice (synthetic)",
        reference="https://example.org/notice",
    )
    kashgar = compartments.create_team(administrator, "Kashgar cases", [colleague])
    compartments.create_team(administrator, "Hotan cases", [documenter_elsewhere])
    compartments.assign_case(administrator, father, kashgar)
    return {"person": father, "testimony": testimony, "evidence": item, "team": kashgar}


def _pages(case: dict[str, Any]) -> list[str]:
    return [
        reverse("registry:person_detail", kwargs={"pk": case["person"].pk}),
        reverse("registry:testimony_detail", kwargs={"pk": case["testimony"].pk}),
        reverse("registry:evidence_detail", kwargs={"pk": case["evidence"].pk}),
    ]


def _answers(user: Any, case: dict[str, Any]) -> list[int]:
    client = Client()
    client.force_login(user)
    return [client.get(page).status_code for page in _pages(case)]


def test_a_documenter_outside_the_team_is_told_a_restricted_case_does_not_exist(
    case: dict[str, Any], documenter_elsewhere: Any
) -> None:
    assert _answers(documenter_elsewhere, case) == [404, 404, 404]
    assert not access.persons_visible_to(documenter_elsewhere).filter(pk=case["person"].pk)


def test_the_team_reads_its_restricted_case(case: dict[str, Any], colleague: Any) -> None:
    assert _answers(colleague, case) == [200, 200, 200]


def test_the_family_keeps_seeing_what_it_submitted(case: dict[str, Any], owner: Any) -> None:
    assert _answers(owner, case)[:2] == [200, 200]


def test_an_administrator_outside_the_team_does_not_read_the_restricted_case(
    case: dict[str, Any], administrator: Any
) -> None:
    assert _answers(administrator, case) == [404, 404, 404]


def test_internal_records_are_read_by_all_staff_as_before(
    case: dict[str, Any], owner: Any, documenter_elsewhere: Any
) -> None:
    services.set_visibility(owner, case["person"], Visibility.INTERNAL)
    services.set_visibility(owner, case["testimony"], Visibility.INTERNAL)
    assert _answers(documenter_elsewhere, case)[:2] == [200, 200]


def test_a_documenter_let_into_the_case_by_the_teams_reviewer_reads_it(
    case: dict[str, Any],
    colleague: Any,
    reviewer: Any,
    administrator: Any,
    documenter_elsewhere: Any,
) -> None:
    compartments.set_team_members(administrator, case["team"], [colleague, reviewer])
    with pytest.raises(PermissionDenied):
        compartments.grant_case_access(
            colleague, case["person"], documenter_elsewhere, "A documenter does not decide"
        )
    compartments.grant_case_access(
        reviewer, case["person"], documenter_elsewhere, "Interviews the witness"
    )
    assert _answers(documenter_elsewhere, case) == [200, 200, 200]


def test_a_case_without_a_team_falls_to_its_creators_teams(
    colleague: Any, administrator: Any, documenter_elsewhere: Any
) -> None:
    compartments.create_team(administrator, "Kashgar cases", [colleague])
    own = services.create_person(
        colleague, names=[{"text": "Memet Eli", "script": "ug-Latn"}], synthetic=True
    )
    assert access.can_view_person(colleague, own)
    assert not access.can_view_person(documenter_elsewhere, own)
    assert not access.can_view_person(administrator, own)


@override_settings(GUWAH_INTAKE_OPEN_TO_STAFF=False)
def test_with_intake_closed_a_familys_unassigned_submission_waits_for_a_reviewer(
    owner: Any, colleague: Any, reviewer: Any
) -> None:
    submitted = services.create_person(
        owner, names=[{"text": "Gulnar Tursun", "script": "ug-Latn"}], synthetic=True
    )
    assert not access.can_view_person(colleague, submitted)
    assert access.can_view_person(reviewer, submitted)
    assert access.can_view_person(owner, submitted)


def test_only_staff_join_a_team(administrator: Any, owner: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        compartments.create_team(administrator, "Mixed", [owner])
    assert not compartments.Team.objects.filter(name="Mixed").exists()
