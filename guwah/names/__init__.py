"""The names engine: one person's name across Uyghur Arabic, Latin and Cyrillic, Chinese and pinyin.

Pure Python; Django is used only by ``integration``, ``management`` and ``templatetags``.
"""

from guwah.names.match import (
    detect_script,
    match_key,
    name_parts,
    phonetic,
    similarity,
    transliterate,
)
from guwah.names.scripts import clean

__all__ = [
    "clean",
    "detect_script",
    "match_key",
    "name_parts",
    "phonetic",
    "similarity",
    "transliterate",
]
