"""What a publication level leaves of a name and an age (pure: no database, no Django models).

:mod:`guwah.public.reading` applies these to every public page, answer and download; they are
apart only so that they can be tested on their own.
"""

from __future__ import annotations

import re

FULL = "full"
PARTIAL = "partial"
ANONYMOUS = "anonymous"

# The middle dots a Uyghur name written in Chinese characters separates its parts with.
_CHINESE_SEPARATORS = re.compile(r"[·•・‧]")
_SPACES = re.compile(r"\s+")
# The ten-year bands ages are shown in: wide enough not to point at one person, narrow enough
# for the statistics to mean something.
BAND_WIDTH = 10


def partial_name(text: str) -> str:
    """The given name and the initial of the rest ("Memtimin H."), or "" when the name cannot be
    told apart into a given name and the rest: then nothing of it is shown.

    A Uyghur name puts the given name first and the father's name after it, in every script; in
    Chinese characters the parts are separated by a middle dot. A name in Chinese characters
    without one (a Han name puts the family name first) is not shortened but withheld.
    """
    text = text.strip()
    parts = [part for part in _CHINESE_SEPARATORS.split(text) if part.strip()]
    if len(parts) > 1:
        given, rest = parts[0].strip(), parts[1].strip()
        return f"{given}·{rest[0]}."
    words = _SPACES.split(text)
    if len(words) < 2:
        return ""
    return f"{words[0]} {words[1][0]}."


def age_band(birth_year: int | None, in_year: int | None) -> str:
    """The ten-year band of the age a person born in ``birth_year`` had in ``in_year``
    ("30–39"), or "" when either is unknown or the two contradict each other."""
    if birth_year is None or in_year is None or in_year < birth_year:
        return ""
    start = (in_year - birth_year) // BAND_WIDTH * BAND_WIDTH
    return f"{start}–{start + BAND_WIDTH - 1}"
