"""The project's settings as the test suite and the type checker use them.

The development key is allowed (also for the commands a test starts in a subprocess, which
inherit the environment), passwords are hashed quickly, and sign-in throttling is off for the
test client's ``login()``, which has no request to count; the tests of sign-in switch it on.
"""

import os

os.environ.setdefault("GUWAH_ALLOW_INSECURE_KEY", "true")

from guwah.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
# Staff accounts of the shared fixtures have no second factor; the tests of it switch this on.
GUWAH_SECOND_FACTOR_REQUIRED = False
# The browser tests' live server speaks plain HTTP on localhost.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
# allauth's per-address limit would count every sign-in of the whole run from 127.0.0.1.
ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]

# A fixed master key for the tests (and the commands they start), never used elsewhere; each
# test gets its own keyring under its temporary directory (conftest.py).
GUWAH_MASTER_KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE="
os.environ.setdefault("GUWAH_MASTER_KEY", GUWAH_MASTER_KEY)
# Each test process keeps the memorial's statistics in memory (cleared per test in the public
# app's tests), never in the data directory.
CACHES["memorial"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "memorial",
}
# A test's records are committed as soon as they are made (or rolled back with the test).
GUWAH_STATISTICS_UNSETTLED_SECONDS = 0
# The tests call the open API far more often than a visitor; its limit is tested on its own.
GUWAH_API_RATE = "100000/m"
