"""In a real browser with Chromium's virtual authenticator: a reviewer registers a security key
and signs in with her password and the key."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_with_password(page: Any, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Sign in')")


def test_a_reviewer_registers_a_security_key_and_signs_in_with_it(
    page: Any, reviewer: Any, password: str, settings: Any, artifacts_dir: Any
) -> None:
    settings.GUWAH_SECOND_FACTOR_REQUIRED = True
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )["authenticatorId"]

    sign_in_with_password(page, reviewer.username, password)
    page.wait_for_url("**/accounts/2fa/")
    page.goto("/accounts/2fa/webauthn/add/")
    # Changing a factor asks for the password again first, even just after signing in.
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    page.fill("input[name=name]", "Office key")
    page.click("#mfa_webauthn_add")
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    assert Authenticator.objects.filter(user=reviewer, type="webauthn").count() == 1
    credentials = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1

    page.click("button:has-text('Sign out')")
    page.wait_for_url("**/accounts/login/")
    sign_in_with_password(page, reviewer.username, password)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.click("#mfa_webauthn_authenticate")
    page.wait_for_url("**/registry/")
    assert reviewer.username in page.locator("header").inner_text()
    page.screenshot(path=str(artifacts_dir / "accounts-signed-in-with-a-key.png"), full_page=True)
