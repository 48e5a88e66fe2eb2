"""Telling which script a name is written in."""

from __future__ import annotations

import pytest

from guwah.names import detect_script


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
