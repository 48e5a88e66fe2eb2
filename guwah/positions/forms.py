"""The editors' forms: they read what was typed; the services decide whether it may be saved.

States are offered from ISO 3166-1 itself rather than from the table, so that a form can be
shown on an empty installation without writing anything; the service adds a state's row the
first time a position or an instrument names it.
"""

from __future__ import annotations

from typing import Any

import pycountry
from django import forms
from django.db import models
from django.forms.models import model_to_dict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guwah.positions import countries, records
from guwah.positions.models import Instrument, Position


def _model_field(model: type[models.Model], name: str, **options: Any) -> forms.Field:
    # Labels, lengths, choices and help texts are the model's; written once, there.
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # noqa: S101  (narrows a type; the lines above ensure it)
    field = model_field.formfield(**options)
    assert field is not None  # noqa: S101  (narrows a type; the lines above ensure it)
    return field


def state_choices() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country, named in the language of the request, in alphabetical order."""
    language = get_language()
    named = [
        (
            countries.localised_name(countries.english_name(country.alpha_3), language),
            country.alpha_3,
        )
        for country in pycountry.countries
    ]
    return [(code, f"{name} ({code})") for name, code in sorted(named)]


class StateField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=state_choices, **kwargs)


class InstrumentField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        # Only a well-formed code reaches the database (PostgreSQL refuses a NUL byte in a
        # query outright, which would be an error of the server, not of the input).
        if value not in self.empty_values and not records.is_instrument_code(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


def _normalised_date(value: str) -> str:
    try:
        return records.parse_day_month_or_year(value)
    except ValueError as error:
        raise forms.ValidationError(str(error)) from None


class InstrumentForm(forms.Form):
    code = _model_field(Instrument, "code")
    kind = _model_field(Instrument, "kind")
    date = _model_field(Instrument, "date")
    forum = _model_field(Instrument, "forum")
    lead_state = StateField(label=_("lead state"), required=False)
    document_symbol = _model_field(Instrument, "document_symbol")
    reported_count = _model_field(Instrument, "reported_count")
    listed_note = _model_field(Instrument, "listed_note")
    text_url = _model_field(Instrument, "text_url", assume_scheme="https")

    def __init__(self, *args: Any, instrument: Instrument | None = None, **kwargs: Any) -> None:
        if instrument is not None:
            kwargs["initial"] = {
                **model_to_dict(instrument, exclude=["id", "lead_state"]),
                "lead_state": instrument.lead_state_id or "",
            }
        super().__init__(*args, **kwargs)
        # The code is how files and links refer to an instrument; it is fixed once created.
        if instrument is not None:
            self.fields["code"].disabled = True

    def clean_date(self) -> str:
        return _normalised_date(self.cleaned_data["date"])


class PositionForm(forms.Form):
    instrument = InstrumentField(
        queryset=Instrument.objects.all(), label=_("instrument"), to_field_name="code"
    )
    state = StateField(label=_("state"))
    stance = _model_field(Position, "stance")
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

    def __init__(self, *args: Any, position: Position | None = None, **kwargs: Any) -> None:
        if position is not None:
            kwargs["initial"] = {
                "instrument": position.instrument.code,
                "state": position.state_id,
                "stance": position.stance,
                "date": position.date,
                "source_url": position.source_url,
            }
        super().__init__(*args, **kwargs)
        # Which state on which instrument is what the entry is about: to change it, remove it.
        if position is not None:
            self.fields["instrument"].disabled = True
            self.fields["state"].disabled = True

    def clean_date(self) -> str:
        value = self.cleaned_data.get("date") or ""
        return _normalised_date(value) if value else ""
