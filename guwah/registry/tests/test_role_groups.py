"""The four roles exist as groups after migrating, each with its model permissions."""

import pytest
from django.contrib.auth.models import Group

from guwah.registry.roles import Role

pytestmark = pytest.mark.django_db


def codenames(role: Role) -> set[str]:
    return set(Group.objects.get(name=role.value).permissions.values_list("codename", flat=True))


def test_a_family_member_may_add_persons_and_testimony_but_not_evidence():
    family = codenames(Role.FAMILY)
    assert {"add_person", "change_name", "add_familytie", "add_event", "add_testimony"} <= family
    assert "add_evidence" not in family
    assert "delete_person" not in family


def test_a_documenter_may_change_all_registry_records_but_not_publish():
    documenter = codenames(Role.DOCUMENTER)
    assert {"add_evidence", "change_facility", "change_place"} <= documenter
    assert "publish_person" not in documenter


def test_a_reviewer_may_publish_and_read_history():
    reviewer = codenames(Role.REVIEWER)
    assert {"publish_person", "view_historicalperson"} <= reviewer


def test_nobody_may_rewrite_history_not_even_an_administrator():
    administrator = codenames(Role.ADMINISTRATOR)
    assert "delete_person" in administrator
    assert not {code for code in administrator if code.startswith(("change_hist", "delete_hist"))}
