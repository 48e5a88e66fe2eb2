"""What the accounts tests share: the second factor switched on, and TOTP codes computed the
way an authenticator app on a phone computes them."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)


@pytest.fixture
def second_factor_required(settings: Any) -> None:
    # The test settings switch it off for the tests of every other app; these are about it.
    settings.GUWAH_SECOND_FACTOR_REQUIRED = True


def current_code(secret: str) -> str:
    """The six digits an authenticator app shows now for ``secret``."""
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def enrol_authenticator_app(user: Any) -> str:
    """Give ``user`` an authenticator app, as its enrolment page does; returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
