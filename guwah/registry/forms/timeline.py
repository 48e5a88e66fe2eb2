"""The forms of what happened to a person and what the record rests on: events, testimony,
evidence and incidents. Their fields are the ones the services take from a documenter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah.registry import access
from guwah.registry.forms.fields import (
    FastSelect,
    PartialDateField,
    ProtectedRecordForm,
    RecordForm,
    add_version_field,
    limit_choices,
)
from guwah.registry.models import Event, Evidence, Facility, Incident, Person, Testimony
from guwah.registry.services import (
    EVENT_ENTRY_FIELDS,
    EVIDENCE_ENTRY_FIELDS,
    TESTIMONY_ENTRY_FIELDS,
)


class EventForm(RecordForm):
    date = PartialDateField(label=_("Date"))
    long_texts = ("description",)
    testimonies = forms.ModelMultipleChoiceField(
        label=_("Rests on these testimonies"),
        queryset=Testimony.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence = forms.ModelMultipleChoiceField(
        label=_("Rests on this evidence"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = list(EVENT_ENTRY_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "stated_reason": forms.TextInput(attrs={"dir": "auto"}),
            "facility": FastSelect,
            "place": FastSelect,
            "incident": FastSelect,
        }

    def __init__(self, *args: Any, user: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self, "testimonies", access.testimonies_visible_to(user).filter(persons=person)
        )
        limit_choices(self, "evidence", access.evidence_visible_to(user).filter(persons=person))
        limit_choices(self, "facility", Facility.objects.all())
        limit_choices(self, "incident", Incident.objects.all())
        if self.instance.pk:
            self.initial.setdefault("testimonies", list(self.instance.testimonies.all()))
            self.initial.setdefault("evidence", list(self.instance.evidence.all()))
        add_version_field(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("sentence_months") is not None and cleaned.get("kind") != "sentence":
            self.add_error("sentence_months", _("Only a sentence has a length."))
        return cleaned


class TestimonyForm(ProtectedRecordForm):
    given_on = PartialDateField(label=_("Date given"))
    upload_field = "media"
    long_texts = ("text",)

    class Meta:
        model = Testimony
        fields = list(TESTIMONY_ENTRY_FIELDS)
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
            "witness_name": forms.TextInput(attrs={"dir": "auto"}),
            "witness_relationship": forms.TextInput(attrs={"dir": "auto"}),
        }


class EvidenceForm(ProtectedRecordForm):
    reference = forms.URLField(
        label=_("Reference"),
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text=_("A web address where the source can be found."),
    )
    # The upload stands beside the reference: one or the other says where the source is.
    field_order = ["kind", "title", "reference", "file"]
    upload_field = "file"
    long_texts = ("description",)

    class Meta:
        model = Evidence
        fields = [*EVIDENCE_ENTRY_FIELDS, "file"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "facility": FastSelect,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("reference") and not self.instance.pk:
            self.add_error(
                "file", _("Upload a file or give a reference (a web address) to the evidence.")
            )
        return cleaned


class IncidentForm(RecordForm):
    date = PartialDateField(label=_("Date"))
    long_texts = ("description",)

    class Meta:
        model = Incident
        fields = ["title", "date", "place", "description"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "place": FastSelect,
        }
