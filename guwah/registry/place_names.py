"""A place named in the reader's language: Ghulja for a Uyghur reader, 伊宁市 for a Chinese one.

The gazetteer keeps each place's English, Uyghur (Arabic and Latin script) and Chinese names; a
family reads its hometown under the name it uses, not under the Chinese state's English spelling.
"""

from __future__ import annotations

from typing import Protocol

from django.utils import translation

from guwah.names.uyghur import uly_to_uey


class NamedPlace(Protocol):
    name_en: str
    name_ug_arab: str
    name_ug_latn: str
    name_zh: str


def place_name(place: NamedPlace | None, language: str | None = None) -> str:
    """The name of ``place`` for a reader of ``language`` (the active language when not given).

    Uyghur readers get the Arabic-script name, written from the Latin-script one when only that is
    known (the conversion is letter for letter); Chinese readers the Chinese name; everyone else,
    and anyone whose name for the place is not recorded, the English name.
    """
    if place is None:
        return ""
    code = (language or translation.get_language() or "en").lower()
    if code.startswith("ug"):
        if place.name_ug_arab:
            return place.name_ug_arab
        if place.name_ug_latn:
            return uly_to_uey(place.name_ug_latn)
    elif code.startswith("zh") and place.name_zh:
        return place.name_zh
    return place.name_en
