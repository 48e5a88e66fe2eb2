"""Who sees and changes which records, asked of the one place that decides it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from guwah.registry import access, services
from guwah.registry.roles import Role

pytestmark = pytest.mark.django_db


def test_a_family_member_sees_only_the_persons_she_entered(owner, aynurs_father, murats_brother):
    assert list(access.persons_visible_to(owner)) == [aynurs_father]
    assert access.can_view_person(owner, aynurs_father)
    assert access.can_edit_person(owner, aynurs_father)
    assert not access.can_view_person(owner, murats_brother)
    assert not access.can_edit_person(owner, murats_brother)


def test_another_family_sees_nothing_of_hers(outsider, aynurs_father, murats_brother):
    assert list(access.persons_visible_to(outsider)) == [murats_brother]
    assert not access.can_view_person(outsider, aynurs_father)


@pytest.mark.parametrize("staff", ["colleague", "reviewer", "administrator"])
def test_the_organisation_sees_and_edits_every_family(
    request, staff, aynurs_father, murats_brother
):
    user = request.getfixturevalue(staff)
    assert set(access.persons_visible_to(user)) == {aynurs_father, murats_brother}
    assert access.can_edit_person(user, aynurs_father)
    assert access.is_staff_member(user)


def test_anonymous_users_see_nothing(aynurs_father):
    anonymous = AnonymousUser()
    assert not access.persons_visible_to(anonymous).exists()
    assert not access.can_view_person(anonymous, aynurs_father)
    assert not access.has_role(anonymous, *Role)


def test_an_account_without_a_role_sees_nothing(django_user_model, aynurs_father):
    bare = django_user_model.objects.create_user("bare", password="x")
    assert not access.persons_visible_to(bare).exists()
    assert not access.can_view_person(bare, aynurs_father)


def test_only_reviewers_and_administrators_may_publish(owner, colleague, reviewer, administrator):
    assert not access.can_publish(owner)
    assert not access.can_publish(colleague)
    assert access.can_publish(reviewer)
    assert access.can_publish(administrator)


def test_a_family_members_testimony_is_hers_alone(owner, outsider, colleague, aynurs_father):
    testimony = services.add_testimony(owner, [aynurs_father], witness_name="Aynur", text="...")
    assert list(access.testimonies_visible_to(owner)) == [testimony]
    assert not access.testimonies_visible_to(outsider).exists()
    assert access.can_view_testimony(colleague, testimony)
    assert not access.can_edit_testimony(outsider, testimony)


def test_a_deactivated_documenter_sees_nothing(colleague, aynurs_father):
    colleague.is_active = False
    colleague.save()
    assert not access.can_view_person(colleague, aynurs_father)
