"""The quick tests in front of the spelling rules find whatever the rules would: the pinyin
markers grouped by first letter, the one search before the informal rules, the completed
translation tables and the ASCII clean-up."""

from __future__ import annotations

import itertools
import random
import re

from guwah.names import latin, match, scripts

ALPHABET = "abcdeghijklmnopqrstuvwxyzéöüž'"


def strings(longest: int) -> list[str]:
    return [
        "".join(letters)
        for size in range(1, longest + 1)
        for letters in itertools.product(ALPHABET, repeat=size)
    ]


def random_words(count: int) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choices(ALPHABET, k=rng.randint(1, 12))) for _ in range(count)]


def test_the_grouped_pinyin_markers_find_exactly_the_listed_sequences() -> None:
    for text in [*strings(3), *random_words(20_000), "ab cd", "a i", "n m"]:
        listed = any(sequence in text for sequence in latin.PINYIN_MARKER_SEQUENCES)
        assert bool(latin.PINYIN_MARKERS.search(text)) == listed, text


def test_a_word_the_quick_search_passes_over_is_changed_by_no_informal_rule() -> None:
    for word in [*strings(3), *random_words(50_000)]:
        if not latin._ANY_INFORMAL.search(word):
            assert not any(rule.search(word) for rule, _ in latin._INFORMAL_RULES), word


def test_the_completed_translation_tables_translate_as_the_plain_ones() -> None:
    plain_phonetic = str.maketrans("aeäéiyoöuüxqgfvc", "aaaiiiuuuuhkkpwj", "'")
    plain_skeleton = str.maketrans("", "", "aiuh")
    texts = [*random_words(5000), "".join(map(chr, range(200))), "čeč", "Ⱨoxur"]
    for text in texts:
        assert text.translate(match._PHONETIC_LETTERS) == text.translate(plain_phonetic)
        assert text.translate(match._VOWELS_AND_H) == text.translate(plain_skeleton)


def test_the_ascii_clean_up_is_the_general_one_less_what_ascii_cannot_hold() -> None:
    rng = random.Random(3)
    pieces = ["Ab", "du", "`", "'", " ", "  ", "\t", ".", "-", "_", ",", ";", "/", "|", "\x1f"]
    for _ in range(5000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 8)))
        expected = re.sub(r"[\s·•‧・．.\-‐‑‒–—_,;/|]+", " ", text.replace("`", "'")).strip(" '")
        assert scripts.clean_ascii(text) == expected == scripts.clean(text), repr(text)
