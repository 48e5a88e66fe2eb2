"""The names engine: one person's name across Uyghur Arabic, Latin and Cyrillic, Chinese and pinyin.

A library, not an app: it takes strings and returns strings, keys and scores, and imports
nothing of Django or of the apps. The registry stores what it computes
(:mod:`guwah.registry.names_index`).
"""

from guwah.names.match import (
    detect_script,
    is_chinese_origin,
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
    "is_chinese_origin",
    "match_key",
    "name_parts",
    "phonetic",
    "similarity",
    "transliterate",
]
