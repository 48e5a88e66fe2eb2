from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah.positions import records
from guwah.positions.models import Instrument, Position, State


class StateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.local_name} ({obj.code})"


class InstrumentForm(forms.ModelForm):
    lead_state = StateChoiceField(
        queryset=State.objects.all(), required=False, label=_("lead state")
    )
    text_url = forms.URLField(
        label=_("link to the text"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Instrument
        fields = [
            "code",
            "kind",
            "date",
            "forum",
            "lead_state",
            "document_symbol",
            "reported_count",
            "listed_note",
            "text_url",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The code is how files and links refer to an instrument; it is fixed once created.
        if self.instance.pk:
            self.fields["code"].disabled = True

    def clean_date(self) -> str:
        try:
            return records.parse_day_month_or_year(self.cleaned_data["date"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("document_symbol") and cleaned.get("forum"):
            cleaned["document_symbol"] = records.document_symbol_in(cleaned["forum"])
        return cleaned


class PositionForm(forms.ModelForm):
    state = StateChoiceField(queryset=State.objects.all(), label=_("state"))
    date = forms.CharField(
        label=_("date"),
        required=False,
        max_length=10,
        help_text=_(
            "Leave empty for the date of the instrument; fill in if the state joined later."
        ),
    )
    source_url = forms.URLField(
        label=_("source"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The page that shows this state took this position."),
    )

    class Meta:
        model = Position
        fields = ["instrument", "state", "stance", "date", "source_url"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["instrument"].disabled = True
            self.fields["state"].disabled = True

    def clean_date(self) -> str:
        value = self.cleaned_data.get("date") or ""
        if not value:
            return ""
        try:
            return records.parse_day_month_or_year(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        instrument = cleaned.get("instrument")
        if not cleaned.get("date") and instrument is not None:
            cleaned["date"] = instrument.date
        return cleaned
