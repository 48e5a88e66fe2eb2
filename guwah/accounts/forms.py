"""The forms of the accounts pages; the rules they enforce live in ``services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah.registry.roles import Role

ROLE_CHOICES = [(role.value, role.value) for role in Role]


class InviteForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial=Role.FAMILY.value)
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("Who the invitation is for; only administrators see it."),
    )


class AcceptForm(forms.Form):
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class AccountActionForm(forms.Form):
    ACTIONS = ("grant", "revoke", "deactivate", "reactivate", "reset_factors")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    role = forms.ChoiceField(choices=ROLE_CHOICES, required=False)
