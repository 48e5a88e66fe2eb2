"""In a real browser: an administrator (signed in with her authenticator app) invites a
family member with the family-member role; the invitee opens the link, chooses her password
and signs in to her own family's pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model

from guwah.accounts.models import AccountChange
from guwah.accounts.tests.conftest import enrol_authenticator_app
from guwah.registry import access

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HER_PASSWORD = "my grandson's school and two trees 1952"


def test_an_administrator_invites_a_family_member_who_opens_the_link_and_signs_in(
    page: Any, administrator: Any, password: str, settings: Any, artifacts_dir: Any
) -> None:
    settings.GUWAH_SECOND_FACTOR_REQUIRED = True
    # A phone's clock may drift a period either way; so may a slow test crossing one.
    settings.MFA_TOTP_TOLERANCE = 1
    secret = enrol_authenticator_app(administrator)

    page.goto("/accounts/login/")
    page.fill("#id_username", administrator.username)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    counter = next(iter(yield_hotp_counters_from_time()))
    page.fill("input[name=code]", format_hotp_value(hotp_value(secret, counter)))
    page.click("button[type=submit]:has-text('Sign In')")
    page.wait_for_url("**/registry/")

    page.click("header a:has-text('Accounts')")
    page.click("a:has-text('Invite someone')")
    page.fill("#id_username", "gulbahar")
    page.select_option("#id_role", "family member")
    page.fill("#id_note", "Aynur's aunt in Almaty (synthetic)")
    page.click("button:has-text('Create the invitation')")
    link = page.input_value("#invitation-link")
    assert "/accounts/invitation/" in link
    page.screenshot(path=str(artifacts_dir / "accounts-invitation-link.png"), full_page=True)
    page.click("button:has-text('Sign out')")
    page.wait_for_url("**/accounts/login/")

    page.goto(link)
    assert "gulbahar" in page.locator("main").inner_text()
    page.fill("#id_password", HER_PASSWORD)
    page.fill("#id_password_again", HER_PASSWORD)
    page.click("button:has-text('Open the account')")
    page.wait_for_url("**/accounts/login/")
    assert "is ready" in page.locator("main").inner_text()

    page.fill("#id_username", "gulbahar")
    page.fill("#id_password", HER_PASSWORD)
    page.click("button[type=submit]:has-text('Sign in')")
    # A family member is not asked for a second factor.
    page.wait_for_url(re.compile(r"/(family|registry)/$"))
    assert "Successfully signed in as gulbahar" in page.locator("main").inner_text()
    assert "gulbahar" in page.locator("header").inner_text()

    account = get_user_model().objects.get(username="gulbahar")
    assert access.is_family_member(account)
    assert set(AccountChange.objects.values_list("action", "actor")) == {
        ("invited", administrator.pk),
        ("accepted", administrator.pk),
    }

    # The link worked once.
    page.goto(link)
    assert "has been used already" in page.locator("main").inner_text()
