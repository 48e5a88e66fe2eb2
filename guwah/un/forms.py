from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah.un.models import CaseFile, DetentionCategory, Mechanism, Stage, Submission
from guwah.un.services import CASE_FILE_ENTRY_FIELDS


class CaseFileForm(forms.ModelForm):
    detention_categories = forms.MultipleChoiceField(
        label=_("Why the detention is arbitrary (WGAD categories)"),
        choices=DetentionCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CaseFile
        fields = list(CASE_FILE_ENTRY_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "forces_responsible",
                "steps_taken",
                "no_steps_reason",
                "submitter_contact",
                "reprisal_risk",
                "arbitrariness",
            )
        }


class StepForm(forms.Form):
    """One step of a submission: the stage it reaches and what that stage records."""

    mechanism = forms.ChoiceField(label=_("Working Group"), choices=Mechanism.choices)
    stage = forms.ChoiceField(label=_("stage"), choices=Stage.choices)
    sent_on = forms.DateField(label=_("sent on"), required=False)
    channel = forms.ChoiceField(
        label=_("sent by"), choices=[("", "—"), *Submission.Channel.choices], required=False
    )
    acknowledged_on = forms.DateField(label=_("acknowledged on"), required=False)
    un_reference = forms.CharField(label=_("UN case number"), max_length=64, required=False)
    reply_received_on = forms.DateField(label=_("government reply received on"), required=False)
    reply_text = forms.CharField(
        label=_("what the government replied"), widget=forms.Textarea, required=False
    )
    reply_translation = forms.CharField(
        label=_("the reply, translated for the family"), widget=forms.Textarea, required=False
    )
    comments_sent_on = forms.DateField(label=_("source's comments sent on"), required=False)
    closed_on = forms.DateField(label=_("closed on"), required=False)

    def details(self) -> dict[str, Any]:
        """The values given for this step, without the empty ones."""
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("mechanism", "stage") and value
        }
