"""allauth's sign-in and second-factor pages, each behind the project's one access decorator.

Only the pages the project uses are mounted: no sign-up (accounts come by invitation), no
e-mail pages and no password reset by e-mail (a lost password or phone is an administrator's
reset, in person). The URL names are allauth's own, which its code and templates reverse;
``login`` and ``logout`` are the names the rest of the project knows the first two by.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account import views as account
from allauth.mfa.base import views as mfa
from allauth.mfa.recovery_codes import views as recovery_codes
from allauth.mfa.totp import views as totp
from allauth.mfa.webauthn import views as webauthn
from django.urls import URLPattern, path

from guwah.registry import access


def _page(route: str, view: Callable[..., Any], name: str, permission: Any) -> URLPattern:
    return path(route, access.requires(permission)(view), name=name)


# Signing in and out is open to anyone; signing out too, so that a sign-out form posted after
# the session expired still ends on the signed-out page. The second step of a sign-in
# (``mfa_authenticate``) is reached before the session is signed in.
urlpatterns = [
    _page("login/", account.login, "login", access.anyone),
    _page("login/", account.login, "account_login", access.anyone),
    _page("logout/", account.logout, "logout", access.anyone),
    _page("logout/", account.logout, "account_logout", access.anyone),
    _page("inactive/", account.account_inactive, "account_inactive", access.anyone),
    _page("reauthenticate/", account.reauthenticate, "account_reauthenticate", access.signed_in),
    _page("password/change/", account.password_change, "account_change_password", access.signed_in),
    # An account opened without a password (by a command) chooses one here first.
    _page("password/set/", account.password_set, "account_set_password", access.signed_in),
    _page("2fa/", mfa.index, "mfa_index", access.signed_in),
    _page("2fa/authenticate/", mfa.authenticate, "mfa_authenticate", access.anyone),
    _page("2fa/reauthenticate/", mfa.reauthenticate, "mfa_reauthenticate", access.signed_in),
    _page("2fa/totp/activate/", totp.activate_totp, "mfa_activate_totp", access.signed_in),
    _page("2fa/totp/deactivate/", totp.deactivate_totp, "mfa_deactivate_totp", access.signed_in),
    _page(
        "2fa/recovery-codes/",
        recovery_codes.view_recovery_codes,
        "mfa_view_recovery_codes",
        access.signed_in,
    ),
    _page(
        "2fa/recovery-codes/generate/",
        recovery_codes.generate_recovery_codes,
        "mfa_generate_recovery_codes",
        access.signed_in,
    ),
    _page(
        "2fa/recovery-codes/download/",
        recovery_codes.download_recovery_codes,
        "mfa_download_recovery_codes",
        access.signed_in,
    ),
    _page("2fa/webauthn/", webauthn.list_webauthn, "mfa_list_webauthn", access.signed_in),
    _page("2fa/webauthn/add/", webauthn.add_webauthn, "mfa_add_webauthn", access.signed_in),
    _page(
        "2fa/webauthn/reauthenticate/",
        webauthn.reauthenticate_webauthn,
        "mfa_reauthenticate_webauthn",
        access.signed_in,
    ),
    _page(
        "2fa/webauthn/keys/<int:pk>/remove/",
        webauthn.remove_webauthn,
        "mfa_remove_webauthn",
        access.signed_in,
    ),
    _page(
        "2fa/webauthn/keys/<int:pk>/edit/",
        webauthn.edit_webauthn,
        "mfa_edit_webauthn",
        access.signed_in,
    ),
]
