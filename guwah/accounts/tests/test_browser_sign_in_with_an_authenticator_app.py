"""In a real browser: a documenter is sent to enrol an authenticator app, enrols it by its
secret, and from then on signs in with her password and the app's code."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret: str, periods_ahead: int = 0) -> str:
    """What the phone shows now (or that many 30-second periods from now)."""
    counter = next(iter(yield_hotp_counters_from_time())) + periods_ahead
    return format_hotp_value(hotp_value(secret, counter))


def sign_in_with_password(page: Any, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Sign in')")


def confirm_password(page: Any, password: str) -> None:
    """Changing a factor asks for the password again first, even just after signing in."""
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def test_a_documenter_enrols_an_authenticator_app_and_signs_in_with_it(
    page: Any, colleague: Any, password: str, settings: Any, artifacts_dir: Any
) -> None:
    settings.GUWAH_SECOND_FACTOR_REQUIRED = True
    # One period of drift either way, as phones' clocks have; lets the sign-in below use the
    # next period's code rather than wait 30 seconds for a fresh one (a code works only once).
    settings.MFA_TOTP_TOLERANCE = 1

    sign_in_with_password(page, colleague.username, password)
    page.wait_for_url("**/accounts/2fa/")
    assert "needs a second factor" in page.locator("main").inner_text()
    page.goto("/registry/people/")
    page.wait_for_url("**/accounts/2fa/")  # every page leads to enrolment until it is done

    page.goto("/accounts/2fa/totp/activate/")
    confirm_password(page, password)
    secret = page.input_value("#authenticator_secret")
    assert len(secret) >= 16
    page.fill("input[name=code]", code_for(secret))
    page.click("button[type=submit]:has-text('Activate')")
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    codes = page.locator("main").inner_text()
    assert "Recovery" in codes
    page.screenshot(path=str(artifacts_dir / "accounts-recovery-codes.png"), full_page=True)

    page.goto("/registry/people/")
    assert page.url.endswith("/registry/people/")

    page.click("button:has-text('Sign out')")
    page.wait_for_url("**/accounts/login/")
    sign_in_with_password(page, colleague.username, password)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", "000000" if code_for(secret, 1) != "000000" else "111111")
    page.click("button[type=submit]:has-text('Sign In')")
    assert "/accounts/2fa/authenticate/" in page.url  # a wrong code opens nothing
    page.fill("input[name=code]", code_for(secret, 1))
    page.click("button[type=submit]:has-text('Sign In')")
    page.wait_for_url("**/registry/")
    assert colleague.username in page.locator("header").inner_text()
