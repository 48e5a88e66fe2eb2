"""Template helpers of the registry pages: a name in the three Uyghur scripts, status labels."""

from __future__ import annotations

from typing import Any

from django import template

from guwah.registry.models import Script
from guwah.registry.services import STATUS_LABELS

register = template.Library()

UYGHUR_SCRIPTS = (Script.UYGHUR_ARABIC, Script.UYGHUR_LATIN, Script.UYGHUR_CYRILLIC)
_EXACT_SOURCES = frozenset(UYGHUR_SCRIPTS)


def _transliterate(text: str, to: str) -> str:
    try:
        from guwah.names.match import transliterate
    except ImportError:  # The names engine is optional for the registry pages.
        return ""
    return transliterate(text, to)


@register.simple_tag
def uyghur_forms(name: Any) -> list[dict[str, Any]]:
    """The name written in each Uyghur script. From a Uyghur script the conversion is exact;
    from Chinese characters or pinyin it is the most likely reading, and marked so."""
    exact = name.script in _EXACT_SOURCES
    forms = []
    for script in UYGHUR_SCRIPTS:
        text = name.text if script == name.script else _transliterate(name.text, script)
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
