"""Members of staff sign in with a second factor, or enrol one before anything else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from guwah.registry import access

Handler = Callable[[HttpRequest], HttpResponseBase]

# What a member of staff without a second factor may still open: enrolling one (and
# confirming their password for it), signing out, choosing a language, the health probe.
_ALWAYS_OPEN = frozenset(
    {
        "login",
        "logout",
        "account_login",
        "account_logout",
        "account_reauthenticate",
        "set_language",
        "health",
    }
)
# Factors that prove possession of something; recovery codes alone are a fallback, not one.
_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user: Any) -> bool:
    return Authenticator.objects.filter(user=user, type__in=_FACTORS).exists()


class SecondFactorRequiredMiddleware:
    """Send a member of staff who has no second factor to enrol one, from every page.

    A family member is never forced: a grandmother abroad signs in with her password alone,
    and sees only what she entered herself. Switched off by ``GUWAH_SECOND_FACTOR_REQUIRED``
    only for tests that are not about it.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponseBase | None:
        if not getattr(settings, "GUWAH_SECOND_FACTOR_REQUIRED", True):
            return None
        user = request.user
        if not user.is_authenticated or not access.must_use_second_factor(user):
            return None
        match = request.resolver_match
        name = match.view_name if match else None
        if name is None or name in _ALWAYS_OPEN or name.startswith("mfa_"):
            return None
        if has_second_factor(user):
            return None
        messages.warning(
            request,
            _(
                "Your role reads other families' records, so your account needs a second "
                "factor: add an authenticator app or a security key before you continue."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_index"))
