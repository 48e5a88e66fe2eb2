"""Forms for moving a case up the verification ladder and for recording a government's rebuttal.
They only read the input; the verification services decide whether the step is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah.registry.verification import CHECKLIST


class VerifyForm(forms.Form):
    """The written checklist a second documenter works through. Every box must be ticked; the
    service says which ones are missing, so an unticked box is not refused here."""

    checklist = forms.MultipleChoiceField(
        label=_("I have checked"),
        choices=list(CHECKLIST.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class RebuttalForm(forms.Form):
    claimant = forms.CharField(
        label=_("Who says so"),
        max_length=300,
        help_text=_("For example the regional government's spokesperson, or an embassy."),
    )
    claim = forms.CharField(label=_("What they say"), widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(
        label=_("Where it was said"),
        max_length=500,
        help_text=_("A press conference, a newspaper, a letter to the UN: as it can be cited."),
    )
    source_url = forms.URLField(
        label=_("Address of the source"), max_length=1000, required=False, assume_scheme="https"
    )
    claimed_on = forms.CharField(
        label=_("When"),
        max_length=32,
        required=False,
        help_text=_("A year, a month or a day, as it is known."),
    )
    answer = forms.CharField(
        label=_("The organisation's answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("It can be added later."),
    )


class RebuttalAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The organisation's answer"), widget=forms.Textarea(attrs={"rows": 4})
    )
