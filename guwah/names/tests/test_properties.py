"""Properties that hold for every string: nothing raises, keys and clean-up are idempotent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guwah.names import (
    clean,
    detect_script,
    match_key,
    name_parts,
    phonetic,
    similarity,
    transliterate,
)
from guwah.names.uyghur import (
    UEY_TO_ULY_LETTERS,
    uey_to_uly,
    uly_to_uey,
    uly_to_usy,
    usy_to_uly,
)

NAMEISH = st.text(
    alphabet=st.sampled_from(
        list("abcdeéghijklmnoöpqrstuüvwxyzçşğ'ABC ·.-")
        + list("ئابپتجچخدرزژسشغفقكگڭلمنھوۇۆۈۋېىيەهیکﺩﯨﻠﺒﻪـ")
        + list("мәһүөңқғҗяю")
        + list("买提古丽江都艾尔木克甫力阿吐尼孜牙爾龘")
        + ["\u200b", "\u202e", "\u2067", "Ａ", "．"]
    ),
    max_size=30,
)
ANY_TEXT = st.one_of(st.text(max_size=40), NAMEISH)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT, ANY_TEXT)
def test_no_string_makes_a_public_function_raise(a: str, b: str) -> None:
    assert isinstance(clean(a), str)
    assert detect_script(a) in {
        "ug-Arab",
        "ug-Latn",
        "ug-Cyrl",
        "zh-Hans",
        "zh-Latn-pinyin",
        "und-Latn",
    }
    for target in ("ug-Latn", "ug-Arab", "ug-Cyrl", b):
        assert isinstance(transliterate(a, target), str)
    assert isinstance(match_key(a), str)
    assert isinstance(phonetic(a), str)
    assert len(name_parts(a)) == 2
    assert 0.0 <= similarity(a, b) <= 1.0


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_clean_up_is_idempotent(text: str) -> None:
    assert clean(clean(text)) == clean(text)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_match_key_is_idempotent_and_ignores_clean_up(text: str) -> None:
    key = match_key(text)
    assert match_key(clean(text)) == key
    assert match_key(key) == key


_CONSONANTS = [c for c in UEY_TO_ULY_LETTERS if c not in "اەېىوۇۆۈ"]
_VOWELS = list("اەېىوۇۆۈ")


@st.composite
def uyghur_words(draw: st.DrawFn) -> str:
    """Standard Uyghur words: syllables (C)V(C), a vowel-initial syllable on the hamza carrier."""
    syllables = draw(st.integers(min_value=1, max_value=4))
    out = []
    for _ in range(syllables):
        onset = draw(st.sampled_from([*_CONSONANTS, "ئ"]))
        out.append(onset + draw(st.sampled_from(_VOWELS)))
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(_CONSONANTS)))
    return "".join(out)


@settings(max_examples=1000, deadline=None)
@given(st.lists(uyghur_words(), min_size=1, max_size=3))
def test_uey_to_uly_to_uey_gives_back_standard_text(words: list[str]) -> None:
    text = " ".join(words)
    assert uly_to_uey(uey_to_uly(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.lists(uyghur_words(), min_size=1, max_size=3))
def test_uly_to_cyrillic_and_back_gives_back_the_latin(words: list[str]) -> None:
    uly = uey_to_uly(" ".join(words))
    assert usy_to_uly(uly_to_usy(uly)) == uly


def test_long_and_repetitive_input_is_handled() -> None:
    # Inputs that would make a backtracking splitter of pinyin run for ever.
    for text in [
        "nana" * 15 + "x",
        "angang" * 10 + "b",
        "a" * 3000 + "q",
        "买" * 5000,
        "Ali " * 3000,
    ]:
        assert isinstance(match_key(text), str)
        assert 0.0 <= similarity(text, text[::-1]) <= 1.0
