"""Exact conversion between the three Uyghur scripts.

* UEY, Uyghur Arabic script (ئۇيغۇر ئەرەب يېزىقى), the script of Uyghur in Xinjiang;
* ULY, Uyghur Latin script (Uyghur Latin Yéziqi, 2006): é ö ü, digraphs ch gh ng sh zh, and an
  apostrophe where two letters would otherwise read as a digraph (n'g, s'h, z'h, g'h, n'gh) and
  where the hamza carrier ئ stands inside a word (jem'iyet, sa'et);
* USY, Uyghur Cyrillic script, used in Kazakhstan, Kyrgyzstan and the former Soviet Union.

Every word of UEY that begins with a vowel begins with the carrier ئ; ULY leaves it unwritten
there and writes an apostrophe for it inside a word, so UEY → ULY → UEY gives back the same text.
"""

from __future__ import annotations

import re
from functools import lru_cache

UEY_TO_ULY_LETTERS = {
    "ا": "a",
    "ە": "e",
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ج": "j",
    "چ": "ch",
    "خ": "x",
    "د": "d",
    "ر": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "گ": "g",
    "ڭ": "ng",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ھ": "h",
    "و": "o",
    "ۇ": "u",
    "ۆ": "ö",
    "ۈ": "ü",
    "ۋ": "w",
    "ې": "é",
    "ى": "i",
    "ي": "y",
}
_PUNCTUATION = {"؟": "?", "،": ",", "؛": ";", "٭": "*"}

UEY_LETTERS = "".join(UEY_TO_ULY_LETTERS) + "ئ"
UEY_VOWELS = "اەېىوۇۆۈ"
ULY_VOWELS = "aeéiouöü"
ULY_CONSONANTS: tuple[str, ...] = (
    "b",
    "ch",
    "d",
    "f",
    "g",
    "gh",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "ng",
    "p",
    "q",
    "r",
)
ULY_CONSONANTS += ("s", "sh", "t", "w", "x", "y", "z", "zh")

_UEY_TABLE = str.maketrans({**UEY_TO_ULY_LETTERS, **_PUNCTUATION, "ئ": "'"})
# The hamza carrier opening a word (nothing Uyghur before it) is not written in ULY.
_UEY_INITIAL_HAMZA = re.compile(f"(?<![{UEY_LETTERS}])ئ")
# A letter that, followed by the next one, would read as a ULY digraph gets an apostrophe after it.
_UEY_DIGRAPH_CLASH = re.compile("ن(?=[گغ])|[سزگ](?=ھ)")
_CLASH_LATIN = {"ن": "n'", "س": "s'", "ز": "z'", "گ": "g'"}


def _clash(match: re.Match[str]) -> str:
    return _CLASH_LATIN[match.group()]


def _convert_uey(text: str) -> str:
    text = _UEY_INITIAL_HAMZA.sub("", text)
    if "ن" in text or "ھ" in text:
        text = _UEY_DIGRAPH_CLASH.sub(_clash, text)
    return text.translate(_UEY_TABLE)


_cached_uey = lru_cache(maxsize=100_000)(_convert_uey)


def uey_to_uly(text: str) -> str:
    """Convert Uyghur Arabic script to Uyghur Latin script (lower case).

    >>> uey_to_uly("جەمئىيەت رەيھانگۈل")
    "jem'iyet reyhan'gül"
    """
    # A few passes of the regular expression engine over the whole text, no loop in Python;
    # names recur, so short texts are remembered.
    return _cached_uey(text) if len(text) <= 80 else _convert_uey(text)


_ULY_TOKEN = re.compile(r"ch|gh|ng|sh|zh|[a-zéöü]|'|.", re.DOTALL)
_ULY_TO_UEY = {latin: arabic for arabic, latin in UEY_TO_ULY_LETTERS.items()}
_ULY_TO_UEY.update({"?": "؟", ",": "،", ";": "؛", "'": ""})
_ULY_CONSONANT_SET = frozenset(ULY_CONSONANTS)


@lru_cache(maxsize=100_000)
def _uly_word_to_uey(word: str) -> str:
    out = []
    previous = ""
    for token in _ULY_TOKEN.findall(word.lower()):
        if token in ULY_VOWELS and previous not in _ULY_CONSONANT_SET:
            # A vowel opening the word, or following a vowel or an apostrophe, sits on the carrier.
            out.append("ئ")
        out.append(_ULY_TO_UEY.get(token, token))
        previous = token
    return "".join(out)


def uly_to_uey(text: str) -> str:
    """Convert Uyghur Latin script to Uyghur Arabic script.

    >>> uly_to_uey("Ilham")
    'ئىلھام'
    """
    return " ".join(_uly_word_to_uey(word) for word in text.split(" "))


ULY_TO_USY = {
    "a": "а",
    "b": "б",
    "ch": "ч",
    "d": "д",
    "e": "ә",
    "é": "е",
    "f": "ф",
    "g": "г",
    "gh": "ғ",
    "h": "һ",
    "i": "и",
    "j": "җ",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "ng": "ң",
    "o": "о",
    "ö": "ө",
    "p": "п",
    "q": "қ",
    "r": "р",
    "s": "с",
    "sh": "ш",
    "t": "т",
    "u": "у",
    "ü": "ү",
    "w": "в",
    "x": "х",
    "y": "й",
    "z": "з",
    "zh": "ж",
}
_USY_TO_ULY = {cyrillic: latin for latin, cyrillic in ULY_TO_USY.items()}
# Letters of Russian spelling that Uyghur Cyrillic texts also use.
_USY_TO_ULY.update(
    {"я": "ya", "ю": "yu", "ё": "yo", "э": "e", "ы": "i", "ц": "ts", "щ": "shch", "ъ": "", "ь": ""}
)
_USY_TO_ULY.update(
    {"ә": "e", "ӛ": "e", "һ": "h", "ҳ": "h", "ӯ": "u", "ұ": "u", "і": "i", "ӊ": "ng"}
)
_USY_LOWER = str.maketrans(_USY_TO_ULY)


@lru_cache(maxsize=100_000)
def _uly_word_to_usy(word: str) -> str:
    tokens = _ULY_TOKEN.findall(word.lower())
    out = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token == "y" and nxt in ("a", "u"):  # noqa: S105  (a name token, not a password)
            out.append("я" if nxt == "a" else "ю")
            i += 2
            continue
        if token == "'":  # noqa: S105  (a name token, not a password)
            # Only the apostrophe standing for the hamza carrier is written; the one that keeps
            # two Latin letters apart has nothing to keep apart in Cyrillic.
            if nxt in ULY_VOWELS and out:
                out.append("'")
        else:
            out.append(ULY_TO_USY.get(token, token))
        i += 1
    return "".join(out)


def uly_to_usy(text: str) -> str:
    """Convert Uyghur Latin script to Uyghur Cyrillic script (lower case)."""
    return " ".join(_uly_word_to_usy(word) for word in text.split(" "))


_ULY_CLASH = re.compile(r"n(?=gh?)|[szg](?=h)")


@lru_cache(maxsize=100_000)
def _usy_word_to_uly(word: str) -> str:
    # Convert letter by letter, marking each boundary, so apostrophes go only between letters
    # that came from two Cyrillic letters and would merge into a digraph.
    out = ""
    previous = ""
    for char in word.lower():
        piece = _USY_TO_ULY.get(char, char)
        if previous in ("n", "s", "z", "g") and _ULY_CLASH.match(previous + piece):
            out += "'"
        out += piece
        previous = piece
    return out


def usy_to_uly(text: str) -> str:
    """Convert Uyghur Cyrillic script to Uyghur Latin script (lower case)."""
    return " ".join(_usy_word_to_uly(word) for word in text.split(" "))


def capitalize_words(text: str) -> str:
    """Upper-case the first letter of every word, as names are written (jem'iyet → Jem'iyet)."""
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))
