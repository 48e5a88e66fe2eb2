"""How allauth's sign-in fits the project: the form keeps the field name ``username``, new
accounts come only by invitation, and django-axes counts failures by that name."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm
from django.http import HttpRequest


class SignInForm(LoginForm):
    """allauth's sign-in form with its ``login`` field named ``username``.

    Password managers, bookmarks of the old form, the browser tests and django-axes (which
    reads the name an attempt was made for from this field) all know it by that name.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = dict(self.fields)
        self.fields.clear()
        self.fields["username"] = fields.pop("login")
        self.fields.update(fields)

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip()

    def clean(self) -> dict[str, Any]:
        if "username" in self.cleaned_data:
            self.cleaned_data["login"] = self.cleaned_data["username"]
        return super().clean()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error("username" if field == "login" else field, error)


class AccountAdapter(DefaultAccountAdapter):
    """Nobody opens an account on their own: an administrator invites them."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account name a sign-in attempt was made for, as django-axes counts it: from the
    credentials handed to ``authenticate``, else from the posted form (either field name)."""
    for source in (credentials or {}, getattr(request, "POST", {})):
        for field in ("username", "login"):
            value = source.get(field)
            if value:
                return str(value).strip()
    return None
