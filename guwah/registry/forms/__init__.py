"""Forms of the documenter UI. They only read and check input; the services write.

By what they are about: :mod:`.persons` (a person, names, relatives, who may see it),
:mod:`.timeline` (events, testimony, evidence, incidents), :mod:`.search` (a list page's
address) and :mod:`.fields` (the pieces they are built of). Views write ``forms.PersonForm``
without knowing which module holds it.
"""

from guwah.registry.forms.fields import (
    FastSelect,
    FileSizeLimit,
    apply_service_errors,
)
from guwah.registry.forms.persons import (
    NameForm,
    NameFormSet,
    PersonForm,
    RelativeFormSet,
    RowError,
    TieForm,
    VisibilityForm,
    relative_formset,
)
from guwah.registry.forms.search import (
    BadParameter,
    PersonFilterForm,
    page_number,
    search_text,
    whole_number,
)
from guwah.registry.forms.timeline import (
    EventForm,
    EvidenceForm,
    IncidentForm,
    TestimonyForm,
)

__all__ = [
    "BadParameter",
    "EventForm",
    "EvidenceForm",
    "FastSelect",
    "FileSizeLimit",
    "IncidentForm",
    "NameForm",
    "NameFormSet",
    "PersonFilterForm",
    "PersonForm",
    "RelativeFormSet",
    "RowError",
    "TestimonyForm",
    "TieForm",
    "VisibilityForm",
    "apply_service_errors",
    "page_number",
    "relative_formset",
    "search_text",
    "whole_number",
]
