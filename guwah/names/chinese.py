"""Uyghur names written in Chinese characters or in their pinyin, read back as Uyghur sounds.

Chinese records write a Uyghur name one character per Uyghur syllable, and a syllable-final
consonant with a character of its own whose vowel is silent (买买提 = me-me-t, Memet; 吐尔逊 =
tu-r-sun, Tursun).
The table ``data/hanzi_uyghur.tsv`` gives the Uyghur sound of the characters and pinyin syllables
used that way; other characters are read through pypinyin and the syllable rules below.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from guwah.names.latin import split_pinyin

TABLE_PATH = Path(__file__).with_name("data") / "hanzi_uyghur.tsv"

# Pinyin initials as Uyghur consonants: the PRC Latin x and q are sh and ch; zh (扎 zha) writes
# the z of Zakir and Azat.
_INITIALS = {
    "b": "b",
    "p": "p",
    "m": "m",
    "f": "f",
    "d": "d",
    "t": "t",
    "n": "n",
    "l": "l",
    "g": "g",
    "k": "k",
    "h": "h",
    "j": "j",
    "q": "ch",
    "x": "sh",
    "zh": "z",
    "ch": "ch",
    "sh": "sh",
    "r": "r",
    "z": "z",
    "c": "s",
    "s": "s",
    "y": "y",
    "w": "w",
}
# Pinyin finals as Uyghur vowels: Chinese diphthongs stand for plain Uyghur vowels (买 mai = me),
# and -ng closes syllables that in Uyghur end in -n (江 jiang = jan).
_FINALS = {
    "a": "a",
    "o": "o",
    "e": "e",
    "ai": "e",
    "ei": "é",
    "ao": "o",
    "ou": "u",
    "an": "an",
    "en": "en",
    "ang": "an",
    "eng": "en",
    "ong": "un",
    "er": "r",
    "i": "i",
    "ia": "ya",
    "ie": "yé",
    "iao": "yo",
    "iu": "yu",
    "ian": "yen",
    "in": "in",
    "iang": "yan",
    "ing": "in",
    "iong": "yun",
    "u": "u",
    "ua": "wa",
    "uo": "o",
    "uai": "we",
    "ui": "uy",
    "uan": "wan",
    "un": "un",
    "uang": "wan",
    "v": "ü",
    "ve": "üe",
    "ue": "üe",
}
# After these initials the i-glide of a final is part of the consonant (jiang = jan, xian = shan).
_PALATAL = frozenset({"j", "q", "x"})
_PALATAL_FINALS = {"a": "a", "e": "é", "ao": "o", "u": "u", "an": "an", "n": "in", "ang": "an"}
_PALATAL_FINALS.update({"ng": "in", "ong": "un"})
_SYLLABLE = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]?)(.*)$")


def _syllable_reading(syllable: str) -> str:
    """Read one toneless pinyin syllable as Uyghur sounds by the generic rules."""
    syllable = syllable.lower().replace("ü", "v")
    head, final = _SYLLABLE.match(syllable).groups()  # type: ignore[union-attr]
    if head == "y":
        # yi, yin, ying are the vowel i; yu, yue, yuan, yun have the rounded ü.
        if final in ("i", "in", "ing"):
            return "i" if final == "i" else "in"
        if final in ("u", "ue", "uan", "un"):
            return "y" + {"u": "ü", "ue": "üe", "uan": "üen", "un": "ün"}[final]
        return "y" + _FINALS.get(final, final)
    if head == "w":
        if final == "u":
            return "u"
        if final == "o":
            return "o"
        return "w" + _FINALS.get(final, final)
    if head in _PALATAL:
        if final.startswith("i") and len(final) > 1:
            final = final[1:]
            return _INITIALS[head] + _PALATAL_FINALS.get(final, _FINALS.get(final, final))
        if final.startswith("u"):
            return _INITIALS[head] + {"u": "ü", "ue": "üe", "uan": "üen", "un": "ün"}.get(
                final, final
            )
    consonant = _INITIALS.get(head, head)
    vowel = _FINALS.get(final, final)
    return consonant + vowel


def _load_table() -> tuple[dict[str, str], dict[str, str]]:
    characters: dict[str, str] = {}
    syllables: dict[str, str] = {}
    with TABLE_PATH.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            key, reading, *_ = line.rstrip("\n").split("\t")
            if key.isascii():
                syllables[key] = reading
            else:
                characters[key] = reading
    return characters, syllables


CHARACTER_READINGS, SYLLABLE_READINGS = _load_table()


@lru_cache(maxsize=4096)
def syllable_reading(syllable: str) -> str:
    """The Uyghur reading of a pinyin syllable, "(…)" around a vowel that may be silent."""
    return SYLLABLE_READINGS.get(syllable) or _syllable_reading(syllable)


@lru_cache(maxsize=20_000)
def character_reading(character: str) -> str:
    """The Uyghur reading of one Chinese character (table first, then its pinyin)."""
    reading = CHARACTER_READINGS.get(character)
    if reading is not None:
        return reading
    try:
        from pypinyin import lazy_pinyin

        pinyin = lazy_pinyin(character, errors="ignore")
    except Exception:  # pragma: no cover - pypinyin is a declared dependency
        return ""
    return syllable_reading(pinyin[0]) if pinyin and pinyin[0].isascii() else ""


_OPTIONAL = re.compile(r"\(([^)]*)\)")
_ULY_VOWEL_START = re.compile(r"^[aeéiouöü]")
_HAS_VOWEL = re.compile(r"[aeéiouöü]")


def _in_context(readings: list[str]) -> list[str]:
    """The readings of a word's syllables, corrected for the characters around each.

    * Chinese has no syllable-final m, so a Uyghur syllable closed by m is written with the
      -an or -en character of its vowel, and the m follows as the next syllable's onset or as
      a final 木: 穆罕默德 is Muhemmed (mu-hem-med), 鲁斯坦木 Rustem. An -an or -en before m
      therefore stands for that m. Other nasal finals are left alone: 吐尔逊买买提 is Tursun
      Memet run together, and its n is real.
    * Chinese writes the Uyghur u and wu with the same characters (吾, 乌: pinyin wu), and
      Uyghur has no two vowels side by side in a word, so after a syllable ending in a or e
      they stand for wu: 达吾提 is Dawut and 买吾拉尼 Mewlani. After other vowels they stay a
      vowel, as in 阿不都吾甫尔, Abdughopur, whose gh Chinese does not write.
    """
    out = list(readings)
    for index, reading in enumerate(readings):
        nxt = readings[index + 1] if index + 1 < len(readings) else ""
        if reading.endswith(("an", "en")) and nxt.startswith("m"):
            # Before a final 木 (m(u)) the m is written twice over; keep it once.
            out[index] = reading[:-1] + ("" if nxt.startswith("m(") else "m")
        previous = readings[index - 1] if index else ""
        if reading == "u" and previous.endswith(("a", "e")):
            out[index] = "wu"
    return out


def join_readings(readings: list[str]) -> str:
    """Join syllable readings into a word, keeping a silent vowel only where Uyghur needs one.

    Read from the end of the word: a vowel in parentheses is dropped at the end of the word and
    before a consonant, unless the syllable after lost its vowel too (a Uyghur syllable has
    one vowel), so the last of a run of such syllables closes the syllable before it: 阿力木 is
    alim, 卡斯木 qasim, 米吉提 mijit, 阿布力孜 abliz. Each reading is first read in context
    (``_in_context``).
    """
    readings = _in_context(readings)
    out: list[str] = []
    dropped_after = False
    count = len(readings)
    for index in range(count - 1, -1, -1):
        reading = readings[index]
        if "(" not in reading:
            out.append(reading)
            dropped_after = False
            continue
        nxt = readings[index + 1] if index + 1 < count else ""
        before_consonant = not nxt or not _ULY_VOWEL_START.match(nxt)
        # The first syllable of a word always keeps its vowel (木拉提 is mulat, not mlat), and so
        # does one before a bare consonant (卡德尔 is qader, not qadr).
        if before_consonant and not dropped_after and index > 0 and not _is_bare(nxt):
            out.append(_OPTIONAL.sub("", reading))
            dropped_after = True
        else:
            out.append(_OPTIONAL.sub(r"\1", reading))
            dropped_after = False
    return "".join(reversed(out))


def _is_bare(reading: str) -> bool:
    """A reading with no vowel at all, such as 尔 r."""
    return (
        bool(reading) and not _HAS_VOWEL.search(_OPTIONAL.sub("", reading)) and "(" not in reading
    )


@lru_cache(maxsize=100_000)
def hanzi_to_uly(word: str) -> str:
    """Read one word of Chinese characters as a Uyghur word in ULY letters (lower case)."""
    readings = [character_reading(char) for char in word]
    return join_readings([reading for reading in readings if reading])


@lru_cache(maxsize=100_000)
def pinyin_to_uly(word: str) -> str:
    """Read one pinyin word (Maimaitiming) as a Uyghur word in ULY letters (lower case)."""
    syllables = split_pinyin(word)
    if syllables is None:
        return word.lower()
    return join_readings([syllable_reading(syllable) for syllable in syllables])
