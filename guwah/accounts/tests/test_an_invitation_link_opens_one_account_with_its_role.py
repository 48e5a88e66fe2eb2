"""An administrator invites by link; the invitee chooses her own password; the link works once
and expires, and a refused link says why."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guwah.accounts import services
from guwah.accounts.models import AccountChange, Invitation
from guwah.evidence.models import LogEntry
from guwah.registry import access
from guwah.registry.roles import Role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long sentence nobody else uses 1917"


def invitation_link(client: Client, administrator: Any, **fields: str) -> str:
    client.force_login(administrator)
    answer = client.post(reverse("accounts:invite"), fields)
    assert answer.status_code == 200, answer.content.decode()
    match = re.search(r'value="(http[^"]+/accounts/invitation/[^"]+/)"', answer.content.decode())
    assert match is not None
    client.logout()
    return match.group(1).split("testserver", 1)[1]


def accept(client: Client, link: str, password: str = NEW_PASSWORD, again: str = "") -> Any:
    return client.post(link, {"password": password, "password_again": again or password})


def test_an_accepted_invitation_opens_the_account_with_the_role_granted(
    client: Client, administrator: Any
) -> None:
    link = invitation_link(
        client, administrator, username="gulbahar", role=Role.FAMILY.value, note="Aynur's aunt"
    )
    assert client.get(link).status_code == 200

    answer = accept(client, link)

    assert answer.status_code == 302 and answer["Location"] == reverse("login")
    account = get_user_model().objects.get(username="gulbahar")
    assert account.check_password(NEW_PASSWORD)
    assert access.is_family_member(account)
    signed_in = client.post(reverse("login"), {"username": "gulbahar", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)
    # Each step is in the log under the administrator who invited her.
    actions = list(AccountChange.objects.order_by("at", "pk").values_list("action", "actor"))
    assert actions == [("invited", administrator.pk), ("accepted", administrator.pk)]
    entry = LogEntry.objects.filter(record_type="auth.user", record_id=str(account.pk)).latest(
        "index"
    )
    assert entry.actor_id == administrator.pk


def test_a_used_link_is_refused_with_a_clear_message(client: Client, administrator: Any) -> None:
    link = invitation_link(client, administrator, username="gulbahar", role=Role.FAMILY.value)
    accept(client, link)

    again = client.get(link)
    assert again.status_code == 410
    assert "has been used already" in again.content.decode()
    assert accept(client, link, "another password entirely 2024").status_code == 410
    assert get_user_model().objects.get(username="gulbahar").check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused_with_a_clear_message(
    client: Client, administrator: Any
) -> None:
    link = invitation_link(client, administrator, username="gulbahar", role=Role.DOCUMENTER.value)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    answer = client.get(link)
    assert answer.status_code == 410
    assert "has expired" in answer.content.decode()
    assert accept(client, link).status_code == 410
    assert not get_user_model().objects.filter(username="gulbahar").exists()


def test_a_link_altered_by_hand_is_not_an_invitation(client: Client, administrator: Any) -> None:
    link = invitation_link(client, administrator, username="gulbahar", role=Role.REVIEWER.value)
    altered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    answer = client.get(altered)
    assert answer.status_code == 404
    assert "not valid" in answer.content.decode()


def test_a_withdrawn_invitation_is_refused(client: Client, administrator: Any) -> None:
    link = invitation_link(client, administrator, username="gulbahar", role=Role.FAMILY.value)
    client.force_login(administrator)
    client.post(reverse("accounts:withdraw", kwargs={"pk": Invitation.objects.get().pk}))
    client.logout()

    assert client.get(link).status_code == 410
    assert "withdrawn" in client.get(link).content.decode()


def test_two_different_passwords_keep_the_invitation_open(
    client: Client, administrator: Any
) -> None:
    link = invitation_link(client, administrator, username="gulbahar", role=Role.FAMILY.value)

    answer = accept(client, link, NEW_PASSWORD, "something else entirely 99")
    assert answer.status_code == 400
    assert "The two passwords differ" in answer.content.decode()
    weak = accept(client, link, "password")
    assert weak.status_code == 400
    assert not get_user_model().objects.filter(username="gulbahar").exists()
    assert accept(client, link).status_code == 302


def test_an_invitation_for_a_taken_username_is_refused(
    client: Client, administrator: Any, owner: Any
) -> None:
    client.force_login(administrator)
    answer = client.post(
        reverse("accounts:invite"), {"username": owner.username, "role": Role.FAMILY.value}
    )
    assert answer.status_code == 400
    assert "exists already" in answer.content.decode()
    assert not Invitation.objects.exists()


def test_only_an_administrator_invites(colleague: Any, reviewer: Any) -> None:
    for user in (colleague, reviewer):
        with pytest.raises(PermissionDenied):
            services.invite(user, username="gulbahar", role=Role.ADMINISTRATOR)
    assert not Invitation.objects.exists()


def test_an_invitation_no_longer_holds_once_its_administrator_lost_the_role(
    client: Client, administrator: Any, django_user_model: Any
) -> None:
    link = invitation_link(client, administrator, username="gulbahar", role=Role.REVIEWER.value)
    administrator.groups.clear()
    administrator.is_superuser = False
    administrator.save()

    answer = accept(client, link)
    assert answer.status_code == 410
    assert "may no longer grant roles" in answer.content.decode()
    assert not django_user_model.objects.filter(username="gulbahar").exists()
