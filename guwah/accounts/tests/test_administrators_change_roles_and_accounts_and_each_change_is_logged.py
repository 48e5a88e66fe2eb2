"""Administrators grant and take back roles, close accounts and reset a lost second factor in
the web interface; each change is in the log with its actor."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from guwah.accounts.models import AccountChange
from guwah.accounts.tests.conftest import enrol_authenticator_app
from guwah.evidence import log
from guwah.evidence.models import LogEntry
from guwah.registry import access
from guwah.registry.roles import Role

pytestmark = pytest.mark.django_db


def latest_entry(record: Any) -> LogEntry:
    return LogEntry.objects.filter(
        record_type=record._meta.label_lower, record_id=str(record.pk)
    ).latest("index")


def act(client: Client, account: Any, **fields: str) -> Any:
    return client.post(reverse("accounts:account", kwargs={"pk": account.pk}), fields)


def test_the_account_list_shows_roles_and_second_factors(
    client: Client, administrator: Any, colleague: Any, owner: Any
) -> None:
    enrol_authenticator_app(colleague)
    client.force_login(administrator)
    page = client.get(reverse("accounts:list")).content.decode()
    assert "dilnur" in page and "documenter" in page and "totp" in page
    assert "aynur" in page and "not enrolled" in page


def test_a_role_granted_and_taken_back_on_the_page_is_logged_with_its_actor(
    client: Client, administrator: Any, owner: Any
) -> None:
    client.force_login(administrator)

    assert act(client, owner, action="grant", role=Role.DOCUMENTER.value).status_code == 302
    owner.refresh_from_db()
    assert access.is_staff_member(type(owner).objects.get(pk=owner.pk))
    entry = latest_entry(owner)
    assert (entry.action, entry.actor_id) == ("update", administrator.pk)
    assert log.matches_entry(owner, entry.record_sha256, entry.salts)

    assert act(client, owner, action="revoke", role=Role.DOCUMENTER.value).status_code == 302
    owner.refresh_from_db()
    assert not owner.groups.filter(name=Role.DOCUMENTER.value).exists()
    changes = AccountChange.objects.filter(account=owner).order_by("at", "pk")
    assert [(c.action, c.detail, c.actor_id) for c in changes] == [
        ("granted", "documenter", administrator.pk),
        ("revoked", "documenter", administrator.pk),
    ]
    assert latest_entry(changes.last()).actor_id == administrator.pk


def test_an_administrator_cannot_take_away_their_own_administrator_role(
    client: Client, administrator: Any
) -> None:
    client.force_login(administrator)
    answer = act(client, administrator, action="revoke", role=Role.ADMINISTRATOR.value)
    assert answer.status_code == 400
    assert "your own administrator role" in answer.content.decode()
    assert administrator.groups.filter(name=Role.ADMINISTRATOR.value).exists()


def test_a_closed_account_can_no_longer_sign_in_or_use_its_session(
    client: Client, administrator: Any, colleague: Any, password: str
) -> None:
    theirs = Client()
    theirs.force_login(colleague)
    client.force_login(administrator)

    assert act(client, colleague, action="deactivate").status_code == 302

    assert theirs.get(reverse("registry:dashboard")).status_code == 302
    refused = Client().post(
        reverse("login"), {"username": colleague.username, "password": password}
    )
    assert "_auth_user_id" not in refused.wsgi_request.session
    assert AccountChange.objects.get(account=colleague).action == "deactivated"
    assert latest_entry(colleague).actor_id == administrator.pk


def test_a_lost_phone_is_reset_and_the_reset_is_logged(
    client: Client, administrator: Any, colleague: Any, settings: Any
) -> None:
    settings.GUWAH_SECOND_FACTOR_REQUIRED = True
    enrol_authenticator_app(colleague)
    enrol_authenticator_app(administrator)
    client.force_login(administrator)

    assert act(client, colleague, action="reset_factors").status_code == 302

    assert not Authenticator.objects.filter(user=colleague).exists()
    change = AccountChange.objects.get(account=colleague)
    assert (change.action, change.detail, change.actor_id) == (
        "factors_reset",
        "totp",
        administrator.pk,
    )
    assert latest_entry(change).actor_id == administrator.pk
    # The next time they sign in, they enrol again before anything else.
    theirs = Client()
    theirs.force_login(colleague)
    assert theirs.get(reverse("registry:dashboard"))["Location"] == reverse("mfa_index")


def test_resetting_an_account_with_no_second_factor_says_so(
    client: Client, administrator: Any, owner: Any
) -> None:
    client.force_login(administrator)
    answer = act(client, owner, action="reset_factors")
    assert answer.status_code == 400
    assert "no second factor to reset" in answer.content.decode()
    assert not AccountChange.objects.exists()


def test_a_documenter_cannot_change_accounts(client: Client, colleague: Any, owner: Any) -> None:
    client.force_login(colleague)
    assert act(client, owner, action="grant", role=Role.ADMINISTRATOR.value).status_code == 403
    assert not owner.groups.filter(name=Role.ADMINISTRATOR.value).exists()


def test_an_unknown_action_is_refused_and_changes_nothing(
    client: Client, administrator: Any, owner: Any
) -> None:
    client.force_login(administrator)
    assert act(client, owner, action="promote", role="emperor").status_code == 400
    assert act(client, owner, action="grant").status_code == 400
    assert not AccountChange.objects.exists()
