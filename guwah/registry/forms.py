"""Forms of the documenter UI. They only read and check input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from guwah.registry import access
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import (
    Event,
    Evidence,
    Facility,
    FamilyTie,
    Incident,
    Name,
    Person,
    Place,
    Script,
    Testimony,
    Visibility,
    describe_invalid_date,
)
from guwah.registry.services import STATUS_LABELS
from guwah.registry.timeline import Status

UNKNOWN_SCRIPT = _("“%(value)s” is not a script Guwah knows. Choose one from the list.")

PLACE_LEVELS_FOR_HOMETOWN = (
    Place.Level.PREFECTURE,
    Place.Level.COUNTY,
    Place.Level.TOWNSHIP,
    Place.Level.VILLAGE,
)


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def clean_partial_date(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return PartialDate.parse(value).edtf()
    except InvalidPartialDate as exc:
        raise ValidationError(describe_invalid_date(exc)) from exc


class PartialDateField(forms.CharField):
    """A year, month or day with an optional about/before/after, as families know dates."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault(
            "help_text", _("A year, a month or a day: 2017, 2017-05, 2017-05-03, about 2017.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", _("e.g. 2017"))
        self.widget.attrs.setdefault("inputmode", "text")

    def clean(self, value: Any) -> str:
        return clean_partial_date(super().clean(value))


class FastSelect(forms.Select):
    """A select whose options are written in Python rather than one template include each.

    Lists of a few hundred facilities or counties otherwise spend most of a page's time in
    the template engine; the HTML is the same as Django's own.
    """

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        # ``get_context`` would also build a dictionary for every option, which is the very
        # cost this widget exists to avoid; the name, value and attributes are all it needs.
        selected = {str(item) for item in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        # Each value and label escaped and joined by ``str.format``, rather than ``format_html``
        # per option, whose own work was most of the widget's time with a few hundred options.
        options = [
            '<option value="{}"{}>{}</option>'.format(
                conditional_escape("" if option_value is None else str(option_value)),
                " selected" if str(option_value) in selected else "",
                conditional_escape(str(label)),
            )
            for option_value, label in self.choices
        ]
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(final_attrs),
            mark_safe("".join(options)),
        )


class _NamedChoices(forms.models.ModelChoiceIterator):
    """Choices read as (key, English name) pairs, the label ``str()`` gives a place or a
    facility, without building a model instance for each of a few hundred options."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name_en")


class NamedChoiceField(forms.ModelChoiceField):
    iterator = _NamedChoices


def _limit_visibility(field: forms.Field, user: Any, current: str = "") -> None:
    # A record a reviewer already published stays public when someone else edits it; only
    # the choice to publish is withheld.
    if not access.can_publish(user) and current != Visibility.PUBLIC:
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (value, label) for value, label in Visibility.choices if value != Visibility.PUBLIC
        ]


def _limit_choices(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def _hometowns() -> Any:
    return Place.objects.filter(level__in=PLACE_LEVELS_FOR_HOMETOWN).select_related("parent")


class FileSizeLimit:
    """Refuses an upload above ``GUWAH_MAX_UPLOAD_BYTES`` with a message on the form."""

    def __call__(self, upload: Any) -> None:
        limit = settings.GUWAH_MAX_UPLOAD_BYTES
        if upload and upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s MB; the largest accepted is %(limit)s MB.")
                % {"size": f"{upload.size / 1_048_576:.1f}", "limit": f"{limit / 1_048_576:.1f}"}
            )


class PersonForm(forms.ModelForm):
    birth_date = PartialDateField(label=_("Birth date"))

    class Meta:
        model = Person
        fields = [
            "sex",
            "birth_date",
            "ethnicity",
            "hometown",
            "occupation",
            "photo",
            "notes",
            "visibility",
            "consent_publish",
            "consent_share_un",
            "consent_name_witness",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "occupation": forms.TextInput(attrs={"dir": "auto"}),
            "ethnicity": forms.TextInput(attrs={"dir": "auto"}),
            "hometown": FastSelect,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_choices(self, "hometown", _hometowns())
        self.fields["photo"].validators.append(FileSizeLimit())
        _limit_visibility(self.fields["visibility"], user, self.instance.visibility)

    def _post_clean(self) -> None:
        # Validation of the instance is the service's work (it sees the whole timeline).
        pass


class NameForm(forms.Form):
    text = forms.CharField(
        label=_("Name"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
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
    )
    relation = forms.ChoiceField(
        label=_("Relation"), choices=FamilyTie.Relation.choices, initial=FamilyTie.Relation.CHILD
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Person.Sex.choices, required=False)
    birth_date = PartialDateField(label=_("Born"))
    hometown = forms.ModelChoiceField(
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
        _limit_choices(self, "hometown", _hometowns())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        others = [
            key
            for key in ("birth_date", "lost_contact", "hometown", "what_is_known")
            if cleaned.get(key)
        ]
        if others and not cleaned.get("name"):
            self.add_error("name", _("Write the relative's name."))
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
        label=_("Note"), max_length=200, required=False, widget=forms.TextInput({"dir": "auto"})
    )

    def __init__(
        self, *args: Any, user: Any, person: Person, candidates: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # The choices shown are the search results; what is accepted is anyone the user may
        # see, so a result chosen before a new search still counts.
        self.candidates = candidates
        _limit_choices(self, "relative", access.persons_visible_to(user).exclude(pk=person.pk))
        field = self.fields["relative"]
        field.widget.choices = [(candidate.pk, str(candidate)) for candidate in candidates]


class EventForm(forms.ModelForm):
    date = PartialDateField(label=_("Date"))
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
        fields = [
            "kind",
            "date",
            "facility",
            "place",
            "sentence_months",
            "stated_reason",
            "description",
            "basis",
            "incident",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "stated_reason": forms.TextInput(attrs={"dir": "auto"}),
            "facility": FastSelect,
            "place": FastSelect,
            "incident": FastSelect,
        }

    def __init__(self, *args: Any, user: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_choices(
            self, "testimonies", access.testimonies_visible_to(user).filter(persons=person)
        )
        _limit_choices(self, "evidence", access.evidence_visible_to(user).filter(persons=person))
        _limit_choices(self, "facility", Facility.objects.all())
        _limit_choices(self, "incident", Incident.objects.all())
        if self.instance.pk:
            self.initial.setdefault("testimonies", list(self.instance.testimonies.all()))
            self.initial.setdefault("evidence", list(self.instance.evidence.all()))

    def _post_clean(self) -> None:
        pass

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("sentence_months") is not None and cleaned.get("kind") != "sentence":
            self.add_error("sentence_months", _("Only a sentence has a length."))
        return cleaned


class TestimonyForm(forms.ModelForm):
    given_on = PartialDateField(label=_("Date given"))

    class Meta:
        model = Testimony
        fields = [
            "witness_name",
            "witness_relationship",
            "given_on",
            "language",
            "text",
            "media",
            "visibility",
            "consent_publish",
            "consent_share_un",
            "consent_name_witness",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
            "witness_name": forms.TextInput(attrs={"dir": "auto"}),
            "witness_relationship": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["media"].validators.append(FileSizeLimit())
        _limit_visibility(self.fields["visibility"], user, self.instance.visibility)

    def _post_clean(self) -> None:
        pass


class EvidenceForm(forms.ModelForm):
    reference = forms.URLField(
        label=_("Reference"),
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text=_("A web address where the source can be found."),
    )

    class Meta:
        model = Evidence
        fields = [
            "kind",
            "title",
            "reference",
            "file",
            "reliability",
            "description",
            "facility",
            "visibility",
            "consent_publish",
            "consent_share_un",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "facility": FastSelect,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(FileSizeLimit())
        _limit_visibility(self.fields["visibility"], user, self.instance.visibility)

    def _post_clean(self) -> None:
        pass

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("file") and not cleaned.get("reference") and not self.instance.pk:
            self.add_error(
                "file", _("Upload a file or give a reference (a web address) to the evidence.")
            )
        return cleaned


class IncidentForm(forms.ModelForm):
    date = PartialDateField(label=_("Date"))

    class Meta:
        model = Incident
        fields = ["title", "date", "place", "description"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "place": FastSelect,
        }

    def _post_clean(self) -> None:
        pass


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices)
    consent_publish = forms.BooleanField(
        label=_("The family agrees to publication"), required=False
    )
    consent_share_un = forms.BooleanField(
        label=_("The family agrees to sharing with UN mechanisms"), required=False
    )
    consent_name_witness = forms.BooleanField(label=_("The witness may be named"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_visibility(self.fields["visibility"], user, self.initial.get("visibility", ""))


class PersonFilterForm(forms.Form):
    """The person list's search and filters, all optional, all kept in the URL."""

    q = forms.CharField(
        label=_("Name"), required=False, widget=forms.TextInput({"dir": "auto", "type": "search"})
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), *[(status.value, STATUS_LABELS[status]) for status in Status]],
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        required=False,
        choices=[("", _("Any")), ("f", _("Female")), ("m", _("Male")), ("unknown", _("Unknown"))],
    )
    place = NamedChoiceField(
        label=_("Hometown or prefecture"),
        required=False,
        queryset=Place.objects.none(),
        widget=FastSelect,
    )
    facility = NamedChoiceField(
        label=_("Facility"), required=False, queryset=Facility.objects.all(), widget=FastSelect
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"), required=False, choices=[("", _("Any")), *Visibility.choices]
    )
    synthetic = forms.ChoiceField(
        label=_("Data"),
        required=False,
        choices=[("", _("All")), ("no", _("Real records only")), ("yes", _("Synthetic only"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_choices(
            self,
            "place",
            Place.objects.filter(level__in=(Place.Level.PREFECTURE, Place.Level.COUNTY)),
        )
