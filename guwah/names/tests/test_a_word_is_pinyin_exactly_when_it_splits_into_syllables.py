"""``is_pinyin_word`` walks an automaton of the pinyin syllables instead of splitting the word;
it answers what ``split_pinyin`` answers, for pinyin words, near misses and any other text."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from guwah.names import latin

SYLLABLES = sorted(latin.PINYIN_SYLLABLES)


def splits(word: str) -> bool:
    return latin.split_pinyin.__wrapped__(word) is not None


def test_words_of_pinyin_syllables_are_pinyin() -> None:
    rng = random.Random(20261203)
    for _ in range(5_000):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 8)))
        assert latin.is_pinyin_word(word) == splits(word), word
        assert latin.is_pinyin_word(word.title()), word


def test_a_changed_letter_gives_the_answer_of_the_split() -> None:
    rng = random.Random(20261204)
    letters = "abcdefghijklmnopqrstuvwxyz"
    disagreements = []
    found_both = set()
    for _ in range(20_000):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 6)))
        at = rng.randrange(len(word))
        word = word[:at] + rng.choice(letters) + word[at + 1 :]
        answer = latin.is_pinyin_word(word)
        found_both.add(answer)
        if answer != splits(word):
            disagreements.append(word)
    assert disagreements == []
    assert found_both == {True, False}


def test_uyghur_spellings_and_odd_text_are_not_pinyin() -> None:
    for word in ("memtimin", "abdurehim", "tursun", "qasim", "ablimit", "", "'", "a1", "ü"):
        assert not latin.is_pinyin_word(word), word
        assert not splits(word), word
    assert not latin.is_pinyin_word("an" * 19 + "b")
    assert not latin.is_pinyin_word("a" * (latin._LONGEST_PINYIN_WORD + 1))


def test_apostrophes_and_u_umlaut_are_read_as_the_split_reads_them() -> None:
    for word in ("Xi'an", "lüe", "Nüer", "MAIMAITI", "er"):
        assert latin.is_pinyin_word(word), word
        assert splits(word), word


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzü' AX1", max_size=14))
def test_any_text_gets_the_answer_of_the_split(word: str) -> None:
    assert latin.is_pinyin_word(word) == splits(word)
