"""Telling which script a name is written in."""

from __future__ import annotations

import pytest

from guwah.names import detect_script, match_key


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("مەمتىمىن ھوشۇر", "ug-Arab"),
        ("Memtimin Hoshur", "ug-Latn"),
        ("Мәмтимин Һошур", "ug-Cyrl"),
        ("买买提明·吾守尔", "zh-Hans"),
        ("吐爾洪阿力馬斯", "zh-Hans"),
        ("Maimaitiming Wushouer", "zh-Latn-pinyin"),
        ("Yiliyasijiang Reheman", "zh-Latn-pinyin"),
        ("Ahmetcan Tursun", "und-Latn"),
        ("Khoshur Memtimin", "und-Latn"),
        ("Abdürreşit Heyit", "und-Latn"),
        ("", "und-Latn"),
    ],
)
def test_it_detects_the_script_of_a_name(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_it_does_not_take_a_short_uyghur_spelling_for_pinyin() -> None:
    # "Ali" splits into pinyin syllables but nothing in it is typical of pinyin.
    assert detect_script("Ali Wali") != "zh-Latn-pinyin"


def test_an_n_before_m_marks_pinyin_of_a_syllable_closed_by_m() -> None:
    # 穆罕默德 (Muhemmed) in pinyin has no other sign of pinyin; Uyghur words rarely have n-m.
    assert detect_script("Nigare Muhanmode") == "zh-Latn-pinyin"
    assert match_key("Nigare Muhanmode") == match_key("Nigare Muhemmed")


def test_an_n_before_m_in_a_word_that_is_not_pinyin_stays_informal() -> None:
    assert detect_script("Tursunmemet") != "zh-Latn-pinyin"
