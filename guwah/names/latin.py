"""Latin spellings of Uyghur names: the ULY standard, informal spellings and pinyin.

English reports write Khoshur, Turkish ones Ahmetcan and Abdürrahim, German ones Taschmamat, Russian
ones Dzhumа and Nasyrov, and Chinese officials the pinyin of the Chinese characters (Maimaitiming
Wushouer). ``informal_to_uly`` brings the European spellings to ULY letters; pinyin is recognised
here and read in ``chinese``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters of other Latin orthographies that stand for one ULY letter or digraph.
_LETTERS = str.maketrans(
    {
        "ä": "e",
        "á": "a",
        "à": "a",
        "â": "a",
        "ã": "a",
        "å": "a",
        "ā": "a",
        "ë": "é",
        "è": "e",
        "ê": "e",
        "ē": "e",
        "ə": "e",
        "ı": "i",
        "ï": "i",
        "î": "i",
        "í": "i",
        "ì": "i",
        "ī": "i",
        "ó": "o",
        "ò": "o",
        "ô": "o",
        "ō": "o",
        "õ": "o",
        "ø": "ö",
        "ɵ": "ö",
        "ő": "ö",
        "ú": "u",
        "ù": "u",
        "û": "u",
        "ū": "u",
        "ű": "ü",
        "ŭ": "ü",
        "ǖ": "ü",
        "ǘ": "ü",
        "ǚ": "ü",
        "ǜ": "ü",
        "ῠ": "ü",
        "ş": "sh",
        "ș": "sh",
        "š": "sh",
        "ç": "ch",
        "ğ": "gh",
        "ġ": "gh",
        "ƣ": "gh",
        "ñ": "ng",
        "ŋ": "ng",
        "ž": "zh",
        "ⱬ": "zh",
        "ⱨ": "h",
        "ḥ": "h",
        "ẖ": "x",
        "ⱪ": "q",
        "ķ": "k",
        "ý": "y",
        "ÿ": "y",
    }
)

# Letter pairs ULY allows but English and German spellings give away (Khoshur, Reehan, Yoosup).
_NOT_ULY = re.compile(r"kh|ee|oo")
_ULY_WORD = re.compile(r"(?:ch|gh|ng|sh|zh|[abdefghijklmnopqrstuwxyzéöü'])+")

# Rewrites from European spellings to ULY, applied in order on a lower-case word.
_INFORMAL_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        # French dj is j (Djamila), except before a closing -jan, the diminutive added to a
        # name that ends in d (Ehmedjan, Muhemmedjan).
        (r"dsch|dzh|dž|^dj(?=[aeiouéöü])|dj(?=[aeiouéöü])(?!an$)", "j"),
        (r"tsch|tch", "ch"),
        (r"sch", "sh"),
        (r"kh", "x"),
        (r"ck", "k"),
        (r"c(?!h)", "j"),  # Turkish c, as in Ahmetcan.
        (r"(?<=[a-z])ue(?=[^aeiouéöü]|$)", "ü"),
        (r"(?<=[a-z])oe(?=[^aeiouéöü]|$)", "ö"),
        (r"ee", "i"),
        (r"oo", "u"),
        (r"ou", "u"),  # French: Abdoulla, Yousouf.
        (r"v", "w"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"(?<=[^aeiouéöü])y(?=[^aeiouéöü]|$)", "i"),  # Russian y for ы: Nasyrov.
        # The Muhammad family (Muhammad, Mohammed, Muhemmed) is Memet in Uyghur speech and in
        # the Chinese characters 买买提 that officials write for it.
        (r"m[ou]h?[ae]mm?[ae][dt]", "memet"),
        (r"mehmet", "memet"),
    ]
]


# One pass tells whether any rule may apply; most words need none. Every match of a rule holds
# a match of this looser expression (the rules' letters, less the lookbehinds and most of the
# lookaheads, which only narrow a rule), so a word it finds nothing in is left as it is by every
# rule. Each branch opens on a letter, which lets the expression engine skip to the letters that
# can open one: a third of the time of the union of the rules themselves, which open on
# lookbehinds and are tried one by one at every letter.
_ANY_INFORMAL = re.compile(
    r"d(?:sch|zh|ž|j)|t(?:s?ch|h)|sch|kh|c(?!h)|ue|oe|ee|o[ou]|v|ph|y(?![aeiouéöü])"
    r"|m(?:[ou]h?[ae]mm?[ae][dt]|ehmet)"
)
# Letters each rule needs, rule by rule: a test for them is much cheaper than a search, and
# spares most rules for a word that some rule applies to.
_RULE_NEEDS = (
    *("d", "t", "sch", "kh", "ck", "c", "ue", "oe", "ee"),
    *("oo", "ou", "v", "ph", "th", "y", "m", "mehmet"),
)
_NEEDED_RULES = tuple(zip(_RULE_NEEDS, _INFORMAL_RULES, strict=True))

_VOWEL = "aeiouéöü"
# German spelling writes ULY j as dsch, ch as tsch, sh as sch, x as ch and y as j. A word with
# dsch, tsch or sch is German-spelt, and so is one whose j cannot be the ULY j: a j closing an
# opening a or e before a consonant (Ajnur, Ejsa), or doubled after a or e (Abdukejjum). Uyghur
# names are full of ay, ey and eyy (Aynur, Reyhan, Qeyyum), while a ULY j there is rare.
# The rule stops there on purpose: the Chinese reader writes 吉 as a j before a consonant
# (哈吉古丽 = hajgül) and a j after o or i (奥吉吉力力 = ojjilil), and its ULY output must key
# as the characters do when read again; Hijran and Nejmidin keep their ULY j too.
_GERMAN_MARK = re.compile(rf"dsch|tsch|sch|\b[ae]j(?=[^{_VOWEL}j'])|(?<=[ae])jj(?=[{_VOWEL}])")
_GERMAN_LETTERS = re.compile(r"dsch|tsch|sch|ch|j")
_GERMAN_TO_ULY = {"dsch": "j", "tsch": "ch", "sch": "sh", "ch": "x", "j": "y"}


def is_german_spelling(text: str) -> bool:
    """True when some word of ``text`` is spelt the German way (Ismajildschan, Ajnur)."""
    text = text.lower()
    return ("j" in text or "sch" in text) and bool(_GERMAN_MARK.search(text))


@lru_cache(maxsize=200_000)
def informal_to_uly(word: str, german: bool = False) -> str:
    """Spell an informal Latin word with ULY letters (lower case), as far as the spelling tells.

    ``german`` says that the name the word belongs to is spelt the German way, so that every
    lone j is the ULY y and every ch not of tsch or sch the ULY x (Chalmurat, Nijaz).
    """
    word = word.lower()
    if not word.isascii():
        # Every letter of ``_LETTERS`` lies beyond ASCII, so an ASCII word, as most are, is left
        # as it is by the table; only a word with other letters pays for the pass.
        word = unicodedata.normalize("NFC", word).translate(_LETTERS)
    if german:
        word = _GERMAN_LETTERS.sub(lambda found: _GERMAN_TO_ULY[found.group()], word)
    if not _ANY_INFORMAL.search(word):
        return word
    for needs, (pattern, replacement) in _NEEDED_RULES:
        if needs in word and pattern.search(word):
            word = pattern.sub(replacement, word)
    return word


def is_uly(text: str) -> bool:
    """True when every word of ``text`` is written in the ULY alphabet alone."""
    words = text.lower().split()
    return bool(words) and all(
        _ULY_WORD.fullmatch(word) and not _NOT_ULY.search(word) for word in words
    )


# Pinyin syllables without tones, grouped by initial so the set stays readable and complete.
_FINALS_PLAIN = "a o e ai ei ao ou an en ang eng ong u uo ui un uan".split()
_FINALS_I = "i ia ie iao iu ian in iang ing".split()
_INITIAL_FINALS = {
    "b": "a o ai ei ao an en ang eng i ie iao ian in ing u",
    "p": "a o ai ei ao ou an en ang eng i ie iao ian in ing u",
    "m": "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u",
    "f": "a o ei ou an en ang eng u",
    "d": "a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un",
    "t": "a e ai ao ou an ang eng ong i ie iao ian ing u uo ui uan un",
    "n": "a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan un v ve",
    "l": "a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un v ve",
    "g": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "k": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "h": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "j": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "q": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "x": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "zh": "a e i ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "ch": "a e i ai ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "sh": "a e i ai ei ao ou an en ang eng u ua uo uai ui uan un uang",
    "r": "e i ao ou an en ang eng ong u ua uo ui uan un",
    "z": "a e i ai ei ao ou an en ang eng ong u uo ui uan un",
    "c": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "s": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "y": "a e i ao ou an in ang ing ong u ue uan un",
    "w": "a o u ai ei an en ang eng",
}
PINYIN_SYLLABLES = frozenset(
    ["a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er"]
    + [initial + final for initial, finals in _INITIAL_FINALS.items() for final in finals.split()]
)
_LONGEST_SYLLABLE = max(map(len, PINYIN_SYLLABLES))
# No name word is longer; the bound keeps the split linear in practice for any input.
_LONGEST_PINYIN_WORD = 40
# The shape every pinyin word has: syllables of an optional initial, vowels and an optional n, ng
# or r. It is looser than the syllable table but one pass of the expression engine, and turns
# away most Uyghur spellings (Tursun, Memtimin) before the split tries them. Each syllable is
# atomic, which keeps the test linear: taking a closing n, ng or r never hides a reading.
_PINYIN_SHAPE = re.compile(r"(?>(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv]+(?:ng|n|r)?)+")
# Sequences that occur in pinyin and hardly ever in a Uyghur spelling of a Uyghur name.
# An n before m is one too: Chinese has no syllable-final m, and writes a Uyghur syllable closed
# by m with an -an or -en character before the next (穆罕默德 Muhanmode, Muhemmed), while Uyghur
# words hardly ever have n before m.
PINYIN_MARKER_SEQUENCES = (
    *("ai", "ei", "ao", "ou", "ui", "iu", "ang", "eng", "ing", "ong", "uo", "ia", "ie", "x", "q"),
    *("zh", "yi", "aer", "ier", "uer", "nm"),
)
# The sequences grouped by their first letter: the same matches in 60 % of the time, since the
# expression engine skips to a letter that can open one instead of trying every sequence at
# every letter.
PINYIN_MARKERS = re.compile(
    r"a(?:i|o|ng|er)|e(?:i|ng)|o(?:u|ng)|u(?:i|o|er)|i(?:u|ng|a|e|er)|x|q|zh|yi|nm"
)
# Pinyin writes the diminutive -jan with 江 (jiang); a closing zhan is the Russian spelling of
# it (Alizhan, Musazhan), so its zh says nothing about pinyin.
_RUSSIAN_JAN = re.compile(r"zhan$")


def has_pinyin_marker(word: str) -> bool:
    """True when the lower-case ``word`` has a sequence typical of pinyin (``PINYIN_MARKERS``)."""
    if word.endswith("zhan"):
        word = _RUSSIAN_JAN.sub("", word)
    return bool(PINYIN_MARKERS.search(word))


def _pinyin_letters(word: str) -> str | None:
    """``word`` as the pinyin readers take it (lower case, ü as v, no apostrophes), or None
    when it cannot be pinyin: empty, too long, or with anything but the letters a to z."""
    word = word.lower().replace("ü", "v").replace("'", "")
    if not word or len(word) > _LONGEST_PINYIN_WORD or not word.isascii() or not word.isalpha():
        return None
    return word


# A state of the automaton below: the next state for each letter that has a way on, and the
# key "" (never a letter) in a state where a syllable may end.
_State = dict[str, "_State"]


def _syllables_automaton(syllables: frozenset[str]) -> _State:
    """The start of a deterministic automaton that accepts the words made of ``syllables``, one
    after another.

    A state stands for the set of the beginnings of syllables that the letters read so far may
    end in ("" where a syllable may just have ended), so one pass over a word, a step per
    letter, tells whether some split of it exists: what ``split_pinyin`` finds by trying every
    syllable that may end at every letter.
    """
    beginnings = {syllable[:end] for syllable in syllables for end in range(len(syllable) + 1)}
    letters = sorted({letter for syllable in syllables for letter in syllable})
    start: frozenset[str] = frozenset({""})
    states: dict[frozenset[str], _State] = {start: {}}
    pending = [start]
    while pending:
        read = pending.pop()
        state = states[read]
        if "" in read and read != start:
            state[""] = state
        for letter in letters:
            following = {part + letter for part in read if part + letter in beginnings}
            if following & syllables:
                following.add("")
            if not following:
                continue
            target = frozenset(following)
            if target not in states:
                states[target] = {}
                pending.append(target)
            state[letter] = states[target]
    return states[start]


_PINYIN_START = _syllables_automaton(PINYIN_SYLLABLES)
# The letters a pinyin syllable ends in: a word that ends in another is not pinyin.
_PINYIN_LAST_LETTERS = frozenset(syllable[-1] for syllable in PINYIN_SYLLABLES)


def is_pinyin_word(word: str) -> bool:
    """``split_pinyin(word) is not None``, without the split: most words asked about are not
    pinyin (a list of Uyghur names is full of qa and yi), and one step per letter tells."""
    letters = _pinyin_letters(word)
    if letters is None or letters[-1] not in _PINYIN_LAST_LETTERS:
        return False
    state = _PINYIN_START
    for letter in letters:
        following = state.get(letter)
        if following is None:
            return False
        state = following
    return "" in state


@lru_cache(maxsize=100_000)
def split_pinyin(word: str) -> tuple[str, ...] | None:
    """Split a toneless pinyin word into syllables, or return None when it is not pinyin.

    Among all splits the one with the fewest syllables wins, which keeps xian one syllable and
    reads maimaitiming as mai-mai-ti-ming.
    """
    letters = _pinyin_letters(word)
    if letters is None or not _PINYIN_SHAPE.fullmatch(letters):
        return None
    word = letters
    size = len(word)
    unreachable = size + 1
    # counts[end]: fewest syllables covering word[:end]; starts[end]: where the last one starts.
    counts = [0] + [unreachable] * size
    starts = [0] * (size + 1)
    reached = 0
    for end in range(1, size + 1):
        if end - reached > _LONGEST_SYLLABLE:
            return None  # No syllable can bridge a gap this long.
        fewest = unreachable
        for start in range(max(0, end - _LONGEST_SYLLABLE), end):
            count = counts[start] + 1
            if count < fewest and word[start:end] in PINYIN_SYLLABLES:
                fewest = count
                starts[end] = start
        counts[end] = fewest
        if fewest < unreachable:
            reached = end
    if counts[size] == unreachable:
        return None
    syllables = []
    end = size
    while end:
        syllables.append(word[starts[end] : end])
        end = starts[end]
    return tuple(reversed(syllables))


def is_pinyin(text: str) -> bool:
    """True when ``text`` reads as pinyin: every word splits into syllables and one has a sequence
    that is common in pinyin and rare in Uyghur spellings (ai, ou, x, yi ...)."""
    words = text.lower().split()
    if not words or not any(has_pinyin_marker(word) for word in words):
        return False
    return all(map(is_pinyin_word, words))
