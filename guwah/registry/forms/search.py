"""Reading a list page's address: the person list's search and filters, page numbers and
other whole numbers, a name to search for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah import text as readable
from guwah.registry.forms.fields import FastSelect, NamedChoiceField, limit_choices
from guwah.registry.models import Facility, Place, Visibility
from guwah.registry.status import STATUS_LABELS
from guwah.registry.timeline import Status


class BadParameter(ValueError):
    """A query parameter that cannot be read; the message says which, and what it takes."""


# A page number beyond this is past the end of any list; bounding it keeps the offset a
# database can take (SQLite refuses an integer above 2**63).
LAST_PAGE = 1_000_000


def whole_number(query: Any, name: str, *, default: int, lowest: int, highest: int) -> int:
    """Query parameter ``name`` as a whole number brought into ``lowest``..``highest``; absent
    or empty, ``default``. Anything else is refused with :class:`BadParameter`."""
    raw = query.get(name, "")
    if not raw.strip():
        return default
    try:
        number = int(raw)
    except ValueError:
        raise BadParameter(
            _("?%(name)s= takes a whole number from %(lowest)d to %(highest)d.")
            % {"name": name, "lowest": lowest, "highest": highest}
        ) from None
    return min(max(number, lowest), highest)


def page_number(query: Any) -> int:
    """``?page=`` as a number from 1; a mangled page number shows the first page, as Django's
    paginator does for the other lists."""
    try:
        return whole_number(query, "page", default=1, lowest=1, highest=LAST_PAGE)
    except BadParameter:
        return 1


class SearchField(forms.CharField):
    """A name to search for, without the characters that reorder text or do not show: stored
    names hold none (see :mod:`guwah.text`), so a pasted name finds its person with or without
    them, and a NUL byte never reaches the database."""

    def to_python(self, value: Any) -> str:
        kept, _removed = readable.without_hidden_characters(str(super().to_python(value)))
        return " ".join(kept.split())


def search_text(query: Any, name: str = "q") -> str:
    return str(SearchField(required=False, max_length=None).clean(query.get(name, "")))


class PersonFilterForm(forms.Form):
    """The person list's search and filters, all optional, all kept in the URL."""

    q = SearchField(
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
        limit_choices(
            self,
            "place",
            Place.objects.filter(level__in=(Place.Level.PREFECTURE, Place.Level.COUNTY)),
        )
