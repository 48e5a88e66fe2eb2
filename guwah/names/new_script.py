"""The New Script (Yéngi Yéziq, 1965–1982): the Latin alphabet Uyghur was written in for a while.

Names written then, and by people who learnt it, still appear in documents: Ⱨoxur for Hoshur,
Xɵⱨrət for Shöhret, Ürümqi for Ürümchi. Its letters differ from ULY's in both directions:

======  ====  ===========================================
UYY     ULY   Uyghur Arabic
======  ====  ===========================================
x       sh    ش (PRC-official Latin keeps it: Kaxgar)
h       x     خ
ⱨ       h     ھ
q       ch    چ
ⱪ       q     ق
ƣ       gh    غ
ⱬ       zh    ژ
ə       e     ە
e       é     ې
ɵ       ö     ۆ
======  ====  ===========================================

(Table after the Uyghur script correspondences in the project's design notes; the same
correspondences are given by the Unicode proposal for the New Script letters, L2/04-106.)

A name carrying one of the New Script's own letters (ⱨ ⱪ ƣ ⱬ ə ɵ) is read as New Script. One
typed in plain ASCII cannot be told from ULY (Exmet is a ULY name; Hoxur is a New Script one),
so ``reading_if_new_script`` gives its New Script reading for a search to try beside it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from guwah.names import scripts

# Only the New Script has these letters (upper case folds to them).
_OWN_LETTERS = re.compile("[ⱨⱪƣⱬəɵ]")
_TO_ULY = {
    "x": "sh",
    "h": "x",
    "ⱨ": "h",
    "q": "ch",
    "ⱪ": "q",
    "ƣ": "gh",
    "ⱬ": "zh",
    "ə": "e",
    "e": "é",
    "ɵ": "ö",
}
# Letters whose New Script reading differs from their ULY one, in a name without the New
# Script's own letters: x (sh) and q (ch). An h alone changes nothing a key sees (h and x are
# one sound there), and e and é neither.
_AMBIGUOUS = re.compile("[xq]")


def is_new_script(text: str) -> bool:
    """True when ``text`` has a letter only the New Script uses."""
    if text.isascii():
        return False  # Every letter of its own is outside ASCII.
    return bool(_OWN_LETTERS.search(unicodedata.normalize("NFC", text.lower())))


@lru_cache(maxsize=100_000)
def new_script_to_uly(word: str) -> str:
    """One word in the New Script in ULY letters (lower case)."""
    word = unicodedata.normalize("NFC", word.lower())
    return "".join(_TO_ULY.get(letter, letter) for letter in word)


def reading_if_new_script(text: str) -> str | None:
    """The ULY reading of a Latin name as if typed in the New Script, when that reading differs
    from the ordinary one and the name does not declare itself (``is_new_script``); else None.
    """
    if not isinstance(text, str) or is_new_script(text):
        return None
    if scripts.has_chinese(text) or scripts.has_arabic(text) or scripts.has_cyrillic(text):
        return None
    lowered = text.lower()
    if not _AMBIGUOUS.search(lowered):
        return None
    return " ".join(new_script_to_uly(word) for word in lowered.split())
