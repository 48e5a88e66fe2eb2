"""Template helpers of the registry pages: a name in the three Uyghur scripts, status labels.

``{{ text|to_script:"ug-Cyrl" }}`` writes any text in another Uyghur script.
"""

from __future__ import annotations

from django import template

from guwah.names.match import transliterate
from guwah.names.uyghur import capitalize_words, uly_to_uey, uly_to_usy
from guwah.registry.models import Name, Script
from guwah.registry.status import STATUS_LABELS

register = template.Library()

UYGHUR_SCRIPTS = (Script.UYGHUR_ARABIC, Script.UYGHUR_LATIN, Script.UYGHUR_CYRILLIC)
_EXACT_SOURCES = frozenset(UYGHUR_SCRIPTS)


@register.simple_tag
def uyghur_forms(name: Name) -> list[dict[str, object]]:
    """The name written in each Uyghur script. From a Uyghur script the conversion is exact;
    from Chinese characters or pinyin it is the most likely reading, and marked so."""
    exact = name.script in _EXACT_SOURCES
    # The stored ULY form already holds the reading of the name, the costly part for Chinese
    # characters; the other scripts are written from it letter for letter.
    written = {
        Script.UYGHUR_LATIN: name.uly,
        Script.UYGHUR_ARABIC: uly_to_uey(name.uly),
        Script.UYGHUR_CYRILLIC: capitalize_words(uly_to_usy(name.uly)),
    }
    forms: list[dict[str, object]] = []
    for script in UYGHUR_SCRIPTS:
        text = name.text if script == name.script else written[script]
        if text:
            forms.append(
                {
                    "script": script.value,
                    "label": script.label,
                    "text": text,
                    "original": script == name.script,
                    "exact": exact,
                }
            )
    return forms


@register.filter
def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


@register.filter
def script_class(script: str) -> str:
    """A CSS class choosing the font that can draw the script."""
    if script.endswith("-Arab"):
        return "script-arab"
    if script == Script.CHINESE:
        return "script-hans"
    return ""


@register.filter
def to_script(text: object, script: str) -> str:
    """The name written in ``script`` (ug-Latn, ug-Arab or ug-Cyrl); empty for empty input."""
    if text is None:
        return ""
    return transliterate(str(text), str(script))
