"""A Chinese transcription closes a Uyghur word with a character of its own for the last consonant.

Characters such as 木 (m), 提 (t), 力 (l) and 孜 (z) carry a vowel that is not pronounced when
they close a syllable. Which of several such characters in a row are closing ones is read from
the end of the word, where Uyghur names mostly end in a consonant.
"""

from __future__ import annotations

import pytest

from guwah.names import phonetic, transliterate


@pytest.mark.parametrize(
    ("chinese", "uly"),
    [
        ("阿力木", "Alim"),
        ("卡斯木", "Qasim"),
        ("米吉提", "Mijit"),
        ("马木提", "Mamut"),
        ("奥布力", "Obul"),
        ("萨力赫", "Salih"),
        ("阿布力孜", "Abliz"),
        ("木拉提", "Mulat"),
        ("买买提", "Memet"),
    ],
)
def test_the_last_consonant_character_closes_the_word(chinese: str, uly: str) -> None:
    assert transliterate(chinese, "uly") == uly
    assert phonetic(chinese) == phonetic(uly)
