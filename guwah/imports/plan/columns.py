"""The columns an import reads: Guwah's own field names, and a mapping from a file's headers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from guwah.registry.models import Event, Script

# Guwah's own column names: a file whose header uses them needs no mapping.
NAME_COLUMNS = {
    "name": "",  # any script, recognised from the text
    "name_ug_arab": Script.UYGHUR_ARABIC,
    "name_ug_latn": Script.UYGHUR_LATIN,
    "name_ug_cyrl": Script.UYGHUR_CYRILLIC,
    "name_zh": Script.CHINESE,
    "name_pinyin": Script.PINYIN,
    "name_latin": Script.INFORMAL_LATIN,
}
PERSON_COLUMNS = ("sex", "birth_date", "ethnicity", "hometown", "occupation", "notes")
FLAG_COLUMNS = ("consent_publish", "consent_share_un", "consent_name_witness", "synthetic")
EVENT_COLUMNS = {f"{kind}_date": kind for kind in Event.Kind.values}
EVENT_DETAIL_COLUMNS = ("facility", "sentence_months", "stated_reason")
OTHER_COLUMNS = ("id", "visibility", "status", "source", "testimony", "witness")
FIELDS = frozenset(
    [
        *NAME_COLUMNS,
        *PERSON_COLUMNS,
        *FLAG_COLUMNS,
        *EVENT_COLUMNS,
        *EVENT_DETAIL_COLUMNS,
        *OTHER_COLUMNS,
    ]
)
DATE_COLUMNS = frozenset(["birth_date", *EVENT_COLUMNS])

# What the status column of a published list says, as the event it reports (without a date).
STATUS_EVENTS = {
    "detained": Event.Kind.CAMP_DETENTION,
    "in camp": Event.Kind.CAMP_DETENTION,
    "camp": Event.Kind.CAMP_DETENTION,
    "arrested": Event.Kind.ARREST,
    "sentenced": Event.Kind.SENTENCE,
    "in prison": Event.Kind.PRISON,
    "imprisoned": Event.Kind.PRISON,
    "released": Event.Kind.RELEASE,
    "died": Event.Kind.REPORTED_DEATH,
    "dead": Event.Kind.REPORTED_DEATH,
    "disappeared": Event.Kind.DISAPPEARANCE,
    "missing": Event.Kind.DISAPPEARANCE,
    "lost contact": Event.Kind.LOST_CONTACT,
}
SEXES = {
    "f": "f",
    "female": "f",
    "woman": "f",
    "ayal": "f",
    "女": "f",
    "m": "m",
    "male": "m",
    "man": "m",
    "er": "m",
    "男": "m",
    "": "",
    "unknown": "",
}
TRUE = {"1", "true", "yes", "y", "x"}
FALSE = {"", "0", "false", "no", "n"}


class MappingError(ValueError):
    """A column mapping that names a field Guwah does not have."""


def columns_of(header: list[str], mapping: Mapping[str, Any] | None = None) -> dict[int, str]:
    """Which field each column of ``header`` fills: the mapping's choice, or the header itself
    when it is one of Guwah's own field names (in any case, with spaces for underscores)."""
    chosen: dict[str, str | None] = {}
    if mapping:
        columns = mapping.get("columns", mapping)
        if not isinstance(columns, Mapping):
            raise MappingError(_("A mapping is a JSON object of column header → field."))
        for header_name, target in columns.items():
            if target and target not in FIELDS:
                raise MappingError(
                    _(
                        "The mapping names “%(field)s”, which is not a field. "
                        "The fields are: %(fields)s."
                    )
                    % {"field": target, "fields": ", ".join(sorted(FIELDS))}
                )
            chosen[str(header_name).strip()] = target or None
    result: dict[int, str] = {}
    for index, name in enumerate(header):
        if name in chosen:
            target = chosen[name]
        else:
            normalised = name.strip().lower().replace(" ", "_")
            target = normalised if normalised in FIELDS else None
        if target:
            result[index] = target
    return result
