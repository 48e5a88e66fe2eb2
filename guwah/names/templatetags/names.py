"""``{% load names %}``: a name in another Uyghur script, ``{{ text|to_script:"ug-Cyrl" }}``."""

from __future__ import annotations

from django import template

from guwah.names.match import transliterate

register = template.Library()


@register.filter
def to_script(text: object, script: str) -> str:
    """The name written in ``script`` (ug-Latn, ug-Arab or ug-Cyrl); empty for empty input."""
    if text is None:
        return ""
    return transliterate(str(text), str(script))
