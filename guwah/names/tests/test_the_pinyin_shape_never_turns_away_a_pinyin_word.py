"""The quick shape test in front of the pinyin split only turns away words that are not pinyin."""

from __future__ import annotations

import random

from guwah.names import latin


def test_every_two_syllable_pinyin_word_has_the_shape() -> None:
    syllables = sorted(latin.PINYIN_SYLLABLES)
    for first in syllables:
        for second in syllables:
            assert latin._PINYIN_SHAPE.fullmatch(first + second), first + second


def test_long_random_pinyin_words_have_the_shape_and_still_split() -> None:
    rng = random.Random(20261202)
    syllables = sorted(latin.PINYIN_SYLLABLES)
    for _ in range(2_000):
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(1, 6)))
        assert latin._PINYIN_SHAPE.fullmatch(word), word
        assert latin.split_pinyin(word) is not None, word


def test_uyghur_spellings_are_turned_away_before_the_split() -> None:
    for word in ("memtimin", "abdurehim", "ablimit", "mehmut"):
        assert latin._PINYIN_SHAPE.fullmatch(word) is None
        assert latin.split_pinyin(word) is None


def test_a_long_word_that_almost_has_the_shape_is_turned_away_at_once() -> None:
    assert latin.split_pinyin("an" * 19 + "b") is None
