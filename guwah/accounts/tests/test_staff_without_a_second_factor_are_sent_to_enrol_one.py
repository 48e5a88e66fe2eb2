"""Every role above family member signs in with a second factor, or enrols one first."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.accounts.tests.conftest import enrol_authenticator_app

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("second_factor_required")]


@pytest.mark.parametrize("role", ["colleague", "reviewer", "administrator"])
def test_a_member_of_staff_without_a_second_factor_is_sent_to_enrol_one(
    client: Client, request: pytest.FixtureRequest, role: str
) -> None:
    client.force_login(request.getfixturevalue(role))
    for page in ("registry:dashboard", "registry:person_list", "imports:export"):
        answer = client.get(reverse(page))
        assert answer.status_code == 302
        assert answer["Location"] == reverse("mfa_index")
    enrolment = client.get(reverse("mfa_index"))
    assert enrolment.status_code == 200
    assert "needs a second factor" in enrolment.content.decode()


def test_a_family_member_is_not_forced_to_enrol(client: Client, owner: Any) -> None:
    client.force_login(owner)
    assert client.get(reverse("family:home")).status_code == 200


def test_a_member_of_staff_with_an_authenticator_app_works_as_before(
    client: Client, colleague: Any
) -> None:
    enrol_authenticator_app(colleague)
    client.force_login(colleague)
    assert client.get(reverse("registry:dashboard")).status_code == 200


def test_recovery_codes_alone_are_not_a_second_factor(client: Client, colleague: Any) -> None:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    RecoveryCodes.activate(colleague)
    client.force_login(colleague)
    assert client.get(reverse("registry:dashboard"))["Location"] == reverse("mfa_index")


def test_enrolment_sign_out_and_the_health_probe_stay_open(client: Client, colleague: Any) -> None:
    client.force_login(colleague)
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
    assert client.get(reverse("mfa_activate_totp"))["Location"] != reverse("mfa_index")
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.get(reverse("health")).status_code == 200
    signed_out = client.post(reverse("logout"))
    assert signed_out.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_member_of_staff_signs_in_with_password_then_the_authenticator_code(
    client: Client, colleague: Any, password: str
) -> None:
    from guwah.accounts.tests.conftest import current_code

    secret = enrol_authenticator_app(colleague)

    first = client.post(reverse("login"), {"username": colleague.username, "password": password})
    assert first.status_code == 302
    assert first["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone opened nothing

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    second = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert second.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)
    assert client.get(reverse("registry:dashboard")).status_code == 200
