from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from guwah.registry.models import FamilyTie


class QueueFilterForm(forms.Form):
    minimum = forms.FloatField(
        label=_("Probability at least"), min_value=0, max_value=1, required=False, initial=0.5
    )
    maximum = forms.FloatField(
        label=_("at most"), min_value=0, max_value=1, required=False, initial=1
    )
    kind = forms.ChoiceField(
        label=_("Pairs"),
        required=False,
        choices=[
            ("", _("All")),
            ("registry", _("Within the registry")),
            ("external", _("With an imported list")),
        ],
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Strongest first")), ("uncertain", _("Most uncertain first"))],
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Same person")),
            ("reject", _("Different people")),
            ("related", _("Related, not the same")),
        ],
        widget=forms.RadioSelect,
    )
    relation = forms.ChoiceField(
        label=_("If related: the second record is the first one's"),
        choices=FamilyTie.Relation.choices,
        initial=FamilyTie.Relation.SIBLING,
        required=False,
    )
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("What convinced you; another reviewer will read it."),
    )


class UndoForm(forms.Form):
    confirm = forms.BooleanField(label=_("Undo this merge"), required=True)


class ClusterForm(forms.Form):
    reason = forms.CharField(
        label=_("Why these records are one person"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Every record is merged into the oldest; each merge can be undone."),
    )
