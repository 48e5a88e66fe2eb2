from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah.imports.export import FORMATS


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV, Excel (.xlsx), JSON, or a Guwah export archive (.zip).")
    )
    mapping = forms.CharField(
        label=_("Column mapping"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_(
            'Only for headers that are not Guwah\'s field names, as JSON: {"Full name": "name"}.'
        ),
    )
    source = forms.SlugField(
        label=_("Origin of the list"),
        required=False,
        help_text=_("Put before the file's IDs, so that two partners' row 1 stay apart."),
    )

    def clean_mapping(self) -> dict[str, Any] | None:
        text = self.cleaned_data["mapping"].strip()
        if not text:
            return None
        try:
            mapping = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(_("The mapping is not JSON.")) from exc
        if not isinstance(mapping, dict):
            raise forms.ValidationError(_("A mapping is a JSON object of column header → field."))
        return mapping


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=[(f, f) for f in FORMATS])
