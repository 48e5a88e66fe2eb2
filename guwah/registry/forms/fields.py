"""The pieces the documenter's forms are built of: partial dates, fast selects, the record's
version, hidden characters, the upload-size limit, and a service's refusal shown on a form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from guwah import text as readable
from guwah.registry import access
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import Visibility, describe_invalid_date
from guwah.registry.services.checks import ChangedMeanwhile, check_upload_size


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    if isinstance(error, ChangedMeanwhile) and VERSION_FIELD in form.fields:
        # The editor's entries stay as typed; the next save is made knowing the other change.
        _replace_value(form, VERSION_FIELD, str(error.version))
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


VERSION_FIELD = "expected_version"


def _replace_value(form: forms.BaseForm, name: str, value: str) -> None:
    """Show ``value`` in field ``name`` of a bound form, instead of what was posted."""
    # A request's data is a read-only QueryDict; its copy may be changed.
    data = form.data.copy() if isinstance(form.data, QueryDict) else dict(form.data)
    data[form.add_prefix(name)] = value
    form.data = data


def add_version_field(form: forms.BaseModelForm) -> None:
    """Carry the version of the record being edited, so that the service can tell the editor
    when someone else saved it in the meantime (see ``services.check_unchanged_since``)."""
    if form.instance.pk is not None:
        form.fields[VERSION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput,
            required=False,
            min_value=1,
            initial=form.instance.version,
        )


def remove_hidden_characters(form: forms.BaseForm, *names: str) -> None:
    """Remove what reorders or does not show from long texts, and show the writer the text as
    it will be kept, with a note, before anything is saved (see :mod:`guwah.text`)."""
    for name in names:
        value = form.cleaned_data.get(name)
        if not value:
            continue
        kept, hidden = readable.without_hidden_characters(value)
        if hidden:
            form.cleaned_data[name] = kept
            _replace_value(form, name, kept)
            form.add_error(
                name,
                _(
                    "Removed %(characters)s, which did not show or changed the order of the "
                    "text. Check the text below and save again."
                )
                % {"characters": ", ".join(readable.labels(hidden))},
            )


def clean_partial_date(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return PartialDate.parse(value).edtf()
    except InvalidPartialDate as exc:
        raise ValidationError(describe_invalid_date(exc)) from exc


class PartialDateField(forms.CharField):
    """A date as families say it: a year, month, day, season, Islamic month or a range, with
    about/before/after, in any language of the interface; cleaned to its stored form."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        # What is typed may be long ("2017-يىلى 5-ئاينىڭ 3-كۈنىدىن بۇرۇن"); what is stored is
        # short enough for the 32 characters of the database column.
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "help_text",
            _(
                "As you would say it: 2017, May 2017, 3 May 2017, summer 2017, about 2017, "
                "before Ramadan 2017, 2017–2018."
            ),
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
            mark_safe("".join(options)),  # noqa: S308  (every value and label escaped above)
        )


def _name_column(model: Any) -> str:
    """The column holding a place's or a facility's name in the reader's language."""
    language = (translation.get_language() or "en").lower()
    columns = {field.name for field in model._meta.get_fields()}
    wanted: tuple[str, ...] = ()
    if language.startswith("ug"):
        wanted = ("name_ug_arab", "name_ug")
    elif language.startswith("zh"):
        wanted = ("name_zh",)
    return next((column for column in wanted if column in columns), "name_en")


class _NamedChoices(forms.models.ModelChoiceIterator):
    """Choices read as (key, name) pairs, the name in the reader's language where it is known
    (Ghulja, not Yining City, for a Uyghur reader) and the English one otherwise, without
    building a model instance for each of a few hundred options."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        column = _name_column(self.queryset.model)
        if column == "name_en":
            yield from self.queryset.values_list("pk", "name_en")
            return
        # Listed in the reader's alphabet, so the name she looks for is where she expects it.
        named = [
            (pk, local or english)
            for pk, local, english in self.queryset.values_list("pk", column, "name_en")
        ]
        yield from sorted(named, key=lambda choice: choice[1])


class NamedChoiceField(forms.ModelChoiceField):
    iterator = _NamedChoices


def limit_visibility(field: forms.Field, user: Any, current: str = "") -> None:
    # A record a reviewer already published stays public when someone else edits it; only
    # the choice to publish is withheld.
    if not access.can_publish(user) and current != Visibility.PUBLIC:
        assert isinstance(field, forms.ChoiceField)  # noqa: S101  (narrows a type; the lines above ensure it)
        field.choices = [
            (value, label) for value, label in Visibility.choices if value != Visibility.PUBLIC
        ]


def limit_choices(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  (narrows a type; the lines above ensure it)
    field.queryset = queryset


class FileSizeLimit:
    """Refuses an upload above ``GUWAH_MAX_UPLOAD_BYTES`` with a message on the form."""

    def __call__(self, upload: Any) -> None:
        if upload:
            check_upload_size(upload.size)


class RecordForm(forms.ModelForm):
    """A form for a record the services write: it reads and checks what was typed, and shows
    the long texts as they will be kept. Whether the record may be saved is the service's
    question (it sees the whole timeline), so the form does not validate the instance."""

    # The long texts to clear of characters that reorder text or do not show.
    long_texts: tuple[str, ...] = ()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        remove_hidden_characters(self, *self.long_texts)
        return cleaned

    def _post_clean(self) -> None:
        pass


class ProtectedRecordForm(RecordForm):
    """A form for a record with its own visibility and consent (a person, a testimony, an item
    of evidence): it offers only the visibility the user may choose, limits the size of its
    upload and carries the version being edited."""

    upload_field = ""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.upload_field:
            self.fields[self.upload_field].validators.append(FileSizeLimit())
        limit_visibility(self.fields["visibility"], user, self.instance.visibility)
        add_version_field(self)
