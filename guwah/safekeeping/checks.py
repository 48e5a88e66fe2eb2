"""Start-up checks: an installation without DEBUG refuses to run without its master key.

Without a master key of its own, an installation would encrypt witnesses' names with the
development key published in the source, which protects nothing. Django runs these checks
before ``runserver``, ``migrate`` and every other command; ``guwah.wsgi`` runs them before it
serves a request, since an application server does not.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from guwah.keys import KeyProblem

TAG = "guwah_keys"


@checks.register(TAG, checks.Tags.security)
def master_key_is_set(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """E001: no master key with DEBUG off; E002: a master key is named but does not load."""
    from guwah.registry import encryption

    named = getattr(settings, "GUWAH_MASTER_KEY_FILE", None) is not None or bool(
        getattr(settings, "GUWAH_MASTER_KEY", "")
    )
    if not named:
        if settings.DEBUG or getattr(settings, "GUWAH_ALLOW_DEVELOPMENT_MASTER_KEY", False):
            return []
        return [
            checks.Error(
                "GUWAH_MASTER_KEY_FILE (or GUWAH_MASTER_KEY) is not set, and GUWAH_DEBUG is off.",
                hint=(
                    "Make a master key with `guwah keys new-master`, keep it outside "
                    "GUWAH_DATA_DIR and set GUWAH_MASTER_KEY_FILE to its path."
                ),
                id="guwah.E031",
            )
        ]
    try:
        encryption.master_key()
    except KeyProblem as exc:
        return [checks.Error(str(exc), id="guwah.E032")]
    return []


def refuse_to_start_without_keys() -> None:
    """Raise if a key check fails: for servers, which do not run Django's checks."""
    from django.core.exceptions import ImproperlyConfigured

    serious = [message for message in checks.run_checks(tags=[TAG]) if message.is_serious()]
    if serious:
        raise ImproperlyConfigured("; ".join(f"{m.id}: {m.msg}" for m in serious))
