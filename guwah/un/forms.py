from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah.registry.models import Person, Testimony
from guwah.un.models import (
    CaseFile,
    DetentionCategory,
    Language,
    LetterStage,
    Mechanism,
    Stage,
    Submission,
)
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
    language = forms.ChoiceField(
        label=_("language of the submission (when drafting)"),
        choices=Language.choices,
        required=False,
    )
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
            if key not in ("mechanism", "stage", "language") and value
        }


class BatchForm(forms.Form):
    """Which relatives go into one ZIP, in which language and format."""

    persons = forms.MultipleChoiceField(
        label=_("Relatives"), widget=forms.CheckboxSelectMultiple, required=True
    )
    language = forms.ChoiceField(label=_("Language of the documents"), choices=Language.choices)
    format = forms.ChoiceField(
        label=_("Format"), choices=[("docx", "DOCX"), ("pdf", "PDF")], initial="docx"
    )

    def __init__(self, *args: Any, relatives: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(person.pk), str(person)) for person in relatives]
        persons = self.fields["persons"]
        assert isinstance(persons, forms.ChoiceField)  # noqa: S101  (narrows a type; the lines above ensure it)
        persons.choices = choices
        # All relatives of the witness by default: the grandmother sends every case at once.
        self.fields["persons"].initial = [value for value, _label in choices]


class TranslationForm(forms.Form):
    """A testimony's translation, attached to one of the person's submissions."""

    mechanism = forms.ChoiceField(label=_("Working Group"), choices=Mechanism.choices)
    testimony = forms.ChoiceField(label=_("Testimony"))
    language = forms.ChoiceField(label=_("Translated into"), choices=Language.choices)
    translator = forms.CharField(label=_("Translated by"), max_length=200, required=False)
    text = forms.CharField(label=_("Translation"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, testimonies: list[Testimony], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        testimony = self.fields["testimony"]
        assert isinstance(testimony, forms.ChoiceField)  # noqa: S101  (narrows a type; the lines above ensure it)
        testimony.choices = [(str(t.pk), f"{t} ({t.language or '—'})") for t in testimonies]


class LetterForm(forms.Form):
    """A letter to one state's government: its language and the cases it carries."""

    state = forms.CharField(widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language of the letter"))
    cases = forms.MultipleChoiceField(label=_("Cases to name"), widget=forms.CheckboxSelectMultiple)
    words = forms.CharField(
        label=_("The families' own words (optional; Uyghur is kept right to left)"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        required=False,
    )

    def __init__(
        self, *args: Any, cases: list[Person], languages: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        chosen, language = self.fields["cases"], self.fields["language"]
        assert isinstance(chosen, forms.ChoiceField) and isinstance(language, forms.ChoiceField)  # noqa: S101  (narrows a type; the lines above ensure it)
        chosen.choices = [(str(p.pk), str(p)) for p in cases]
        chosen.initial = [str(p.pk) for p in cases]
        language.choices = languages


class LetterStepForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("stage"), choices=[c for c in LetterStage.choices if c[0] != "drafted"]
    )
    sent_on = forms.DateField(label=_("sent on"), required=False)
    sent_to = forms.CharField(label=_("sent to"), max_length=200, required=False)
    answered_on = forms.DateField(label=_("answered on"), required=False)
    answer = forms.CharField(
        label=_("what the government said"), widget=forms.Textarea, required=False
    )

    def details(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "stage" and v}
