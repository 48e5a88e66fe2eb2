"""A volunteer sets up a family's account from the command line."""

import pytest
from django.core.management import CommandError, call_command

from guwah.registry import access
from guwah.registry.roles import Role

pytestmark = pytest.mark.django_db


def test_granting_a_role_gives_the_account_its_view(django_user_model, administrator):
    grandmother = django_user_model.objects.create_user("patigul", password="x")
    assert not access.can_use_registry(grandmother)
    call_command("grant_role", "patigul", "family member", "--as", administrator.username)
    grandmother = django_user_model.objects.get(pk=grandmother.pk)
    assert access.has_role(grandmother, Role.FAMILY)
    assert not access.is_staff_member(grandmother)


def test_only_replaces_the_other_roles(colleague, django_user_model, administrator):
    call_command(
        "grant_role", colleague.username, "reviewer", "--only", "--as", administrator.username
    )
    colleague = django_user_model.objects.get(pk=colleague.pk)
    assert set(colleague.groups.values_list("name", flat=True)) == {"reviewer"}


def test_an_unknown_account_is_refused(administrator):
    with pytest.raises(CommandError, match="nobody"):
        call_command("grant_role", "nobody", "documenter", "--as", administrator.username)
