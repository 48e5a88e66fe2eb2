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
