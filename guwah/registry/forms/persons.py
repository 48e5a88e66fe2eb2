"""The forms about a person: the person, their names, their relatives (the quick family
screen and ties to persons already recorded), and who may see the record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guwah.registry import access
from guwah.registry.forms.fields import (
    FastSelect,
    NamedChoiceField,
    PartialDateField,
    ProtectedRecordForm,
    limit_choices,
    limit_visibility,
    remove_hidden_characters,
)
from guwah.registry.models import (
    FamilyTie,
    Name,
    Person,
    Place,
    PublicationLevel,
    Script,
    Visibility,
    validate_name_text,
    validate_short_text,
)
from guwah.registry.services import PERSON_ENTRY_FIELDS

UNKNOWN_SCRIPT = _("“%(value)s” is not a script Guwah knows. Choose one from the list.")

PLACE_LEVELS_FOR_HOMETOWN = (
    Place.Level.PREFECTURE,
    Place.Level.COUNTY,
    Place.Level.TOWNSHIP,
    Place.Level.VILLAGE,
)


def hometowns() -> Any:
    return Place.objects.filter(level__in=PLACE_LEVELS_FOR_HOMETOWN).select_related("parent")


class PersonForm(ProtectedRecordForm):
    birth_date = PartialDateField(label=_("Birth date"))
    upload_field = "photo"
    long_texts = ("notes",)

    class Meta:
        model = Person
        fields = list(PERSON_ENTRY_FIELDS)
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "occupation": forms.TextInput(attrs={"dir": "auto"}),
            "ethnicity": forms.TextInput(attrs={"dir": "auto"}),
            "hometown": FastSelect,
        }
        field_classes = {"hometown": NamedChoiceField}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        limit_choices(self, "hometown", hometowns())


class NameForm(forms.Form):
    text = forms.CharField(
        label=_("Name"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        validators=[validate_name_text],
    )
    script = forms.ChoiceField(
        label=_("Script"),
        choices=[("", _("Detect from the text")), *Script.choices],
        required=False,
        error_messages={"invalid_choice": UNKNOWN_SCRIPT},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Name.Kind.choices, initial="primary")


class BaseNameFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        filled = [form for form in self.forms if form.cleaned_data.get("text")]
        if not filled:
            raise ValidationError(_("Give at least one name, in any script."))


NameFormSet = forms.formset_factory(NameForm, formset=BaseNameFormSet, extra=3, max_num=20)


class RelativeForm(forms.Form):
    """One row of the quick family screen: only what a grandmother knows, nothing more."""

    name = forms.CharField(
        label=_("Name, as you write it"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        validators=[validate_name_text],
    )
    relation = forms.ChoiceField(
        label=_("Relation"), choices=FamilyTie.Relation.choices, initial=FamilyTie.Relation.CHILD
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Person.Sex.choices, required=False)
    birth_date = PartialDateField(label=_("Born"))
    hometown = NamedChoiceField(
        label=_("Hometown"),
        queryset=Place.objects.none(),
        required=False,
        widget=FastSelect,
        empty_label=_("Not known"),
    )
    lost_contact = PartialDateField(
        label=_("Lost contact"), help_text=_("The year you last heard from them, e.g. 2017.")
    )
    what_is_known = forms.CharField(
        label=_("What you have heard"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("In your words, e.g. “heard he was sentenced to 15 years”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "hometown", hometowns())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        others = [
            key
            for key in ("birth_date", "lost_contact", "hometown", "what_is_known")
            if cleaned.get(key)
        ]
        if others and not cleaned.get("name") and "name" not in self.errors:
            self.add_error("name", _("Write the relative's name."))
        remove_hidden_characters(self, "what_is_known")
        return cleaned


def relative_formset(extra: int = 5) -> type[forms.BaseFormSet]:
    return forms.formset_factory(RelativeForm, extra=extra, max_num=60, absolute_max=60)


RelativeFormSet = relative_formset()


class RowError(Exception):
    """A service refused one row of a formset; carries the row's form to show the reason on."""

    def __init__(self, form: forms.BaseForm, error: ValidationError) -> None:
        super().__init__(str(error))
        self.form = form
        self.error = error


class TieForm(forms.Form):
    """Link two persons already in the registry; the relative is found by a name search, so
    the form never lists every person of a large registry."""

    relative = forms.ModelChoiceField(
        label=_("Relative"), queryset=Person.objects.none(), widget=forms.RadioSelect
    )
    relation = forms.ChoiceField(
        label=_("The relative is this person's"), choices=FamilyTie.Relation.choices
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        widget=forms.TextInput({"dir": "auto"}),
        validators=[validate_short_text],
    )

    def __init__(
        self, *args: Any, user: Any, person: Person, candidates: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # The choices shown are the search results; what is accepted is anyone the user may
        # see, so a result chosen before a new search still counts.
        self.candidates = candidates
        limit_choices(self, "relative", access.persons_visible_to(user).exclude(pk=person.pk))
        field = self.fields["relative"]
        field.widget.choices = [(candidate.pk, str(candidate)) for candidate in candidates]


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices)
    consent_publish = forms.BooleanField(
        label=_("The family agrees to publication"), required=False
    )
    consent_share_un = forms.BooleanField(
        label=_("The family agrees to sharing with UN mechanisms"), required=False
    )
    consent_name_witness = forms.BooleanField(label=_("The witness may be named"), required=False)
    # Left out of a form (an older page, a script), the level the record has is kept.
    publication_level = forms.ChoiceField(
        label=_("If published, show"),
        choices=PublicationLevel.choices,
        required=False,
        help_text=_(
            "Partial shows the given name and an initial, the county rather than the village "
            "and an age band rather than the birth date; anonymous shows only the entry "
            "number, an age band and the prefecture."
        ),
    )
    consent_publish_photo = forms.BooleanField(
        label=_("The family agrees to publishing the photo (full identity only)"), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_visibility(self.fields["visibility"], user, self.initial.get("visibility", ""))
