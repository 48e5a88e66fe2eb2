"""One person's name across scripts: conversion, phonetic form, match key and similarity.

Every name is brought, word by word, to Uyghur Latin letters (ULY) from whatever it is written
in, then to a phonetic form in which the distinctions that spellings and Chinese transliteration
blur are gone:

* vowels fall into three classes, a (a, e, ä), i (i, é, y) and u (o, u, ö, ü);
* h, x (kh) and gh are one sound h; q, k and g are k, except a g before a or o, which is the gh
  of a spelling that has no letter for it; s and sh are s; j, zh (and Turkish c) are j; p and f
  are p; v and w are w; ng and n are n, except an ng before the suffix gül (n'g); ch is written
  č; doubled letters are single; a final d or b is t or p.

The match key of a word is its phonetic consonant skeleton without h, which Chinese characters drop
(Hoshur = 吾守尔); the key of a name is the sorted keys of its words. Similarity compares skeletons
and phonetic forms word by word, knowing that a name is a given name and a father's name, that
records swap them and that one may be missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import combinations, pairwise, permutations

from rapidfuzz.distance import Levenshtein

from guwah.names import scripts
from guwah.names.chinese import hanzi_to_uly, pinyin_to_uly
from guwah.names.latin import (
    PINYIN_MARKERS,
    has_pinyin_marker,
    informal_to_uly,
    is_german_spelling,
    is_pinyin,
    is_pinyin_word,
)
from guwah.names.new_script import is_new_script, new_script_to_uly
from guwah.names.uyghur import capitalize_words, uey_to_uly, uly_to_uey, uly_to_usy, usy_to_uly

TARGETS = {
    "ug-latn": scripts.UYGHUR_LATIN,
    "uly": scripts.UYGHUR_LATIN,
    "latn": scripts.UYGHUR_LATIN,
    "ug-arab": scripts.UYGHUR_ARABIC,
    "uey": scripts.UYGHUR_ARABIC,
    "arab": scripts.UYGHUR_ARABIC,
    "ug-cyrl": scripts.UYGHUR_CYRILLIC,
    "usy": scripts.UYGHUR_CYRILLIC,
    "cyrl": scripts.UYGHUR_CYRILLIC,
}


def _complete(table: dict[int, str | None]) -> dict[int, str | None]:
    """``table`` with each ASCII character and č that it leaves alone mapped to itself: the same
    translation, but ``str.translate`` finds a character missing from its table by raising and
    catching a LookupError, once per character of every word, which doubled the cost of the pass.
    """
    return {**{code: chr(code) for code in (*range(128), ord("č"))}, **table}


_PHONETIC_LETTERS = _complete(
    str.maketrans(
        {
            "a": "a",
            "e": "a",
            "ä": "a",
            "é": "i",
            "i": "i",
            "y": "i",
            "o": "u",
            "u": "u",
            "ö": "u",
            "ü": "u",
            "x": "h",
            "q": "k",
            "g": "k",
            "f": "p",
            "v": "w",
            "c": "j",
            "'": None,
        }
    )
)
# Uyghur pairs g with front vowels and gh with back ones, so a g before a or o is a gh written
# without its h: Russian has no letter for gh (Galip, Gozhimusa), English often drops the h
# (Gani), and Chinese writes it with 尕 (ga). Loanwords such as Nigare pay for it.
_BACK_G = re.compile(r"(?<![n'])g(?=[ao])")
# The suffix gül after a name ending in n is n'g in ULY (Amangül, Tursungül), but informal ULY
# and every other Latin spelling leave the apostrophe out; no Uyghur word has ng (ڭ) before ül.
_N_GUL = re.compile(r"ng(?=y?[üu]l)")
_NOT_PHONETIC = re.compile("[^abčdhijklmnprstuwz]+")
_DOUBLED = re.compile(r"(.)\1+")
# Whether there is a doubled letter to make single: the same places as ``_DOUBLED``, found
# sooner, since the expression engine need not take in the rest of each run of a letter.
_HAS_DOUBLED = re.compile(r"(.)\1")


def _single(found: re.Match[str]) -> str:
    # A function, not the template r"\1", which re parses again on every call.
    return found.group(1)


_DEVOICED = {"d": "t", "b": "p"}
_DIMINUTIVE = "jan"
# -ovich, -evna, -ova, -ov ... as they read after the phonetic mapping (o → u, e → a, v → w).
_RUSSIAN_ENDINGS = ("uwič", "awič", "uwna", "awna", "uwa", "awa", "uw", "aw")
_RUSSIAN_ENDING = re.compile(f"(?:{'|'.join(_RUSSIAN_ENDINGS)})$")
_VOWELS_AND_H = _complete(str.maketrans(dict.fromkeys("aiuh", None)))
# Russian writes ü after a consonant as yu (Gyulnar, Nurgyul), which reads as i + u here; Uyghur
# has no two vowels side by side, so after a consonant that i is only the softening.
_RUSSIAN_YU = re.compile(r"(?<=[bčdhjklmnprstwz])iu")
# The Muhammad family is one name in every script: Latin spellings (Muhammad, Muhemmed) are
# already read as Memet (``latin``), and so must be the Uyghur script's مۇھەممەت, Russian
# Mukhammat and Chinese 穆罕默德 (muhammod, pinyin muhanmode, whose u the reading may drop).
# The h is required: Mamut and Mehmut are other names.
_MUHAMMAD = re.compile(r"mu?ham[au][td]")


def _word_script(word: str, text_is_pinyin: bool) -> str:
    if not word.isascii():  # An ASCII word is Latin: skip the three searches.
        if scripts.has_chinese(word):
            return scripts.CHINESE
        if scripts.has_arabic(word):
            return scripts.UYGHUR_ARABIC
        if scripts.has_cyrillic(word):
            return scripts.UYGHUR_CYRILLIC
    if (text_is_pinyin or has_pinyin_marker(word.lower())) and is_pinyin_word(word):
        # A pinyin word next to a Uyghur spelling (Maimaiti Hamdullah) is still read as pinyin.
        return scripts.PINYIN
    return scripts.INFORMAL_LATIN


@lru_cache(maxsize=200_000)
def word_to_uly(word: str, script: str, german: bool = False) -> str:
    """One clean word, written in ``script``, in ULY letters (lower case).

    ``german`` says that the name is spelt the German way (see ``latin.informal_to_uly``).
    """
    if script == scripts.UYGHUR_ARABIC:
        return uey_to_uly(word)
    if script == scripts.UYGHUR_CYRILLIC:
        return usy_to_uly(word)
    if script == scripts.CHINESE:
        return hanzi_to_uly(word)
    if script == scripts.PINYIN:
        return pinyin_to_uly(word)
    return informal_to_uly(word, german)


@lru_cache(maxsize=200_000)
def _uly_words(text: str) -> tuple[str, ...]:
    cleaned = scripts.clean(text)
    if not cleaned:
        return ()
    if cleaned.isascii():
        return _ascii_uly_words(cleaned)
    words = cleaned.split(" ")
    if is_new_script(cleaned):
        # Its x is sh and its h is x: read into ULY letters before any other spelling rule.
        words = [new_script_to_uly(word) for word in words]
        cleaned = " ".join(words)
    pinyin = is_pinyin(cleaned)
    # A German spelling shows in one word (Ismajil Abdurehimdschan), and holds for the name.
    german = not pinyin and is_german_spelling(cleaned)
    return tuple(
        filter(None, [word_to_uly(word, _word_script(word, pinyin), german) for word in words])
    )


def _ascii_uly_words(cleaned: str) -> tuple[str, ...]:
    """``_uly_words`` of a name in ASCII letters, which is pinyin or an informal spelling.

    Both readers lower-case a word first, so the words are read lowered.
    """
    lowered = cleaned.lower()
    lowered_words = lowered.split(" ")
    german, pinyin_words = _ascii_readings(lowered, lowered_words)
    converted = [
        pinyin_to_uly(word) if pinyin_word else informal_to_uly(word, german)
        for word, pinyin_word in zip(lowered_words, pinyin_words, strict=True)
    ]
    return tuple(filter(None, converted))


def _ascii_readings(lowered: str, words: list[str]) -> tuple[bool, list[bool]]:
    """Whether the clean, lower-case ASCII name ``lowered`` (split into ``words``) is spelt the
    German way, and which of its words are read as pinyin.

    The same decisions as ``is_pinyin`` and ``_word_script``, with each word's pinyin markers
    looked for once instead of twice (most names in a long list are new, so this is the common
    path), and for most names not at all: no marker spans a space and ``has_pinyin_marker`` only
    ever looks at part of a word, so a name in which one search finds no marker has no word
    with one, is not pinyin and has no pinyin word. A word is pinyin only if it is both marked
    and made of pinyin syllables, and the name only if all its words are made of them and one is
    marked; the syllables are tested first, as they turn away most words within a few letters
    (qa, ma-t), and a name with no word of them needs no marker looked for word by word.
    """
    if PINYIN_MARKERS.search(lowered) is None:
        return is_german_spelling(lowered), [False] * len(words)
    # Each word is tried once, without a cache: the test costs less than a cache miss.
    readable = [is_pinyin_word(word) for word in words]
    if not any(readable):
        return is_german_spelling(lowered), readable
    marked = [has_pinyin_marker(word) for word in words]
    if not any(marked):
        return is_german_spelling(lowered), marked
    if all(readable):
        return False, readable
    return is_german_spelling(lowered), [
        mark and read for mark, read in zip(marked, readable, strict=True)
    ]


@lru_cache(maxsize=400_000)
def phonetic_word(uly_word: str) -> str:
    """The phonetic form of one word given in ULY (or informal Latin) letters."""
    word = uly_word.lower()
    if "g" in word:
        if "ng" in word:
            word = _N_GUL.sub("n'g", word)
        if "ga" in word or "go" in word:  # Two tests cost a tenth of a substitution.
            word = _BACK_G.sub("gh", word)
    if "h" in word or "ng" in word:  # Every digraph but ng ends in h.
        # ch is č, gh h, ng n, sh s, zh j and kh h, in this order, each on what the one before
        # left (a gh read as h makes sgh an sh, so s); a replace that finds nothing costs less
        # than a test for the digraph. ch is written č so that a key read again as a name gives
        # the same key (c alone reads as j).
        word = (
            word.replace("ch", "č")
            .replace("gh", "h")
            .replace("ng", "n")
            .replace("sh", "s")
            .replace("zh", "j")
            .replace("kh", "h")
        )
    word = word.translate(_PHONETIC_LETTERS)
    if not (word.isalpha() and (word.isascii() or word.replace("č", "").isascii())):
        # After the mapping every ASCII letter and č is phonetic; only others need the pass.
        word = _NOT_PHONETIC.sub("", word)
    if _HAS_DOUBLED.search(word):  # Rare: a search costs half a substitution that finds nothing.
        word = _DOUBLED.sub(_single, word)
    if "iu" in word:
        word = _RUSSIAN_YU.sub("u", word)
    if "ham" in word:
        word = _MUHAMMAD.sub("mamat", word)
    if len(word) > 5 and word.endswith(_RUSSIAN_ENDINGS):
        # Russian surname endings (Kadyrov, Kadyrova, Kadyrovich) on a Uyghur name.
        word = _RUSSIAN_ENDING.sub("", word)
    if len(word) > 4 and word.endswith(_DIMINUTIVE):
        # The diminutive -jan is added to a whole name, whose final stop stays as devoiced as
        # it is at the end of the name: Memetjan, Ehmetjan, and 穆罕默德江 is Muhemmetjan.
        return _devoice(word[: -len(_DIMINUTIVE)]) + _DIMINUTIVE
    return _devoice(word)


def _devoice(word: str) -> str:
    # Uyghur devoices a final stop, so Mahmud and Mahmut, Yakub and Yakup are one name.
    if word and word[-1] in _DEVOICED:
        voiceless = _DEVOICED[word[-1]]
        word = word[:-1] if word[-2:-1] == voiceless else word[:-1] + voiceless
    return word


@lru_cache(maxsize=400_000)
def skeleton(phonetic_form: str) -> str:
    """The word key: consonants of the phonetic form without h; "a" for a word of vowels only."""
    bare = phonetic_form.translate(_VOWELS_AND_H)
    if _HAS_DOUBLED.search(bare):
        bare = _DOUBLED.sub(_single, bare)
    bare = _devoice(bare)
    return bare or ("a" if phonetic_form else "")


@lru_cache(maxsize=200_000)
def _phonetic_words(text: str) -> tuple[str, ...]:
    return tuple(filter(None, map(phonetic_word, _uly_words(text))))


def detect_script(text: str) -> str:
    """The script of ``text`` as a BCP 47 tag: ug-Arab, ug-Latn, ug-Cyrl, zh-Hans,
    zh-Latn-pinyin or und-Latn (any other Latin spelling, and the answer for empty text)."""
    if not isinstance(text, str):
        return scripts.INFORMAL_LATIN
    return scripts.detect_script(text)


def transliterate(text: str, to: str) -> str:
    """Write the name ``text`` in the Uyghur script ``to`` (ug-Latn, ug-Arab or ug-Cyrl).

    The source script is detected. Uyghur Arabic, Latin and Cyrillic convert exactly; Chinese
    characters, pinyin and informal Latin spellings give the most likely Uyghur form. An unknown
    ``to`` returns the cleaned text unchanged.
    """
    if not isinstance(text, str) or not isinstance(to, str):
        return ""
    cleaned = scripts.clean(text)
    target = TARGETS.get(to.strip().lower())
    if target is None or not cleaned:
        return cleaned
    source = scripts.script_of_clean_text(cleaned)
    if source == target:
        return cleaned
    if source == scripts.UYGHUR_LATIN:
        uly = cleaned.lower()
    else:
        uly = " ".join(_uly_words(text))
    if target == scripts.UYGHUR_LATIN:
        return capitalize_words(uly)
    if target == scripts.UYGHUR_ARABIC:
        return uly_to_uey(uly)
    return capitalize_words(uly_to_usy(uly))


def to_uly(text: str) -> str:
    """The ULY form of a name, capitalised, from any script (exact from Uyghur scripts)."""
    return transliterate(text, scripts.UYGHUR_LATIN)


def phonetic(text: str) -> str:
    """The normalised phonetic form of a name: one phonetic word per name part, space-separated."""
    if not isinstance(text, str):
        return ""
    return " ".join(_phonetic_words(text))


def name_parts(text: str) -> tuple[str, str]:
    """Split a name into (given name, father's name) in ULY letters; the father's may be ''.

    A name of more than two words keeps all but the last as the given name, as Uyghur names put
    the father's name last.
    """
    if not isinstance(text, str):
        return ("", "")
    words = _uly_words(text)
    if not words:
        return ("", "")
    if len(words) == 1:
        return (capitalize_words(words[0]), "")
    return (capitalize_words(" ".join(words[:-1])), capitalize_words(words[-1]))


def part_keys(text: str) -> tuple[str, ...]:
    """The key of each word of a name, in order."""
    if not isinstance(text, str):
        return ()
    return tuple(map(skeleton, _phonetic_words(text)))


def whole_key(text: str) -> str:
    """The key of a name read as one word, for records that run its parts together."""
    if not isinstance(text, str):
        return ""
    return skeleton("".join(_phonetic_words(text)))


@lru_cache(maxsize=200_000)
def _match_key(text: str) -> str:
    if text.isascii():
        keys = _ascii_word_keys(scripts.clean_ascii(text))
    else:
        # part_keys without its cached phonetic words: most names that are not in this cache
        # are new (a list of names that never repeat), so a second cache of them only costs time.
        keys = [skeleton(form) for form in map(phonetic_word, _uly_words(text)) if form]
    return " ".join(sorted(keys))


def _ascii_word_keys(cleaned: str) -> list[str]:
    """The keys of the words of a clean ASCII name, as ``_match_key`` reads them through
    ``_uly_words``, ``phonetic_word`` and ``skeleton``, but cached per word instead of per step.

    In a long list of names that never repeat, the words still do (common given names, and
    words of the same syllables), so one cache of each word's key answers what three caches of
    its steps answered, and a new word pays for one cache instead of three.
    """
    if not cleaned:
        return []
    lowered = cleaned.lower()
    words = lowered.split(" ")
    german, pinyin_words = _ascii_readings(lowered, words)
    informal_key = _german_word_key if german else _informal_word_key
    keys = [
        _pinyin_word_key(word) if pinyin_word else informal_key(word)
        for word, pinyin_word in zip(words, pinyin_words, strict=True)
    ]
    return [key for key in keys if key]


# The steps of a word's key without their caches (``__wrapped__``): the word's key is cached.
_informal_to_uly = informal_to_uly.__wrapped__
_phonetic_word = phonetic_word.__wrapped__
_skeleton = skeleton.__wrapped__
_pinyin_to_uly = pinyin_to_uly.__wrapped__


def _key_of_uly_word(uly_word: str) -> str:
    """``skeleton(phonetic_word(uly_word))``, or "" where ``_match_key`` leaves the word out
    (a word with no ULY letters or no phonetic ones; any other has a key, at least "a")."""
    form = _phonetic_word(uly_word) if uly_word else ""
    return _skeleton(form) if form else ""


# One cache per reading, each keyed by the word alone, which the cache looks up fastest.
@lru_cache(maxsize=200_000)
def _informal_word_key(word: str) -> str:
    return _key_of_uly_word(_informal_to_uly(word, False))


@lru_cache(maxsize=50_000)
def _german_word_key(word: str) -> str:
    return _key_of_uly_word(_informal_to_uly(word, True))


@lru_cache(maxsize=100_000)
def _pinyin_word_key(word: str) -> str:
    return _key_of_uly_word(_pinyin_to_uly(word))


def match_key(text: str) -> str:
    """A coarse key, equal for spellings of the same name in any script, for blocking and indexing.

    The parts are sorted, so a swapped given name and father's name give the same key.
    """
    if not isinstance(text, str):
        return ""
    return _match_key(text)


@lru_cache(maxsize=400_000)
def word_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two phonetic words: skeletons count more than vowels."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    skeletons = Levenshtein.normalized_similarity(skeleton(a), skeleton(b))
    sounds = Levenshtein.normalized_similarity(a, b)
    return 0.6 * skeletons + 0.4 * sounds


# Chinese transliteration writes r and l with the same characters (尔/热 for r, 力/勒/拉 for l,
# each used for the other too), drops an opening vowel before a consonant and writes a closing
# -yil as 义 (司马义 for Ismayil). A Chinese-origin name (characters or pinyin) compared with a
# Uyghur or Latin one tolerates these at a small cost each; two Latin names do not, Alim and
# Arim being two names.
R_FOR_L_FACTOR = 0.97
DROPPED_VOWEL_FACTOR = 0.95
DROPPED_FINAL_L_FACTOR = 0.95
_PHONETIC_VOWELS = "aiu"
_CHINESE_ORIGIN = frozenset({scripts.CHINESE, scripts.PINYIN})


@lru_cache(maxsize=200_000)
def is_chinese_origin(text: str) -> bool:
    """True for a name written in Chinese characters or in their pinyin."""
    return scripts.script_of_clean_text(scripts.clean(text)) in _CHINESE_ORIGIN


def _chinese_renderings(word: str) -> list[tuple[str, float]]:
    """``word`` as Chinese may have shortened it, each with what the shortening costs."""
    renderings = [(word, 1.0)]
    if len(word) > 3 and word[0] in _PHONETIC_VOWELS:
        renderings.append((word[1:], DROPPED_VOWEL_FACTOR))
    if len(word) > 3 and word[-1] == "l" and word[-2] in _PHONETIC_VOWELS:
        renderings += [(form[:-1], cost * DROPPED_FINAL_L_FACTOR) for form, cost in renderings]
    return renderings


@lru_cache(maxsize=400_000)
def cross_script_word_similarity(a: str, b: str) -> float:
    """``word_similarity`` of a Chinese-origin word and another, with r/l, a dropped opening
    vowel and a dropped closing l tolerated."""
    best = word_similarity(a, b)
    if best == 1.0:
        return best
    a_rl, b_rl = a.replace("r", "l"), b.replace("r", "l")
    factor = R_FOR_L_FACTOR if (a_rl != a or b_rl != b) else 1.0
    best = max(best, word_similarity(a_rl, b_rl) * factor)
    for one, other in ((a_rl, b_rl), (b_rl, a_rl)):
        for form, cost in _chinese_renderings(one)[1:]:
            # An opening vowel is dropped only where the other word opens on a consonant.
            if form[:1] != one[:1] and other[:1] in ("", *_PHONETIC_VOWELS):
                continue
            best = max(best, word_similarity(form, other) * cost * factor)
    return best


# A candidate that lacks one part of the name, or has them in the other order, ranks below one
# that agrees fully, but well above one that is a different name.
MISSING_PART_FACTOR = 0.85
SWAPPED_ORDER_FACTOR = 0.97
FATHERS_NAME_ALONE_FACTOR = 0.99


def _structured_similarity(
    a: tuple[str, ...], b: tuple[str, ...], compare: Callable[[str, str], float] = word_similarity
) -> float:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(long) > 5:
        long = (*long[:4], "".join(long[4:]))
    if len(short) > 5:
        short = (*short[:4], "".join(short[4:]))
    best = 0.0
    for chosen in permutations(range(len(long)), len(short)):
        total = sum(compare(s, long[j]) for s, j in zip(short, chosen, strict=True))
        score = total / len(short)
        if list(chosen) != sorted(chosen):
            score *= SWAPPED_ORDER_FACTOR
        elif chosen[0] != 0:
            # A lone part is more likely the given name, which records keep when they drop
            # the father's name.
            score *= FATHERS_NAME_ALONE_FACTOR
        best = max(best, score)
    best *= MISSING_PART_FACTOR ** (len(long) - len(short))
    if len(short) > 1:
        # Words of the longer name run together as one part of the shorter (Bughra Khan and
        # 博格拉汗), with or without some of its words missing from the shorter.
        for kept in _ordered_subsets(len(long), len(short) + 1):
            words = tuple(long[i] for i in kept)
            penalty = SWAPPED_ORDER_FACTOR * MISSING_PART_FACTOR ** (len(long) - len(kept))
            if penalty <= best:
                continue
            for grouped in _groupings(words, len(short)):
                total = sum(compare(s, g) for s, g in zip(short, grouped, strict=True))
                best = max(best, total / len(short) * penalty)
    return best


@lru_cache(maxsize=64)
def _ordered_subsets(size: int, smallest: int) -> tuple[tuple[int, ...], ...]:
    """Index tuples of at least ``smallest`` of ``size`` words, in order, the largest first."""
    return tuple(
        kept for count in range(size, smallest - 1, -1) for kept in combinations(range(size), count)
    )


@lru_cache(maxsize=256)
def _grouping_cuts(count: int, parts: int) -> tuple[tuple[int, ...], ...]:
    return tuple(combinations(range(1, count), parts - 1))


def _groupings(words: tuple[str, ...], parts: int) -> list[tuple[str, ...]]:
    """Every way of joining consecutive ``words`` into ``parts`` parts."""
    out = []
    for cuts in _grouping_cuts(len(words), parts):
        bounds = (0, *cuts, len(words))
        out.append(tuple("".join(words[a:b]) for a, b in pairwise(bounds)))
    return out


def similarity(a: str, b: str) -> float:
    """How alike two names are, in [0, 1], in whatever scripts they are written.

    1.0 for the same name; given name and father's name are compared part by part, in either
    order (a swap costs a little) and with a missing part costing more; names whose parts were
    run together are also compared as one word.
    """
    if not isinstance(a, str) or not isinstance(b, str):
        return 0.0
    return _similarity(a, b)


@lru_cache(maxsize=200_000)
def _similarity(a: str, b: str) -> float:
    words_a = _phonetic_words(a)
    words_b = _phonetic_words(b)
    if not words_a or not words_b:
        return 0.0
    if words_a == words_b:
        return 1.0
    compare = (
        cross_script_word_similarity
        if is_chinese_origin(a) != is_chinese_origin(b)
        else word_similarity
    )
    structured = _structured_similarity(words_a, words_b, compare)
    if len(words_a) == len(words_b) == 1:
        return structured
    joined = compare("".join(words_a), "".join(words_b)) * SWAPPED_ORDER_FACTOR
    return max(0.0, min(1.0, max(structured, joined)))
