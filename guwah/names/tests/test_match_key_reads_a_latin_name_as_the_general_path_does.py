"""``match_key`` reads a name in ASCII letters word by word, with a cache per word; its keys are
those of the general path (``scripts.clean``, ``is_pinyin``, ``_word_script``, ``word_to_uly``,
``phonetic_word``, ``skeleton``) for every such name."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from guwah.names import match, scripts
from guwah.names.latin import is_german_spelling, is_pinyin


def general_key(text: str) -> str:
    cleaned = scripts.clean(text)
    if not cleaned:
        return ""
    pinyin = is_pinyin(cleaned)
    german = not pinyin and is_german_spelling(cleaned)
    words = [
        match.word_to_uly(word, match._word_script(word, pinyin), german)
        for word in cleaned.split(" ")
    ]
    forms = [match.phonetic_word(word) for word in words if word]
    return " ".join(sorted(match.skeleton(form) for form in forms if form))


LATIN_NAMES = [
    "Maimaitiming Wushouer",
    "Maimaiti Hamdullah",
    "Ismajil Abdurehimdschan",
    "Ajnur Tschalmurat",
    "Alizhan Musazhan",
    "Muhammad Yousouf",
    "Mehmet Ahmetcan",
    "Reyhan'gul Tursungul",
    "Khoshur  Djamila",
    "`Abdoulla`-Nasyrov",
    "ng'g ' x",
    "Xian Muhanmode",
    "",
    " . ",
]
SYLLABLES = [
    *("ma", "mai", "ti", "ming", "wu", "shou", "er", "hoe", "dsch", "tsch", "sch", "kh", "ck"),
    *("ue", "oo", "ou", "v", "ph", "th", "y", "ai", "zh", "an", "jiang", "q", "x", "nm", "dd"),
    *("ham", "iu", "gul", "ng", "jan", "ov", "ovich", "a", "e", "i", "o", "u", "b", "d", "g"),
]


def test_published_and_tricky_latin_names_key_as_on_the_general_path() -> None:
    for name in LATIN_NAMES:
        assert match.match_key(name) == general_key(name), name


def test_random_names_of_pinyin_and_european_syllables_key_as_on_the_general_path() -> None:
    rng = random.Random(13)
    for _ in range(3000):
        words = [
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 3))
        ]
        name = rng.choice([" ", " ", "-", "  ", "·"]).join(words)
        name = name.title() if rng.random() < 0.5 else name
        assert match.match_key(name) == general_key(name), name


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_every_ascii_text_keys_as_on_the_general_path(text: str) -> None:
    assert match.match_key(text) == general_key(text)
