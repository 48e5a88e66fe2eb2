"""Country names as ISO 3166-1 gives them, in the reader's language, from ``pycountry``."""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

# Django's language codes and the names of pycountry's (iso-codes') message catalogues.
_CATALOGUE_FOR_LANGUAGE = {"ug": "ug", "zh-hans": "zh_CN", "zh-hant": "zh_TW", "tr": "tr"}


def english_name(alpha_3: str) -> str:
    """The short English name people use (South Korea rather than Korea, Republic of)."""
    country = pycountry.countries.get(alpha_3=alpha_3)
    if country is None:
        raise LookupError(alpha_3)
    return str(getattr(country, "common_name", None) or country.name)


def official_name(alpha_3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha_3)
    return str(getattr(country, "official_name", "") or "") if country else ""


@lru_cache(maxsize=16)
def _catalogue(language: str) -> gettext.NullTranslations:
    name = _CATALOGUE_FOR_LANGUAGE.get(language.lower())
    if name is None:
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [name], fallback=True)


def localised_name(english: str, language: str | None) -> str:
    """``english`` (as ISO 3166-1 spells it) in ``language``, or unchanged if untranslated."""
    if not language:
        return english
    return _catalogue(language).gettext(english)
