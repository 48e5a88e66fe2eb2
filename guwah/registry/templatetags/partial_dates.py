"""``{{ event.date|in_words }}``: a stored date said in the reader's language ("around 2017",
"2017-يىلى ئەتراپىدا", "2017年左右"), never in its stored form ("2017~")."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.utils import translation

from guwah.registry.dates import InvalidPartialDate, PartialDate

register = template.Library()


@register.filter
def in_words(value: str | PartialDate | None) -> str:
    if not value:
        return ""
    language = translation.get_language() or "en"
    if isinstance(value, PartialDate):
        return value.in_words(language)
    return _stored_in_words(str(value), language)


# A list page says fifty birth dates, most of them a bare year that many persons share: each
# stored form is read and said once per language, not once per row (pure, so safe to keep).
@lru_cache(maxsize=4096)
def _stored_in_words(stored: str, language: str) -> str:
    try:
        date = PartialDate.parse(stored)
    except InvalidPartialDate:
        # A date stored before the rules it breaks were written is shown as it was typed.
        return stored
    return date.in_words(language)
