from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah.imports.export import FORMATS
from guwah.imports.mappings import saved_mappings
from guwah.imports.models import SavedMapping


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
    saved = forms.ModelChoiceField(
        label=_("Saved mapping"),
        queryset=SavedMapping.objects.none(),
        required=False,
        help_text=_("A mapping kept from an earlier list; a mapping written above comes first."),
    )
    save_as = forms.CharField(
        label=_("Keep the mapping as"),
        max_length=100,
        required=False,
        help_text=_("A name (the partner's, say), to choose this mapping next time."),
    )
    source = forms.SlugField(
        label=_("Origin of the list"),
        required=False,
        help_text=_("Put before the file's IDs, so that two partners' row 1 stay apart."),
    )

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["saved"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  (narrows a type; the lines above ensure it)
        field.queryset = saved_mappings(actor)

    def chosen_mapping(self) -> dict[str, Any] | None:
        """The mapping written in the form, else the saved one chosen, else none."""
        if self.cleaned_data.get("mapping"):
            return dict(self.cleaned_data["mapping"])
        saved = self.cleaned_data.get("saved")
        return {"columns": dict(saved.columns)} if saved is not None else None

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
